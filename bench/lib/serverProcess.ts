import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { pinnedNode } from './proc';

export type ServerKind = 'ours' | 'reference' | 'raw';

export const serverFiles: Record<ServerKind, string> = {
  ours: 'bench/servers/ours.ts',
  reference: 'bench/servers/reference.ts',
  raw: 'bench/servers/rawRelay.ts',
};

export interface BenchServer {
  kind: ServerKind;
  pid: number;
  port: number;
  httpBase: string;
  wsBase: string;
  stop(): Promise<void>;
}

/** Starts one server in its own process (pinned to `cpu`), resolving once it printed its port. */
export function startBenchServer(kind: ServerKind, opts: { cpu: number | null; dataDir?: string; nodeArgs?: string[]; env?: Record<string, string> }): Promise<BenchServer> {
  const [cmd, args] = pinnedNode(opts.cpu, opts.nodeArgs ?? [], serverFiles[kind]);
  const child: ChildProcess = spawn(cmd, args, {
    env: { ...process.env, ...(opts.dataDir ? { BENCH_DATA_DIR: opts.dataDir } : {}), ...opts.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
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
