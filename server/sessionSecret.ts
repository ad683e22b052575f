import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ensurePrivateDir, makePrivate, writePrivateFile } from './store/privateFiles';

/** The HMAC key for tokens: from config, or generated once and kept in DATA_DIR so restarts keep sessions. */
export function loadSessionSecret(dataDir: string, configured?: string): Buffer {
  if (configured) return Buffer.from(configured);
  const file = path.join(dataDir, 'session-secret');
  ensurePrivateDir(dataDir);
  try {
    const stored = fs.readFileSync(file, 'utf8');
    // Anyone who can read this key can forge every session: keep it owner-only even if it was copied in wider.
    makePrivate(file);
    return Buffer.from(stored.trim(), 'base64');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const secret = crypto.randomBytes(32);
    writePrivateFile(file, secret.toString('base64'));
    return secret;
  }
}
