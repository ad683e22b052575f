import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { RunningServer } from '../../server/app';
import { createTestEvent, type CreatedTestEvent } from './apiClient';
import { launchBrowser } from './browser';
import { startTestServer } from './testServer';

export interface E2eEnvironment {
  server: RunningServer;
  browser: Browser;
  event: CreatedTestEvent;
}

/** One real server, one Chromium and one event per test file; filled in before the tests run. */
export function e2eEnvironment(createEvent: (baseUrl: string) => Promise<CreatedTestEvent> = createTestEvent): E2eEnvironment {
  const env = {} as E2eEnvironment;
  beforeAll(async () => {
    env.server = await startTestServer();
    env.browser = await launchBrowser();
    env.event = await createEvent(env.server.url);
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}
