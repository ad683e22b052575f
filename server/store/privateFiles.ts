import fs from 'node:fs';

// DATA_DIR holds card text, participants' names and the session signing key, so whatever Roundtable
// creates there is readable by its own user only. Modes are set explicitly (fchmod/chmod) because the
// mode given to open/mkdir is reduced by the process umask, and a umask of 0 would leave files 0666.

export const privateFileMode = 0o600;
export const privateDirMode = 0o700;

/** Creates the folder (0700) if it is missing; an existing folder keeps the mode its owner chose. */
export function ensurePrivateDir(dir: string): void {
  if (fs.existsSync(dir)) return;
  fs.mkdirSync(dir, { recursive: true, mode: privateDirMode });
  fs.chmodSync(dir, privateDirMode);
}

/** Opens (creating if needed) a file that only its owner may read or write. */
export function openPrivateFile(file: string, flags: number): number {
  const fd = fs.openSync(file, flags, privateFileMode);
  fs.fchmodSync(fd, privateFileMode);
  return fd;
}

/** Writes a whole file owner-only, including when it already existed with a wider mode. */
export function writePrivateFile(file: string, data: string): void {
  const fd = openPrivateFile(file, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_TRUNC);
  try {
    fs.writeFileSync(fd, data);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Tightens a file an earlier version may have left group- or world-readable. Missing files are fine, and
 * so are files another user owns (a mounted secret, say): their mode is that owner's decision.
 */
export function makePrivate(file: string): void {
  try {
    fs.chmodSync(file, privateFileMode);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'EPERM') throw error;
  }
}
