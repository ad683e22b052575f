import { createServer } from 'vite';
import { startServer } from './app';
import { loadConfig } from './config';
import { seedDemo } from './seedDemo';

// Development: the API on PORT (3000) and Vite with hot reload on 5173, proxying /api, /socket.io and /yjs.
const config = loadConfig();
const running = await startServer({ ...config, allowedOrigins: [...config.allowedOrigins, 'http://localhost:5173'] });
const vite = await createServer({ configFile: 'vite.config.ts', server: { port: 5173 } });
await vite.listen();
const links = config.seedDemo ? await seedDemo(running.store, config.dataDir, 'http://localhost:5173', running.log) : null;
console.log(`\n  Roundtable dev: http://localhost:5173 (API on ${running.url})`);
// Link secrets reach the terminal once, when the demo event is created, and never a log.
if (links) console.log(links.created ? `  Demo join code ${links.joinCode}; facilitator ${links.facilitator}\n` : `  Demo join code ${links.joinCode} (links in ${config.dataDir}/demo-links.json)\n`);
