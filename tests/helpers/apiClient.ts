import type { CreateEventInput } from '../../shared/schemas';
import type { EventInfo, EventLinks } from '../../shared/types';

/** A thin fetch wrapper that keeps one visitor's cookies, as a browser would. */
export class ApiClient {
  readonly cookies = new Map<string, string>();
  constructor(readonly baseUrl: string) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.cookies.size ? { cookie: this.cookieHeader } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
    return res;
  }

  async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.request(method, path, body);
    const data = (await res.json()) as T;
    if (!res.ok) throw new Error(`${method} ${path} -> ${res.status} ${JSON.stringify(data)}`);
    return data;
  }
}

export const sampleEvent: CreateEventInput = {
  title: 'Test learning event',
  date: '2026-06-18',
  organiser: 'Test Council',
  introduction: 'An event for tests.',
  objectives: ['Learn'],
  agenda: [{ item: 'Welcome', who: 'Chair' }],
};

export interface CreatedTestEvent {
  info: EventInfo;
  links: EventLinks;
  facilitator: ApiClient;
  organiser: ApiClient;
  /** The facilitator's session identity: cards they write must carry it (the server checks authorship). */
  facilitatorAuthor: { authorId: string; authorName: string };
}

/** Creates an event and signs a facilitator and an organiser in through their links. */
export async function createTestEvent(baseUrl: string, input: CreateEventInput = sampleEvent): Promise<CreatedTestEvent> {
  const creator = new ApiClient(baseUrl);
  const { info, links } = await creator.json<{ info: EventInfo; links: EventLinks }>('POST', '/api/events', input);
  const facilitator = new ApiClient(baseUrl);
  await facilitator.json('POST', `/api/events/${info.id}/session`, { key: new URL(links.facilitator).hash.slice('#key='.length) });
  const organiser = new ApiClient(baseUrl);
  await organiser.json('POST', `/api/events/${info.id}/session`, { key: new URL(links.organiser).hash.slice('#key='.length) });
  const { me } = await facilitator.json<{ me: { participantId: string; name: string } }>('GET', `/api/events/${info.id}`);
  return { info, links, facilitator, organiser, facilitatorAuthor: { authorId: me.participantId, authorName: me.name } };
}

export async function joinAsParticipant(baseUrl: string, joinCode: string, name: string, roomId?: string): Promise<ApiClient & { participantId: string; roomId: string }> {
  const client = new ApiClient(baseUrl);
  const joined = await client.json<{ participantId: string; roomId: string }>('POST', '/api/join', { joinCode, name, roomId });
  return Object.assign(client, joined);
}
