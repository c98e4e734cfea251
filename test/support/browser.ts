import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { LoginLinks } from '../../src/console/auth/login-links';
import type { TestApp } from './app';

/** Debian's Chromium (`apt-get install -y chromium fonts-noto-cjk`; `.ci/run` installs it), never a downloaded one. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Without Chromium on the machine the browser tests are skipped. */
export const describeWithChromium = existsSync(CHROMIUM) ? describe : describe.skip;

/** Starts headless Chromium; screenshots go to `test-artifacts/`. */
export async function launchChromium(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

/** Collects what went wrong on a page: script errors, console errors and failed requests (by their URL). */
export function watchPage(page: Page, problems: string[]): Page {
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  // Failed loads are reported with their URL below; the console's copy of them says less.
  page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console: ${m.text()}`); });
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`); });
  return page;
}

/** Signs `userid` in to the console through a one-time login link and waits for the shell to know them. */
export async function signInConsole(page: Page, app: TestApp, userid: string): Promise<void> {
  const link = await app.app.get(LoginLinks).create(userid, app.url);
  await page.goto(link.url);
  await page.locator('[data-test=who]').waitFor({ state: 'attached' });
}
