import { join } from 'node:path';
import { Browser } from 'playwright-core';
import { fileConcern, resident } from '../dialogs/support/chat';
import { startTestApp, TestApp } from '../support/app';
import { ARTIFACTS, describeWithChromium, launchChromium, signInConsole } from '../support/browser';

describeWithChromium('console renders residents’ text inert', () => {
  let t: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    t = await startTestApp('sqlite');
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows <script> and <img onerror> from a filed concern as text; no dialog opens, nothing runs', async () => {
    const evil = '路灯坏了一个多月<script>window.__xss=1;alert(1)</script><img src=x onerror="window.__xss=2;alert(2)">{{7*7}}';
    const number = await fileConcern(resident(t), evil);

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await signInConsole(page, t, 'office01');
    await page.evaluate((n) => (window.location.hash = `/ticket?number=${encodeURIComponent(n)}`), number);
    const shown = page.getByText('<script>window.__xss=1;alert(1)</script>', { exact: false }).first();
    await shown.waitFor({ timeout: 15_000 });
    await expect(shown.textContent()).resolves.toContain('<img src=x onerror="window.__xss=2;alert(2)">');
    await page.waitForTimeout(500); // an injected img would have failed to load and fired by now
    await page.screenshot({ path: join(ARTIFACTS, 'console-ticket-inert-text.png'), fullPage: true });

    expect(dialogs).toEqual([]);
    await expect(page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).resolves.toBeUndefined();
    await expect(page.locator('img[src="x"]').count()).resolves.toBe(0);
    await expect(page.locator('script', { hasText: '__xss' }).count()).resolves.toBe(0);
    // Vue does not evaluate template syntax inside data
    await expect(page.getByText('{{7*7}}', { exact: false }).count()).resolves.toBeGreaterThan(0);
    await page.close();
  });
});
