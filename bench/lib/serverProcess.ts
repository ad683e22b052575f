import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import type { MemoryQuery, ServerMemory } from '../servers/benchChannel';
import type { BaselineBuild } from './baselineBuild';
import { compileBenchServers, compiledServerFile } from './compileServers';
import { pinnedNode } from './proc';

export type ServerKind = 'ours' | 'reference' | 'raw';


export interface BenchServer {
  kind: ServerKind;
  pid: number;
  port: number;
  httpBase: string;
  wsBase: string;
  /** Heap and loaded documents, asked over the IPC channel; `gc` runs a full collection first. */
  memory(gc?: boolean): Promise<ServerMemory>;
  stop(): Promise<void>;
}

/** Asks the server wrapper (bench/servers/benchChannel.ts) for its memory over IPC. */
function memoryQueries(child: ChildProcess, kind: ServerKind): (gc?: boolean) => Promise<ServerMemory> {
  const waiting = new Map<number, (memory: ServerMemory) => void>();
  let nextId = 1;
  child.on('message', (msg: { id: number; memory: ServerMemory }) => {
    waiting.get(msg.id)?.(msg.memory);
    waiting.delete(msg.id);
  });
  return (gc = true) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        waiting.delete(id);
        reject(new Error(`${kind} server did not answer a memory query`));
      }, 15_000);
      waiting.set(id, (memory) => {
        clearTimeout(timer);
        resolve(memory);
      });
      child.send({ id, cmd: 'memory', gc } satisfies MemoryQuery);
    });
}

/**
 * The Node.js flags `npm start` runs our server with (package.json's start script), so that the bench measures
 * the process a deployment runs. The other servers run with Node's defaults, as they ship.
 */
export function productionNodeFlags(repoRoot = fileURLToPath(new URL('../..', import.meta.url))): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const start = /\bnode((?:\s+--\S+)*)\s+dist\/server\/main\.js/.exec(pkg.scripts.start ?? '');
  if (!start) throw new Error('package.json start script does not run node … dist/server/main.js');
  return start[1]!.trim().split(/\s+/).filter(Boolean);
}

/** Starts one server in its own process (pinned to `cpu`, --expose-gc for heap readings), resolving once it printed its port. */
export async function startBenchServer(
  kind: ServerKind,
  opts: { cpu: number | null; dataDir?: string; nodeArgs?: string[]; env?: Record<string, string>; baseline?: BaselineBuild },
): Promise<BenchServer> {
  await compileBenchServers();
  // A baseline is ours as an earlier commit built it (bench/lib/baselineBuild.ts), with that commit's flags.
  const flags = kind === 'ours' ? productionNodeFlags(opts.baseline?.root) : [];
  const [cmd, args] = pinnedNode(opts.cpu, ['--expose-gc', ...flags, ...(opts.nodeArgs ?? [])], opts.baseline?.file ?? compiledServerFile(kind));
  const child: ChildProcess = spawn(cmd, args, {
    env: { ...process.env, ...(opts.dataDir ? { BENCH_DATA_DIR: opts.dataDir } : {}), ...opts.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const memory = memoryQueries(child, kind);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${kind} server did not start`)), 30_000);
    child.once('exit', (code) => reject(new Error(`${kind} server exited early (${code})`)));
    const lines = createInterface({ input: child.stdout! });
    let started = false;
    lines.on('line', (line) => {
      if (started || !line.startsWith('{"port"')) {
        process.stderr.write(`[${kind}] ${line}\n`);
        return;
      }
      started = true;
      clearTimeout(timer);
      const { port, pid } = JSON.parse(line) as { port: number; pid: number };
      resolve({
        kind,
        pid,
        port,
        httpBase: `http://127.0.0.1:${port}`,
        wsBase: `ws://127.0.0.1:${port}/yjs`,
        memory,
        async stop() {
          child.kill('SIGTERM');
          const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
          await exited;
          clearTimeout(killer);
        },
      });
    });
  });
}
