import { afterAll } from 'vitest';
import { openPostgresStore } from '../../server/store/postgresStore';
import { openSqliteStore } from '../../server/store/sqliteStore';
import type { Store } from '../../server/store/store';
import type { EventInfo } from '../../shared/types';
import { has } from './externalNeeds';
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
  const factories: [string, () => Promise<Store>][] = [['SQLite', async () => openSqliteStore(tempDataDir())]];
  if (has('the PostgreSQL store tests', 'postgres')) {
    factories.push([
      'PostgreSQL',
      async () => {
        const db = await createTempDatabase();
        drops.push(db.drop);
        return openPostgresStore(db.url);
      },
    ]);
  }
  return { factories, drops };
}

/** A small event as the stores keep it: two rooms, one question. */
export function storedEventInfo(id: string, joinCode: string): EventInfo {
  return {
    id,
    title: 'Contract',
    date: '2026-01-02',
    organiser: 'Org',
    introduction: '',
    objectives: [],
    agenda: [],
    templateId: 't',
    questions: [{ id: 'q', prompt: 'Q?' }],
    rooms: [
      { id: 'a', topic: 'A' },
      { id: 'b', topic: 'B' },
    ],
    assignmentMode: 'self-select',
    joinCode,
    createdAt: '2026-01-01T00:00:00.000Z',
  };
}
