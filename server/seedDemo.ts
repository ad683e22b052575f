import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { createEvent, type CreatedEvent } from './events/eventService';
import type { Store } from './store/store';

const demoEvent = {
  title: 'Demo: Adult social care learning event',
  date: new Date().toISOString().slice(0, 10),
  organiser: 'Your organisation',
  introduction:
    'A chance for people who draw on care and support, providers, commissioners and practitioners to reflect on what worked well and plan for the future, using an appreciative approach.',
  objectives: ['Reflect on what has worked well', 'Agree what to build on', 'Plan how we will make it happen'],
  agenda: [
    { item: 'Welcome and introductions', who: 'Facilitator' },
    { item: 'Thinking appreciatively (breakout groups)', who: 'Working groups' },
    { item: 'Review of group learning and next steps', who: 'Facilitator' },
  ],
  assignmentMode: 'self-select' as const,
};

/** On a fresh data folder, creates a demo event; its links are kept in DATA_DIR so every start prints them. */
export async function seedDemo(store: Store, dataDir: string, baseUrl: string, log: Logger): Promise<CreatedEvent['links'] | null> {
  const file = path.join(dataDir, 'demo-links.json');
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as CreatedEvent['links'];
  const created = await createEvent(store, demoEvent, baseUrl);
  fs.writeFileSync(file, JSON.stringify(created.links, null, 2), { mode: 0o600 });
  log.info({ eventId: created.info.id }, 'created the demo event');
  return created.links;
}
