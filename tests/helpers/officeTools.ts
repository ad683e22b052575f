import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { promisify } from 'node:util';
import { onPath } from './externalNeeds';

// The programs a reader's check of our exports uses: LibreOffice (headless) and poppler. Tests that need
// them ask externalNeeds.ts first (left out with the reason on a laptop without them, a failure in CI).

const run = promisify(execFile);

const packages: Record<string, string> = { soffice: 'libreoffice-writer-nogui', pdftotext: 'poppler-utils', pdfinfo: 'poppler-utils', pdffonts: 'poppler-utils', pdftoppm: 'poppler-utils' };

/** Throws, naming the Debian packages to install, unless every program is on PATH. */
export function requirePrograms(...programs: string[]): void {
  const missing = programs.filter((p) => !onPath(p));
  if (missing.length) {
    const install = [...new Set(missing.map((p) => packages[p] ?? p))].join(' ');
    throw new Error(`${missing.join(', ')} not found: run \`apt-get install ${install}\` (CI's .ci/run installs libreoffice-writer-nogui poppler-utils)`);
  }
}

/** LibreOffice's first start in a fresh profile builds it, which is slow on a busy machine. */
export const libreOfficeTimeoutMs = 180_000;

/** A private working folder, removed by the returned cleanup. */
export function scratchFolder(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Converts a file with LibreOffice headless, as a reader opening it would see it, and returns the
 * output's path. Each call's own user profile in `dir` keeps parallel runs from sharing one.
 */
export async function convertWithLibreOffice(input: { name: string; bytes: Buffer }, format: string, dir: string): Promise<string> {
  requirePrograms('soffice');
  const inputPath = join(dir, input.name);
  writeFileSync(inputPath, input.bytes);
  const outDir = join(dir, `out-${format.replace(/\W/g, '-')}`);
  const profile = `file://${join(dir, `profile-${format.replace(/\W/g, '-')}`)}`;
  const { stdout, stderr } = await run('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', format, '--outdir', outDir, inputPath], {
    timeout: libreOfficeTimeoutMs,
  });
  const output = join(outDir, `${basename(inputPath, extname(inputPath))}.${format.split(':')[0]}`);
  // soffice exits 0 even when it could not read the file; then it writes nothing.
  if (!existsSync(output)) throw new Error(`LibreOffice wrote no ${format} for ${input.name}:\n${stdout}\n${stderr}`);
  return output;
}

/** Unicode's explicit direction marks, which pdftotext wraps right-to-left runs in. */
const directionMarks = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** The text pdftotext reads from a PDF, in reading order, without direction marks. */
export async function pdftotext(pdfPath: string): Promise<string> {
  requirePrograms('pdftotext');
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', pdfPath, '-'], { maxBuffer: 16 * 1024 * 1024 });
  return stdout.replace(directionMarks, '');
}
