import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** The HMAC key for tokens: from config, or generated once and kept in DATA_DIR so restarts keep sessions. */
export function loadSessionSecret(dataDir: string, configured?: string): Buffer {
  if (configured) return Buffer.from(configured);
  const file = path.join(dataDir, 'session-secret');
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  } catch {
    const secret = crypto.randomBytes(32);
    fs.writeFileSync(file, secret.toString('base64'), { mode: 0o600 });
    return secret;
  }
}
