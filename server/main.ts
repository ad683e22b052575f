import { startServer } from './app';
import { loadConfig } from './config';
import { seedDemo } from './seedDemo';

const config = loadConfig();
const running = await startServer(config);
const baseUrl = config.publicUrl ?? running.url;
if (config.seedDemo) {
  const links = await seedDemo(running.store, config.dataDir, baseUrl, running.log);
  {
    console.log(`
  Roundtable is running at ${baseUrl}

  Demo event (kept in ${config.dataDir}/demo-links.json):
    Participants join at  ${links.participant}   (join code ${links.joinCode})
    Facilitator panel     ${links.facilitator}
    Organiser / summary   ${links.organiser}

  Create your own event at ${baseUrl}/new
`);
  }
}

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  running.log.info({ signal }, 'shutting down: committing open documents');
  await running.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
