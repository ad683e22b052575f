import { describe, expect, it } from 'vitest';
import type { StoredLogo } from '../../server/store/store';
import { storeFactories, storedEventInfo } from '../helpers/storeFactories';

// The event_logos table behaves the same in SQLite and PostgreSQL: one logo per event, replaced on
// upload, removed on request and with its event.

const { factories } = storeFactories();

describe.each(factories)('%s store: logos', (_name, open) => {
  it('saves, replaces, reads, deletes, and erases the logo with its event', async () => {
    const store = await open();
    try {
      for (const id of ['ev1', 'ev2']) await store.createEvent({ info: storedEventInfo(id, `CODE-${id}`), facilitatorKeyHash: 'f', organiserKeyHash: 'o' });
      const png: StoredLogo = { mime: 'image/png', width: 300, height: 100, bytes: new Uint8Array([137, 80, 78, 71, 0, 255]) };
      const jpeg: StoredLogo = { mime: 'image/jpeg', width: 120, height: 60, bytes: new Uint8Array([255, 216, 255, 0]) };
      expect(await store.getLogo('ev1')).toBeUndefined();
      await store.saveLogo('ev1', png, '2026-01-01T10:00:00.000Z');
      await store.saveLogo('ev2', png, '2026-01-01T10:00:00.000Z');
      expect(await store.getLogo('ev1')).toEqual(png);
      await store.saveLogo('ev1', jpeg, '2026-01-01T11:00:00.000Z');
      expect(await store.getLogo('ev1')).toEqual(jpeg);
      await expect(store.saveLogo('ev1', { ...png, mime: 'image/svg+xml' as 'image/png' }, '2026-01-01T12:00:00.000Z')).rejects.toThrow();
      await store.deleteLogo('ev1');
      expect(await store.getLogo('ev1')).toBeUndefined();
      await store.deleteEvent('ev2', ['board.ev2.']);
      expect(await store.getLogo('ev2')).toBeUndefined();
    } finally {
      await store.close();
    }
  });
});
