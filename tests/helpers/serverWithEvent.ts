import { createTestEvent, type CreatedTestEvent } from './apiClient';
import { startTestServer } from './testServer';

/** A fresh server with one sample event; the server closes with the test's cleanups. */
export async function serverWithEvent(cleanups: (() => unknown)[]): Promise<{ server: Awaited<ReturnType<typeof startTestServer>>; event: CreatedTestEvent }> {
  const server = await startTestServer();
  cleanups.push(() => server.close());
  const event = await createTestEvent(server.url);
  return { server, event };
}
