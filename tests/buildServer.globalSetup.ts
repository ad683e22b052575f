import { execFileSync } from 'node:child_process';

// Tests that run the server as its own process run the compiled one (dist/server), as `npm start` does:
// build it first (about 0.1 s), so it is always the code under test.
export default function buildServer(): void {
  execFileSync(process.execPath, ['scripts/build-server.mjs'], { stdio: 'inherit' });
}
