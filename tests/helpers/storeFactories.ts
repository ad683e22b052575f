import { afterAll } from 'vitest';
import { openPostgresStore } from '../../server/store/postgresStore';
import { openSqliteStore } from '../../server/store/sqliteStore';
import type { Store } from '../../server/store/store';
import { createTempDatabase } from './postgres';
import { tempDataDir } from './testServer';

/**
 * Every store, to run one contract against each: SQLite (the default) and PostgreSQL (several servers).
 * `drops` takes more temporary databases to drop after the file's tests.
 */
export function storeFactories(): { factories: [string, () => Promise<Store>][]; drops: (() => Promise<void>)[] } {
  const drops: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const drop of drops) await drop();
  });
  const factories: [string, () => Promise<Store>][] = [
    ['SQLite', async () => openSqliteStore(tempDataDir())],
    [
      'PostgreSQL',
      async () => {
        const db = await createTempDatabase();
        drops.push(db.drop);
        return openPostgresStore(db.url);
      },
    ],
  ];
  return { factories, drops };
}
