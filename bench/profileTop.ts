import fs from 'node:fs';
import path from 'node:path';

// Summarises a V8 .cpuprofile (node --cpu-prof): self and inclusive time per function, ours first.
// Usage: npx tsx bench/profileTop.ts <file-or-dir> [top=25]

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const target = process.argv[2] ?? '/tmp/rt-prof';
const top = Number(process.argv[3] ?? 25);
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
const label = (n: ProfileNode) => {
  const url = n.callFrame.url.replace('file://', '').replace(root + '/', '');
  return `${n.callFrame.functionName || '(anonymous)'} ${url}:${n.callFrame.lineNumber + 1}`;
};
const area = (n: ProfileNode) => {
  const url = n.callFrame.url.replace('file://', '').replace(root + '/', '');
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
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
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
console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled`);
print('self time by area', areas);
print('self time, top functions', self, (k) => !k.startsWith('(idle)'));
print('inclusive time, our code (server/, shared/)', inclusive, (k) => / (server|shared)\//.test(k));
