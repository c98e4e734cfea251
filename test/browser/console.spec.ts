import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { ticketHash, ticketUrl } from '../../src/tickets/ticket-links';
import { aConcern, ticketsOf } from '../factories/ticket.factory';
import { resident as residentChat } from '../dialogs/support/chat';
import { startTestApp, TestApp } from '../support/app';
import { ARTIFACTS, describeWithChromium, launchChromium, signInConsole, watchPage } from '../support/browser';

describeWithChromium('console in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  const problems: string[] = [];

  beforeAll(async () => {
    t = await startTestApp('sqlite');
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function newPage(width: number, height: number): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height }, locale: 'zh-CN' });
    watchPage(page, problems);
    return page;
  }

  async function signIn(page: Page, userid: string): Promise<void> {
    await signInConsole(page, t, userid);
  }

  it('signs in with a login link, adds a duty shift in the calendar and still sees it after a reload', async () => {
    const page = await newPage(1280, 900);
    await signIn(page, 'office01');
    await page.click('[data-nav="/org"]');
    await page.locator('[data-test=duty-workstation]').selectOption('ws-binhe');
    const saturday = page.locator('.day').nth(5);
    await saturday.locator('[data-test=duty-add]').click();
    await saturday.locator('[data-test=duty-member]').selectOption('liuhong');
    await saturday.locator('[data-test=duty-weekly]').check();
    await saturday.locator('[data-test=duty-save]').click();
    await saturday.locator('[data-test=duty-entry]', { hasText: '刘红' }).waitFor();

    await page.reload();
    const again = page.locator('.day').nth(5).locator('[data-test=duty-entry]', { hasText: '刘红' });
    await again.waitFor();
    await expect(again.locator('[data-test=duty-remove]').count()).resolves.toBe(1);
    await expect(again.textContent()).resolves.toContain('当值');
    await expect(page.locator('h1').first().textContent()).resolves.toBe('组织架构');
    await page.screenshot({ path: join(ARTIFACTS, 'console-org-duty.png'), fullPage: true });
    expect(problems).toEqual([]);
  });

  it('adds a local day off in the holidays tab and lists it beside calendar.yaml\'s', async () => {
    const page = await newPage(1280, 900);
    await signIn(page, 'office01');
    await page.goto(`${t.url}/console#/org?tab=calendar`);
    await page.locator('[data-test=calendar-year]').waitFor();
    await page.locator('[data-test=calendar-prev]').click();
    await page.locator('[data-test=calendar-year]', { hasText: '2025' }).waitFor();
    await page.locator('[data-test=calendar-next]').click();
    await page.locator('[data-day="2026-10-01"]').waitFor();
    await page.fill('[data-test=calendar-date]', '2026-12-08');
    await page.fill('[data-test=calendar-name]', '地方纪念日');
    await page.click('[data-test=calendar-add]');
    const row = page.locator('[data-day="2026-12-08"]');
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('地方纪念日');
    await expect(page.locator('[data-day="2026-10-01"] [data-test=calendar-remove]').count()).resolves.toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'console-org-calendar.png'), fullPage: true });
    await row.locator('[data-test=calendar-remove]').click();
    await row.waitFor({ state: 'detached' });
    expect(problems).toEqual([]);
  });

  it('fits a phone screen: the menu is a drawer and the members list scrolls sideways', async () => {
    const page = await newPage(390, 844);
    await signIn(page, 'office01');
    const offScreen = async () => { const box = await page.locator('.sidenav').boundingBox(); return box !== null && box.x + box.width <= 0; };
    await expect(offScreen()).resolves.toBe(true);
    await page.click('.menu-button');
    await page.waitForTimeout(300); // the drawer slides in over 0.2 s
    await expect(offScreen()).resolves.toBe(false);
    await page.click('[data-nav="/org"]');
    await page.click('[data-tab=members]');
    await page.locator('[data-member=zhangwei]').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(ARTIFACTS, 'console-mobile-members.png'), fullPage: true });
    expect(problems).toEqual([]);
  });

  it('sends a member without admin rights to an empty queue and hides the admin menu', async () => {
    const page = await newPage(1280, 900);
    await signIn(page, 'zhangwei');
    await page.locator('[data-test=empty-state]').waitFor();
    await expect(page.locator('[data-nav="/org"]').count()).resolves.toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'console-member-queue.png') });
    expect(problems).toEqual([]);
  });

  it('lets a member take a ticket from the queue on a phone and answer it; the resident reads the answer in the web chat', async () => {
    // A web chat resident, so the answer can be picked up with the resident's own cookie.
    const chat = residentChat(t);
    await chat.say('你好');
    const resident = { channel: 'web' as const, externalId: chat.user };
    const { ticket } = await ticketsOf(t.app).resident.fileConcern(aConcern({ resident, areaCode: 'binhe', chosenSector: '教育文体' }));
    const page = await newPage(390, 844);
    await signIn(page, 'liuhong');
    const card = page.locator(`[data-ticket="${ticket.number}"]`);
    await card.waitFor();
    await expect(card.textContent()).resolves.toContain('139****5678');
    await card.locator('a').click();
    await expect(page.locator('[data-test=resident]').textContent()).resolves.toContain('139****5678');
    await page.click('[data-action=take]');
    await page.locator('[data-test=way]').selectOption('expert');
    await page.locator('[data-test=activity]').selectOption('micro_research');
    await page.click('[data-test=action-submit]');
    await page.locator('[data-test=action-done]').waitFor();
    await expect(page.locator('[data-test=resident]').textContent()).resolves.toContain('13912345678');
    await expect(page.locator('[data-test=ticket-state]').textContent()).resolves.toBe('已买单');

    await page.click('[data-action=answer]');
    await page.locator('[data-test=reply]').fill('已协调交警在上下学时段增设护学岗。<b>谢谢</b>');
    await page.click('[data-test=action-submit]');
    await page.locator('[data-test=timeline] [data-event=answered]').waitFor();
    // routing reasons read as sentences, with names, not as stored codes
    const routed = await page.locator('[data-test=timeline] [data-event=routed] [data-test=event-reason]').innerText();
    expect(routed).not.toMatch(/(sector|workstation|committee|area):/);
    expect(routed).toContain('滨河新区委员工作室');
    await expect(page.locator('[data-test=ticket-state]').textContent()).resolves.toBe('已答复');
    await expect(page.locator('[data-test=note]').last().textContent()).resolves.toContain('<b>谢谢</b>'); // text, not markup
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(ARTIFACTS, 'console-ticket-answered.png'), fullPage: true });

    const pending = (await (await fetch(`${t.url}/api/messages/pending`, { headers: { cookie: chat.cookie } })).json()) as Array<{ text: string }>;
    expect(pending.some((m) => m.text.includes('已协调交警在上下学时段增设护学岗'))).toBe(true);
    expect(problems).toEqual([]);
  });

  it("opens a card's re-route link after signing in with a login link, with the re-route form open", async () => {
    const { ticket } = await ticketsOf(t.app).resident.fileConcern(aConcern({ areaCode: 'binhe', chosenSector: '教育文体' }));
    const page = await newPage(390, 844);
    await page.goto(ticketUrl(t.url, { number: ticket.number, action: 'reroute' }));
    await page.waitForURL(/\/console\/login\?next=/);
    expect(new URL(page.url()).searchParams.get('next')).toBe(ticketHash({ number: ticket.number, action: 'reroute' }));
    // The sign-in page forgets nothing when the member signs in another way than the link that sent them.
    await signIn(page, 'zhangwei');
    await page.locator('[data-test=ticket-number]', { hasText: ticket.number }).waitFor();
    await page.locator('[data-form=reroute]').waitFor();
    expect(new URL(page.url()).hash).toBe(ticketHash({ number: ticket.number, action: 'reroute' }));
    await page.screenshot({ path: join(ARTIFACTS, 'console-card-reroute-link.png'), fullPage: true });
    // Who-am-I before signing in is refused: that is what sent the page to sign in.
    expect(problems.splice(problems.findIndex((p) => /^401 .*\/api\/me$/.test(p)), 1)).toHaveLength(1);
    expect(problems).toEqual([]);
  });

  it('shows the sign-in page with the reason when a link is refused, and switches to English', async () => {
    const page = await newPage(1280, 900);
    await page.goto(`${t.url}/console/auth/link?token=nope`);
    await page.locator('[data-test=login-error]').waitFor();
    await expect(page.locator('h1').textContent()).resolves.toBe('登录委员工作台');
    await page.screenshot({ path: join(ARTIFACTS, 'console-login.png') });
    await signIn(page, 'office01');
    await page.locator('[data-test=lang]').selectOption('en');
    await page.locator('[data-nav="/org"]', { hasText: 'Organisation' }).waitFor();
    expect(problems).toEqual([]);
  });
});
