import fs from 'node:fs';
import type { Cell, CellOf } from './scenarios';

// Renders a bench JSON report as Markdown tables: `npx tsx bench/report.ts bench.json`.

const report = JSON.parse(fs.readFileSync(process.argv[2] ?? '/dev/stdin', 'utf8')) as { cells: Cell[] };
const servers = ['ours', 'reference', 'raw'] as const;
const cell = <S extends Cell['scenario']>(s: S, server: string) =>
  report.cells.find((c): c is CellOf<S> => c.scenario === s && c.server === server);
const lines: string[] = [];

lines.push('| scenario | server | in/s → out/s | p50 | p95 | p99 | max ms | probe p99 | delivery | server CPU % | RSS MB | gen CPU % (loop delay p99 / max ms) | foreign CPU % (core 0/1) | valid |');
lines.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const s of ['event', 'busy', 'plenary', 'saas'] as const) {
  for (const server of servers) {
    const c = cell(s, server);
    if (!c) continue;
    const l = c.latencyMs;
    // Reports from before the generator recorded its loop delay have none.
    const loop = c.generatorLoopDelayMs ? ` (${c.generatorLoopDelayMs.p99} / ${c.generatorLoopDelayMs.max})` : '';
    lines.push(
      `| ${s} ${c.rooms}×${c.clientsPerRoom} @${c.ratePerClient} | ${server} | ${Math.round(c.inPerSec)} → ${Math.round(c.outPerSec)} | ${l.p50} | ${l.p95} | ${l.p99} | ${l.max} | ${c.probeLatencyMs?.p99 ?? '—'} | ${c.delivery} | ${c.serverCpuPct} | ${c.serverRssMB} | ${c.generatorCpuPct}${loop} | ${c.foreignCpuPct.join(' / ')} | ${c.valid ? 'yes' : `no (${c.invalidReasons.join('; ')})`} |`,
    );
  }
}
lines.push('', '| repeated cell | server | runs: server CPU %, p99 ms (valid) — the table shows the median-CPU run |', '| --- | --- | --- |');
for (const s of ['event', 'busy'] as const) {
  for (const server of servers) {
    const c = cell(s, server);
    if (c?.repeats) lines.push(`| ${s} | ${server} | ${c.repeats.map((r) => `${r.serverCpuPct} %, ${r.p99} ms${r.valid ? '' : ' (invalid)'}`).join(' · ')} |`);
  }
}
lines.push('', '| ramp (20×10, rate doubling) | max sustained in/s (out/s) | stopped because | steps (in/s: p99 ms, server CPU %, foreign core 0 %) |', '| --- | --- | --- | --- |');
for (const server of servers) {
  const c = cell('ramp', server);
  if (!c) continue;
  const steps = c.steps.map((s) => `${Math.round(s.inPerSec)}: ${s.latencyMs.p99}, ${s.serverCpuPct}, ${s.foreignCpuPct[0]}`).join('; ');
  lines.push(`| ${server} | ${c.maxSustainedInPerSec}${c.lowerBound ? '+' : ''} (${c.maxSustainedOutPerSec}) | ${c.stoppedBecause} | ${steps} |`);
}
lines.push('', '| idle | connections | RSS at 0 MB | RSS at N MB | KB per connection | connect all ms |', '| --- | --- | --- | --- | --- | --- |');
for (const server of servers) {
  const c = cell('idle', server);
  if (c) lines.push(`| ${server} | ${c.connections} | ${c.rssBaseMB} | ${c.rssMB} | ${c.kbPerConnection} | ${c.connectMs} |`);
}
lines.push('', '| join | board | step-2 bytes | joiners: first / p50 / last ms (server CPU ms) |', '| --- | --- | --- | --- |');
for (const server of servers) {
  const c = cell('join', server);
  if (!c) continue;
  if (c.skipped) {
    lines.push(`| ${server} | — | — | skipped: ${c.skipped} |`);
    continue;
  }
  const groups = c.groups.map((g) => `${g.label} (${g.joiners}): ${g.firstMs} / ${g.p50Ms} / ${g.lastMs} (${g.serverCpuMs})`).join('; ');
  lines.push(`| ${server} | ${c.boardCards} cards, cold from ${c.coldFrom} | ${c.groups[0]?.bytes ?? 0} | ${groups} |`);
}
lines.push(
  '',
  '| heap (board in memory) | cards | heap MB before / loaded / after unload (full GC) | heap per card (baseline) | external per card | unload delay | unloaded after | docs loaded before / loaded / after | valid |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
);
for (const server of servers) {
  const c = cell('heap', server);
  if (!c) continue;
  if (c.skipped) {
    lines.push(`| ${server} | — | — | skipped: ${c.skipped} | | | | | |`);
    continue;
  }
  const d = c.loadedDocs;
  const unloaded = c.docUnloadMs === null ? 'never' : c.unloadedAfterMs === null ? 'not within the wait' : `${(c.unloadedAfterMs / 1000).toFixed(1)} s`;
  lines.push(
    `| ${server} | ${c.boardCards} | ${c.heapBeforeMB} / ${c.heapLoadedMB} / ${c.heapAfterUnloadMB ?? '—'} | ${c.heapPerCardBytes} B (${c.heapBaseline}) | ${c.externalPerCardBytes} B | ${c.docUnloadMs === null ? '—' : `${c.docUnloadMs} ms`} | ${unloaded} | ${d.before} / ${d.loaded} / ${d.afterUnload ?? '—'} | ${c.valid ? 'yes' : `no (${c.invalidReasons.join('; ')})`} |`,
  );
}
const w = cell('writeAmp', 'ours');
if (w && !w.skipped) {
  lines.push('', '| writeAmp (ours) | block-layer write bytes | update payload bytes | amplification |', '| --- | --- | --- | --- |');
  for (const k of ['event', 'busy'] as const) {
    const x = w[k];
    if (x) lines.push(`| ${k} (its window only) | ${x.writeBytes} | ${x.payloadBytes} | ${x.amplification}× |`);
  }
  const st = w.settled;
  if (st) lines.push(`| event, ${st.trafficSeconds} s on a fresh server + ${st.settleSeconds} s to fold and unload | ${st.writeBytes} | ${st.payloadBytes} | ${st.amplification}× |`);
  lines.push(`| SQLite file + WAL after busy | ${w.sqliteBytes} | | |`);
}
const two = report.cells.find((c): c is CellOf<'twoServers'> => c.scenario === 'twoServers');
if (two) {
  lines.push('', '| twoServers (PostgreSQL + Redis, rooms split) | in/s → out/s | p50 | p95 | p99 | max ms | probe p99 | delivery | server A / B CPU % (core) | RSS MB A / B | PostgreSQL + Redis CPU % | gen CPU % | valid |');
  lines.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  if (two.skipped || !two.latencyMs) lines.push(`| skipped: ${two.skipped ?? 'no result'} | | | | | | | | | | | | |`);
  else {
    const l = two.latencyMs;
    const [a, b] = two.servers;
    lines.push(
      `| ${two.rooms}×${two.clientsPerRoom} @${two.ratePerClient} | ${Math.round(two.inPerSec ?? 0)} → ${Math.round(two.outPerSec ?? 0)} | ${l.p50} | ${l.p95} | ${l.p99} | ${l.max} | ${two.probeLatencyMs?.p99 ?? '—'} | ${two.delivery} | ${a?.cpuPct} (${a?.cpu}) / ${b?.cpuPct} (${b?.cpu}) | ${a?.rssMB} / ${b?.rssMB} | ${two.servicesCpuPct ?? '—'} | ${two.generatorCpuPct} | ${two.valid ? 'yes' : `no (${two.invalidReasons.join('; ')})`} |`,
    );
  }
}
const flood = report.cells.find((c): c is CellOf<'flood'> => c.scenario === 'flood');
if (flood) {
  lines.push('', `| flood (${flood.rooms}×${flood.clientsPerRoom} event load, ${flood.flooders} flooders) | unloaded | flooded | target |`, '| --- | --- | --- | --- |');
  const { health, unloaded: u, loaded: l } = flood;
  if (flood.skipped || !health || !u || !l) lines.push(`| skipped: ${flood.skipped ?? 'no result'} | | | |`);
  else {
    const f = l.flood;
    const mib = (bytes: number | null | undefined) => (bytes === null || bytes === undefined ? '—' : (bytes / 1048576).toFixed(2));
    const met = (ok: boolean | null) => (ok === null ? '—' : ok ? 'met' : 'missed');
    const hs = (x: typeof health.loaded) => `${x.p50} / ${x.p99} / ${x.max}${x.failed ? ` (${x.failed} of ${x.sent} failed)` : ''}`;
    const t = flood.targets;
    lines.push(`| /api/health p50 / p99 / max ms | ${hs(health.unloaded)} | ${hs(health.loaded)} | p99 ≤ ${t.healthP99Ms} ms: ${met(t.healthMet)} |`);
    lines.push(
      `| other rooms' edits p50 / p99 / max ms (delivery) | ${u.latencyMs.p50} / ${u.latencyMs.p99} / ${u.latencyMs.max} (${u.delivery}) | ${l.latencyMs.p50} / ${l.latencyMs.p99} / ${l.latencyMs.max} (${l.delivery}) | p99 ≤ ${t.otherRoomsP99Ratio}× unloaded: ${flood.otherRoomsP99Ratio ?? '—'}×, ${met(t.otherRoomsMet)} |`,
    );
    lines.push(`| probe p99 ms | ${u.probeLatencyMs?.p99 ?? '—'} | ${l.probeLatencyMs?.p99 ?? '—'} | |`);
    lines.push(`| server CPU % / RSS MB (peak) | ${u.serverCpuPct} / ${u.serverRssMB} (${health.unloaded.serverRssMaxMB}) | ${l.serverCpuPct} / ${l.serverRssMB} (${health.loaded.serverRssMaxMB}) | |`);
    lines.push(`| generator CPU % / foreign CPU % (core 0/1) | ${u.generatorCpuPct} / ${u.foreignCpuPct.join(' / ')} | ${l.generatorCpuPct} / ${l.foreignCpuPct.join(' / ')} | |`);
    if (f) {
      lines.push(`| flood update (each adds new cards) | | ${f.updateBytes} B, ${f.cardsPerUpdate} cards | |`);
      lines.push(`| flood sent → accepted MiB/s (updates) | | ${mib(f.sentBytesPerSec)} → ${mib(f.acceptedBytesPerSec)} (${f.sentUpdates} → ${f.acceptedUpdates ?? '—'}) | |`);
      const counts = (r: Record<string, number>) => Object.entries(r).map(([k, n]) => `${k}: ${n}`).join(', ') || 'none';
      lines.push(`| flooder reconnects; held back at the end; closes by code; refusals | | ${f.connections}; ${f.backlogged} of ${f.flooders}; ${counts(f.closeCodes)}; ${counts(f.refusals)} | |`);
    }
    lines.push(`| valid | | ${flood.valid ? 'yes' : `no (${flood.invalidReasons.join('; ')})`} | |`);
  }
}
const client = report.cells.find((c): c is CellOf<'client'> => c.scenario === 'client');
if (client) {
  const b = client.bundle;
  lines.push('', `| client (${client.cards} cards, ${client.viewport}) | value |`, '| --- | --- |');
  lines.push(`| bundle gzip JS / CSS (raw) | ${(b.jsGzipBytes / 1024).toFixed(1)} KB / ${(b.cssGzipBytes / 1024).toFixed(1)} KB (${(b.jsBytes / 1024).toFixed(0)} / ${(b.cssBytes / 1024).toFixed(0)} KB, ${b.files} files) |`);
  if (client.skipped) lines.push(`| browser | skipped: ${client.skipped} |`);
  else {
    const s = client.scroll!;
    const k = client.keystroke!;
    lines.push(`| all cards in the DOM after navigation | ${client.renderAllCardsMs} ms |`);
    lines.push(`| scroll top → bottom (${s.steps} × ${s.stepPx} px) | ${s.longTasks} long tasks, ${s.longTaskTotalMs} ms total, max ${s.longTaskMaxMs} ms; longest frame ${s.maxFrameMs} ms |`);
    for (const mode of ['online', 'offline'] as const) {
      const x = k[mode];
      lines.push(`| keystroke ${mode} (${x.keys} keys): keydown → value / → frame / CDP round trip, median (max) | ${x.valueMedianMs} (${x.valueMaxMs}) / ${x.frameMedianMs} (${x.frameMaxMs}) / ${x.roundTripMedianMs} ms |`);
    }
  }
}
process.stdout.write(`${lines.join('\n')}\n`);
