import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { ManualClock } from '../../src/common/clock';
import { loadOrgConfig } from '../../src/org/org-config';
import { aConcern, generateTickets, ticketsOf } from '../factories/ticket.factory';
import { startTestApp, TestApp } from '../support/app';
import { ARTIFACTS, describeWithChromium, launchChromium, signInConsole, watchPage } from '../support/browser';

/**
 * Every console view as each kind of user sees it, on a phone and on a desktop: a screenshot per view in
 * test-artifacts/, no sideways scrolling of the page, and no stored codes where people read.
 */
const org = loadOrgConfig();
const STATES = ['submitted', 'taken', 'in_progress', 'answered', 'closed', 'reopened', 'merged', 'not_accepted', 'rerouted'];
const CODES = [
  ...org.sectors.map((s) => s.code),
  ...org.committees.map((c) => c.code).filter((c) => c !== 'office'),
  ...STATES,
  ...org.members.map((m) => m.userid),
];
const RAW = new RegExp(`(^|[^A-Za-z0-9_-])(${CODES.map((c) => c.replace(/[-]/g, '\\-')).join('|')})(?![A-Za-z0-9_-])|\\bws-[a-z]+|\\b[A-Z]{3,}_[A-Z_]+\\b`);

const MEMBER_VIEWS = ['/queue', '/tickets', '/ticket', '/dashboards', '/bulletins', '/targets', '/sqmy', '/consultations', '/proposals', '/calendar', '/bookings'];
const ADMIN_VIEWS = [
  ...MEMBER_VIEWS,
  ...['duty', 'members', 'workstations', 'committees', 'areas', 'calendar', 'settings'].map((tab) => `/org?tab=${tab}`),
  '/scripts',
  ...['edit', 'versions', 'funnel'].map((tab) => `/scripts?id=FILE_CONCERN&tab=${tab}`),
  ...['keywords', 'suggestions', 'training'].map((tab) => `/lexicon?tab=${tab}`),
];
const SIZES = [{ width: 390, height: 844 }, { width: 1366, height: 900 }];

describeWithChromium('every console view, phone and desktop', () => {
  const clock = new ManualClock(new Date('2026-11-02T01:00:00Z'));
  let t: TestApp;
  let browser: Browser;
  let number = '';
  const problems: string[] = [];

  beforeAll(async () => {
    t = await startTestApp('sqlite', { clock });
    const numbers = await generateTickets(ticketsOf(t.app), clock, 24);
    // A resident who writes one long sentence without a stop.
    await ticketsOf(t.app).resident.fileConcern(aConcern({ text: '滨河新区第三小学门口每天上下学时段车辆乱停乱放拥堵严重学生过马路很危险希望尽快增设护学岗' }));
    for (const n of numbers) {
      const ticket = await ticketsOf(t.app).repo.findByNumber(n);
      if (ticket!.assigneeUserid === 'zhangwei' && ticket!.residentPhone) number = n;
    }
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function settle(page: Page): Promise<void> {
    await page.locator('main.content .view, main.content section').first().waitFor();
    await page.waitForLoadState('networkidle');
    await page.waitForFunction(() => !document.querySelector('main.content')!.textContent!.includes('加载中'));
    await page.waitForTimeout(150); // charts draw after their data arrives
  }

  /**
   * Text a user can read: the page's text without form values (what the user typed), and without the cells an admin
   * needs as codes (the WeCom account column of the members list, marked data-raw-ok).
   */
  const readable = (page: Page) => page.evaluate(() => {
    let text = document.body.innerText;
    for (const cell of Array.from(document.querySelectorAll('[data-raw-ok]'))) text = text.split((cell as HTMLElement).innerText).join(' ');
    return text;
  });

  async function walk(userid: string, role: string, views: string[]): Promise<string[]> {
    const found: string[] = [];
    for (const size of SIZES) {
      const page = await browser.newPage({ viewport: size, locale: 'zh-CN' });
      watchPage(page, problems);
      await signInConsole(page, t, userid);
      for (const view of views) {
        const hash = view === '/ticket' ? `/ticket?number=${number}` : view;
        await page.goto(`${t.url}/console#${hash}`);
        await settle(page);
        const name = `walk-${role}-${size.width}-${view.replace(/[/?=&]+/g, '-').replace(/^-/, '')}.png`;
        await page.screenshot({ path: join(ARTIFACTS, name), fullPage: true });
        const overflow = await page.evaluate(() => document.scrollingElement!.scrollWidth - window.innerWidth);
        if (overflow > 0) found.push(`${name}: page scrolls sideways by ${overflow}px`);
        const text = await readable(page);
        const raw = text.match(RAW);
        if (raw) found.push(`${name}: raw code "${raw[0].trim()}" in "${text.slice(Math.max(0, raw.index! - 30), raw.index! + 30).replace(/\s+/g, ' ')}"`);
        // A table wider than the screen scrolls inside its wrapper, which says so.
        const hidden = await page.evaluate(() => Array.from(document.querySelectorAll('main table'))
          .filter((table) => table.getBoundingClientRect().width > window.innerWidth)
          .filter((table) => {
            const wrap = table.closest('.table-wrap');
            const hint = wrap ? getComputedStyle(wrap, '::before').content : 'none';
            return hint === 'none' || hint === '""' || hint === 'normal';
          }).length);
        if (hidden) found.push(`${name}: ${hidden} wide table(s) without a scroll hint`);
      }
      await page.close();
    }
    return found;
  }

  it('on a phone a member sees who is signed in, taps a big back link and calls the resident of a taken ticket', async () => {
    const page = await browser.newPage({ viewport: SIZES[0], locale: 'zh-CN' });
    watchPage(page, problems);
    await signInConsole(page, t, 'zhangwei');
    await expect(page.locator('[data-test=who]').isVisible()).resolves.toBe(true);
    await expect(page.locator('[data-test=who]').innerText()).resolves.toBe('张伟 · 委员');
    await page.goto(`${t.url}/console#/ticket?number=${number}`);
    const tel = page.locator('[data-test=resident-tel]');
    await tel.waitFor();
    await expect(tel.getAttribute('href')).resolves.toBe('tel:13912345678');
    const back = await page.locator('[data-test=back]').boundingBox();
    expect(back!.height).toBeGreaterThanOrEqual(44);
    const badge = page.locator('[data-test=ticket-state]');
    expect(parseFloat(await badge.evaluate((e) => getComputedStyle(e).fontSize))).toBeGreaterThanOrEqual(13);

    await page.goto(`${t.url}/console#/tickets`);
    await page.locator('[data-test=ticket-list]').waitFor();
    const colours = await page.evaluate(() => Object.fromEntries(Array.from(document.querySelectorAll('[data-test=ticket-list] .badge[class*=state-]'))
      .map((e) => [e.className, getComputedStyle(e).backgroundColor + getComputedStyle(e).color])));
    // Each state its own colour, none the plain grey every badge had.
    expect(Object.keys(colours).length).toBeGreaterThanOrEqual(2);
    expect(new Set(Object.values(colours)).size).toBe(Object.keys(colours).length);
    expect(Object.values(colours)).not.toContain('rgb(228, 231, 236)rgb(31, 35, 40)');
    // A title cut to fit says it was cut.
    const titles = await page.locator('[data-test=ticket-list] .ticket-title').allInnerTexts();
    const long = titles.filter((title) => Array.from(title).length >= 30);
    expect(long.length).toBeGreaterThan(0);
    expect(long.every((title) => title.endsWith('…'))).toBe(true);
    await page.goto(`${t.url}/console#/dashboards`);
    await settle(page);
    const hint = await page.evaluate(() => getComputedStyle(document.querySelector('main .table-wrap')!, '::before').content);
    expect(hint).toContain('左右滑动');
    await page.close();
    expect(problems).toEqual([]);
  });

  it('a member', async () => {
    await expect(walk('zhangwei', 'member', MEMBER_VIEWS)).resolves.toEqual([]);
    expect(problems).toEqual([]);
  });

  it('a committee head', async () => {
    await expect(walk('head-education', 'head', MEMBER_VIEWS)).resolves.toEqual([]);
    expect(problems).toEqual([]);
  });

  it('an office admin', async () => {
    await expect(walk('office01', 'admin', ADMIN_VIEWS)).resolves.toEqual([]);
    expect(problems).toEqual([]);
  });
});
