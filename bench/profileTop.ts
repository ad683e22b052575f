import fs from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';

// Summarises a V8 .cpuprofile (node --cpu-prof): self and inclusive time per function, ours first.
// Usage: npx tsx bench/profileTop.ts <file-or-dir> [top=25] [--windows=FILE]
// --windows: only samples inside the measured windows (the file BENCH_WINDOWS_FILE made the generator write).

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface CpuProfile {
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const windowsFile = process.argv.find((a) => a.startsWith('--windows='))?.slice('--windows='.length);
const windows = windowsFile
  ? fs
      .readFileSync(windowsFile, 'utf8')
      .trim()
      .split('\n')
      .map((line) => line.split(' ').map(Number) as [number, number])
  : null;
const target = args[0] ?? '/tmp/rt-prof';
const top = Number(args[1] ?? 25);
const file = fs.statSync(target).isDirectory()
  ? fs
      .readdirSync(target)
      .filter((f) => f.endsWith('.cpuprofile'))
      .map((f) => path.join(target, f))
      .sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0]!
  : target;
const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
const root = process.cwd();

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
// Frames inside a compiled bundle (dist/…/*.js, built with source maps) are named by their source file.
const sourceMaps = new Map<string, SourceMap | null>();
function sourceMapOf(file: string): SourceMap | null {
  if (!sourceMaps.has(file)) {
    const mapFile = `${file}.map`;
    sourceMaps.set(file, fs.existsSync(mapFile) ? new SourceMap(JSON.parse(fs.readFileSync(mapFile, 'utf8'))) : null);
  }
  return sourceMaps.get(file)!;
}
const located = new Map<ProfileNode, { url: string; line: number }>();
function locate(n: ProfileNode): { url: string; line: number } {
  let found = located.get(n);
  if (!found) {
    const file = n.callFrame.url.replace('file://', '');
    const entry = file.endsWith('.js') && n.callFrame.lineNumber >= 0 ? sourceMapOf(file)?.findEntry(n.callFrame.lineNumber, n.callFrame.columnNumber) : undefined;
    // An empty object when the position has no mapping.
    const mapped = entry && 'originalSource' in entry ? (entry as { originalSource: string; originalLine: number }) : null;
    found = mapped
      ? { url: path.resolve(path.dirname(file), mapped.originalSource.replace('file://', '')).replace(root + '/', ''), line: mapped.originalLine }
      : { url: file.replace(root + '/', ''), line: n.callFrame.lineNumber };
    located.set(n, found);
  }
  return found;
}
const label = (n: ProfileNode) => {
  const { url, line } = locate(n);
  return `${n.callFrame.functionName || '(anonymous)'} ${url}:${line + 1}`;
};
const area = (n: ProfileNode) => {
  const { url } = locate(n);
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) return pkg;
  if (url.startsWith('server/') || url.startsWith('shared/')) return 'ours';
  if (url.startsWith('node:')) return 'node';
  return n.callFrame.functionName.startsWith('(') ? n.callFrame.functionName : 'native/other';
};

const self = new Map<string, number>();
const inclusive = new Map<string, number>();
const areas = new Map<string, number>();
let total = 0;
let at = profile.startTime;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  at += dt;
  if (windows && !windows.some(([start, end]) => at >= start && at <= end)) return;
  total += dt;
  const leaf = byId.get(id)!;
  self.set(label(leaf), (self.get(label(leaf)) ?? 0) + dt);
  areas.set(area(leaf), (areas.get(area(leaf)) ?? 0) + dt);
  const seen = new Set<string>();
  for (let n: ProfileNode | undefined = leaf; n; n = byId.get(parent.get(n.id) ?? -1)) {
    const l = label(n);
    if (seen.has(l)) continue;
    seen.add(l);
    inclusive.set(l, (inclusive.get(l) ?? 0) + dt);
  }
});
const pct = (v: number) => `${((100 * v) / total).toFixed(1)}%`.padStart(6);
const print = (title: string, m: Map<string, number>, filter: (k: string) => boolean = () => true) => {
  console.log(`\n${title}`);
  for (const [k, v] of [...m].filter(([k]) => filter(k)).sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(v)}  ${k}`);
};
console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled${windows ? ` in ${windows.length} windows` : ''}`);
print('self time by area', areas);
print('self time, top functions', self, (k) => !k.startsWith('(idle)'));
print('inclusive time, our code (server/, shared/)', inclusive, (k) => / (server|shared)\//.test(k));
