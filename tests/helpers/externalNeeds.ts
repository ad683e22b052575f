import { accessSync, constants } from 'node:fs';
import net from 'node:net';
import { delimiter, join } from 'node:path';

// What some tests need from outside Node.js: PostgreSQL and Redis (the several-servers mode), Poppler and
// LibreOffice (reading exports as a reader would). On a laptop without them those tests are left out and
// the reason is printed; CI (.ci/run) sets ROUNDTABLE_REQUIRE_ALL=1, which makes a missing one a failure.

export type NeedName = 'postgres' | 'redis' | 'poppler' | 'libreoffice';

const requireAll = process.env.ROUNDTABLE_REQUIRE_ALL === '1';

function portAnswers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (answered: boolean) => {
      socket.destroy();
      resolve(answered);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export function onPath(program: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, program), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

const postgresPort = Number(new URL(process.env.TEST_POSTGRES_ADMIN_URL ?? 'postgres://127.0.0.1:5432').port || 5432);
const redisPort = Number(new URL(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379').port || 6379);

const why: Record<NeedName, string> = {
  postgres: `PostgreSQL is not answering on 127.0.0.1:${postgresPort} (start it, or set TEST_POSTGRES_ADMIN_URL)`,
  redis: `Redis is not answering on 127.0.0.1:${redisPort} (start it, or set TEST_REDIS_URL)`,
  poppler: 'Poppler is not installed (apt-get install -y poppler-utils)',
  libreoffice: 'LibreOffice Writer is not installed (apt-get install -y libreoffice-writer-nogui)',
};

const available: Record<NeedName, boolean> = {
  postgres: await portAnswers('127.0.0.1', postgresPort),
  redis: await portAnswers('127.0.0.1', redisPort),
  poppler: ['pdftotext', 'pdfinfo', 'pdffonts', 'pdftoppm'].every(onPath),
  libreoffice: onPath('soffice'),
};

/**
 * Whether the tests that need these can run. A missing need leaves them out with the reason printed,
 * or, under CI's ROUNDTABLE_REQUIRE_ALL=1, fails the file.
 */
export function has(what: string, ...needs: NeedName[]): boolean {
  const missing = needs.filter((need) => !available[need]);
  if (missing.length === 0) return true;
  const reasons = missing.map((need) => why[need]).join('; ');
  if (requireAll) throw new Error(`Cannot run ${what}: ${reasons} (ROUNDTABLE_REQUIRE_ALL=1 makes this a failure).`);
  console.warn(`Left out: ${what}. ${reasons}.`);
  return false;
}
