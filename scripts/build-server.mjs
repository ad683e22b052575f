// Compiles the server ahead of time into dist/server (plain JavaScript, no TypeScript loader at run time).
// One bundle of our own code; packages stay in node_modules. Word and PDF export stay separate chunks,
// loaded on first export (server/export/exportFormats.ts).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// `node scripts/build-server.mjs [outdir entry…]`: the server by default; the bench builds its servers the same way.
const [outdir = 'dist/server', ...entries] = process.argv.slice(2);

await build({
  absWorkingDir: repoRoot,
  entryPoints: entries.length ? entries : ['server/main.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  splitting: true,
  outdir,
  sourcemap: true,
  logLevel: 'warning',
});
