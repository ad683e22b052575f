import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const artifactsDir = path.resolve('tests/artifacts');

const systemChromium = '/usr/bin/chromium';

/**
 * The browser the e2e tests drive: CHROMIUM_PATH if set, else Debian's Chromium, else (a fresh machine
 * without it) the Chromium build published on the npm registry, which unpacks itself to /tmp on first use.
 */
export async function chromiumExecutable(): Promise<string> {
  const chosen = process.env.CHROMIUM_PATH;
  if (chosen) {
    if (!fs.existsSync(chosen)) throw new Error(`CHROMIUM_PATH is set to ${chosen}, which does not exist`);
    return chosen;
  }
  if (fs.existsSync(systemChromium)) return systemChromium;
  const { default: npmChromium } = await import('@sparticuz/chromium');
  return npmChromium.executablePath();
}

/** Chromium, headless, with the flags this closed network needs. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: await chromiumExecutable(),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

export function artifactPath(name: string): string {
  fs.mkdirSync(artifactsDir, { recursive: true });
  return path.join(artifactsDir, name);
}
