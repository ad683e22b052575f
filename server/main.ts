import { startServer } from './app';
import { loadConfig } from './config';
import { demoBanner, seedDemo } from './seedDemo';

const config = loadConfig();
const running = await startServer(config);
const baseUrl = config.publicUrl ?? running.url;
if (config.seedDemo) {
  const links = await seedDemo(running.store, config.dataDir, baseUrl, running.log);
  // Plain text on the terminal, not through pino, so the secret links never become a log line.
  process.stdout.write(demoBanner(links, baseUrl, config.dataDir));
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
