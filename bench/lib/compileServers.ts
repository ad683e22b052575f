import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

// The benched servers run as plain JavaScript built ahead of time, as `npm start` runs ours (built by the same
// script, scripts/build-server.mjs): no TypeScript loader in the measured process (tsx cost ours ~50 MB
// resident and 6 s of start-up, and the reference too).

const entries = { ours: 'bench/servers/ours.ts', reference: 'bench/servers/reference.ts', raw: 'bench/servers/rawRelay.ts' } as const;
export type CompiledServer = keyof typeof entries;

const outdir = 'dist/bench';
let built: Promise<void> | undefined;

/** Builds every bench server once per process; the files are then at compiledServerFile(). */
export function compileBenchServers(): Promise<void> {
  built ??= promisify(execFile)(process.execPath, ['scripts/build-server.mjs', outdir, ...Object.values(entries)]).then(() => undefined);
  return built;
}

export function compiledServerFile(kind: CompiledServer): string {
  return path.join(outdir, `${path.basename(entries[kind], '.ts')}.js`);
}
