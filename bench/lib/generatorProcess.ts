import { spawn } from 'node:child_process';
import type { FanoutRequest, IdleRequest, IdleResult, JoinGroupResult, JoinRequest, StepResult } from '../load/protocol';
import { pinnedNode } from './proc';

export interface Generator {
  pid: number;
  fanout(req: Omit<FanoutRequest, 'cmd'>): Promise<StepResult[]>;
  idle(req: Omit<IdleRequest, 'cmd'>): Promise<IdleResult>;
  join(req: Omit<JoinRequest, 'cmd'>): Promise<JoinGroupResult[]>;
  close(): Promise<void>;
}

/** The load-generator child process (pinned to `cpu`), driven over IPC. */
export async function startGenerator(cpu: number | null, cwd: string): Promise<Generator> {
  const [cmd, args] = pinnedNode(cpu, [], 'bench/load/generator.ts');
  const child = spawn(cmd, args, { cwd, stdio: ['ignore', 2, 2, 'ipc'] });
  const waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let nextId = 1;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.on('exit', (code) => {
    for (const w of waiting.values()) w.reject(new Error(`load generator exited (${code})`));
    waiting.clear();
  });
  child.on('message', (msg: { id: number; result?: unknown; error?: string }) => {
    const w = waiting.get(msg.id);
    waiting.delete(msg.id);
    if (msg.error) w?.reject(new Error(msg.error));
    else w?.resolve(msg.result);
  });
  const call = <T>(id: number, req?: unknown): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      if (req) child.send({ id, req });
    });
  await call<string>(0);
  return {
    pid: child.pid!,
    fanout: (req) => call(nextId++, { cmd: 'fanout', ...req }),
    idle: (req) => call(nextId++, { cmd: 'idle', ...req }),
    join: (req) => call(nextId++, { cmd: 'join', ...req }),
    async close() {
      child.send({ id: nextId++, req: { cmd: 'exit' } });
      const killer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(killer);
    },
  };
}
