import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

// Linux /proc readers: CPU ticks (utime+stime), RSS and block-layer write bytes of a process.

let ticksPerSecond = 100;
try {
  ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
} catch {
  // getconf missing: Linux uses 100 almost everywhere.
}

export interface ProcSample {
  at: number;
  cpuSeconds: number;
  rssBytes: number;
  writeBytes: number;
}

export function cpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

export function rssBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : 0;
}

/**
 * Bytes the process sent towards the block layer: `write_bytes` (counted when a page is dirtied) minus
 * `cancelled_write_bytes` (dirty pages it truncated or deleted before they were written back, e.g. a log
 * file emptied after a fold), as proc(5) describes them.
 */
export function writeBytes(pid: number): number {
  try {
    const io = fs.readFileSync(`/proc/${pid}/io`, 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}: (\\d+)`, 'm').exec(io)?.[1] ?? 0);
    return field('write_bytes') - field('cancelled_write_bytes');
  } catch {
    return 0;
  }
}

export function sample(pid: number): ProcSample {
  return { at: performance.now(), cpuSeconds: cpuSeconds(pid), rssBytes: rssBytes(pid), writeBytes: writeBytes(pid) };
}

/** CPU % of one core between two samples. */
export function cpuPct(a: ProcSample, b: ProcSample): number {
  return round((100 * (b.cpuSeconds - a.cpuSeconds)) / ((b.at - a.at) / 1000), 1);
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export const mb = (bytes: number): number => round(bytes / 1024 / 1024, 1);

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Command and args to run `node file` (through tsx for a .ts file) pinned to a CPU (or unpinned). */
export function pinnedNode(cpu: number | null, nodeArgs: string[], file: string): [string, string[]] {
  const args = [...nodeArgs, ...(file.endsWith('.ts') ? ['--import', 'tsx'] : []), file];
  return cpu === null ? [process.execPath, args] : ['taskset', ['-c', String(cpu), process.execPath, ...args]];
}

/** Busy and total jiffies per CPU from /proc/stat (busy excludes idle and iowait). */
export function cpuTimes(): { busy: number; total: number }[] {
  return fs
    .readFileSync('/proc/stat', 'utf8')
    .split('\n')
    .filter((line) => /^cpu\d+ /.test(line))
    .map((line) => {
      const v = line.trim().split(/\s+/).slice(1).map(Number);
      const total = v.reduce((a, b) => a + b, 0);
      return { busy: total - (v[3] ?? 0) - (v[4] ?? 0), total };
    });
}

/** Busy % of each CPU between two cpuTimes() readings. */
export function coreBusyPct(a: { busy: number; total: number }[], b: { busy: number; total: number }[]): number[] {
  return b.map((x, i) => round((100 * (x.busy - a[i]!.busy)) / Math.max(1, x.total - a[i]!.total), 1));
}

/** Total CPU seconds of every process whose name (comm) is in `comms` (e.g. all postgres backends). */
export function cpuSecondsOfComms(comms: string[]): number {
  let total = 0;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (!comms.includes(comm)) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
    } catch {
      // The process ended between readdir and read.
    }
  }
  return total;
}
