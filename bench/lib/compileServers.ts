import path from 'node:path';
import { build } from 'esbuild';

// The benched servers run as plain JavaScript built ahead of time, as `npm start` runs ours: no TypeScript
// loader in the measured process (tsx cost ours ~50 MB resident and 6 s of start-up, and the reference too).

const entries = { ours: 'bench/servers/ours.ts', reference: 'bench/servers/reference.ts', raw: 'bench/servers/rawRelay.ts' } as const;
export type CompiledServer = keyof typeof entries;

const outdir = 'dist/bench';
let built: Promise<void> | undefined;

/** Builds every bench server once per process; resolves to nothing, the files are at compiledServerFile(). */
export function compileBenchServers(): Promise<void> {
  built ??= build({
    entryPoints: Object.values(entries),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    splitting: true,
    outdir,
    logLevel: 'warning',
  }).then(() => undefined);
  return built;
}

export function compiledServerFile(kind: CompiledServer): string {
  return path.join(outdir, `${path.basename(entries[kind], '.ts')}.js`);
}
