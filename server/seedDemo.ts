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

/**
 * On a fresh data folder, creates a demo event. Its links are kept in DATA_DIR as paths, so every start
 * prints them with the address the server has now.
 */
export async function seedDemo(store: Store, dataDir: string, baseUrl: string, log: Logger): Promise<CreatedEvent['links']> {
  const file = path.join(dataDir, 'demo-links.json');
  let links: CreatedEvent['links'];
  if (fs.existsSync(file)) {
    links = JSON.parse(fs.readFileSync(file, 'utf8')) as CreatedEvent['links'];
  } else {
    links = (await createEvent(store, demoEvent, '')).links;
    fs.writeFileSync(file, JSON.stringify(links, null, 2), { mode: 0o600 });
    log.info('created the demo event');
  }
  const absolute = (p: string) => baseUrl + p;
  return { ...links, facilitator: absolute(links.facilitator), organiser: absolute(links.organiser), participant: absolute(links.participant) };
}
