import { boardDocName } from '../../shared/docNames';
import { limits } from '../../shared/limits';
import type { ClientSpec } from '../load/lightClient';
import type { ProbeSpec } from '../load/protocol';
import type { BenchServer } from './serverProcess';

// Rooms and credentials for a cell. Ours: real events and participants through the REST join flow
// (one session cookie each, minted before timing). Reference and raw relay: the same paths, no auth.

export interface RoomPlan {
  docName: string;
  cookies: (string | undefined)[];
}

export interface CellPlan {
  rooms: ClientSpec[][];
  probes: ProbeSpec[];
  docNames: string[];
}

const maxRoomsPerEvent = limits.roomsPerEvent;

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

async function postJson<T>(url: string, body: unknown): Promise<{ data: T; cookie: string }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const data = (await res.json()) as T;
  if (!res.ok) throw new Error(`POST ${url} -> ${res.status} ${JSON.stringify(data)}`);
  const cookie = res.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
  return { data, cookie };
}

interface CreatedEvent {
  info: { id: string; joinCode: string; rooms: { id: string }[] };
}

/**
 * `rooms` rooms with `perRoom` participants each; on our server every participant joins through POST /api/join
 * (member k of a room through `joinVia(k)`, by default the same server; the two-server cell alternates).
 */
export async function planRooms(server: BenchServer, tag: string, rooms: number, perRoom: number, joinVia: (k: number) => BenchServer = () => server): Promise<RoomPlan[]> {
  if (server.kind !== 'ours') {
    return Array.from({ length: rooms }, (_, r) => ({ docName: boardDocName(tag, `r${r}`), cookies: new Array<undefined>(perRoom).fill(undefined) }));
  }
  const plans: RoomPlan[] = [];
  for (let first = 0; first < rooms; first += maxRoomsPerEvent) {
    const count = Math.min(maxRoomsPerEvent, rooms - first);
    const { data } = await postJson<CreatedEvent>(`${server.httpBase}/api/events`, {
      title: `Bench ${tag}`,
      date: '2026-06-18',
      rooms: Array.from({ length: count }, (_, i) => ({ topic: `Room ${first + i}` })),
    });
    const joins = data.info.rooms.flatMap((room) => Array.from({ length: perRoom }, (_, k) => ({ room, k })));
    const cookies = await mapLimit(joins, 16, async ({ room, k }) => {
      const body = { joinCode: data.info.joinCode, name: `Bench ${k}`, roomId: room.id };
      return (await postJson(`${joinVia(k).httpBase}/api/join`, body)).cookie;
    });
    data.info.rooms.forEach((room, i) => {
      plans.push({ docName: boardDocName(data.info.id, room.id), cookies: cookies.slice(i * perRoom, (i + 1) * perRoom) });
    });
  }
  return plans;
}

/** Light clients for the first `lightPerRoom` members of each room; the next members become provider probes. */
export function toCell(server: BenchServer, plans: RoomPlan[], lightPerRoom: number, probeRooms: number[]): CellPlan {
  const spec = (plan: RoomPlan, k: number): ClientSpec => ({ url: `${server.wsBase}/${plan.docName}`, cookie: plan.cookies[k] });
  const used = new Map<number, number>();
  return {
    rooms: plans.map((plan) => Array.from({ length: lightPerRoom }, (_, k) => spec(plan, k))),
    probes: probeRooms.map((room) => {
      const k = lightPerRoom + (used.get(room) ?? 0);
      used.set(room, k - lightPerRoom + 1);
      return { wsBase: server.wsBase, docName: plans[room]!.docName, cookie: plans[room]!.cookies[k], room };
    }),
    docNames: plans.map((p) => p.docName),
  };
}
