import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { createEvent, type CreatedEvent } from './events/eventService';
import { makePrivate, writePrivateFile } from './store/privateFiles';
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

const demoLinksFile = 'demo-links.json';

export type DemoLinks = CreatedEvent['links'] & {
  /** True only on the start that created the demo event: the one time its secret links are shown. */
  created: boolean;
};

/**
 * On a fresh data folder, creates a demo event. Its links are kept owner-only in DATA_DIR as paths, so a
 * later start can still name the join code and where the secret links are, without printing the secrets.
 * The links never go to the logger: logs are shipped and kept where a terminal's scrollback is not.
 */
export async function seedDemo(store: Store, dataDir: string, baseUrl: string, log: Logger): Promise<DemoLinks> {
  const file = path.join(dataDir, demoLinksFile);
  let links: CreatedEvent['links'];
  const created = !fs.existsSync(file);
  if (created) {
    links = (await createEvent(store, demoEvent, '')).links;
    writePrivateFile(file, JSON.stringify(links, null, 2));
    log.info('created the demo event');
  } else {
    makePrivate(file);
    links = JSON.parse(fs.readFileSync(file, 'utf8')) as CreatedEvent['links'];
  }
  const absolute = (p: string) => baseUrl + p;
  return { ...links, facilitator: absolute(links.facilitator), organiser: absolute(links.organiser), participant: absolute(links.participant), created };
}

/** What a start prints to the terminal (never the logger): the secret links only when the demo was just created. */
export function demoBanner(links: DemoLinks, baseUrl: string, dataDir: string): string {
  const secrets = links.created
    ? `    Facilitator panel     ${links.facilitator}
    Organiser / summary   ${links.organiser}

  These two links are secret and shown only now (a copy is in ${path.join(dataDir, demoLinksFile)}).`
    : `    Facilitator and organiser links: ${path.join(dataDir, demoLinksFile)} (readable by this user only)`;
  return `
  Roundtable is running at ${baseUrl}

  Demo event:
    Participants join at  ${links.participant}   (join code ${links.joinCode})
${secrets}

  Create your own event at ${baseUrl}/new

`;
}
