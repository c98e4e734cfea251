import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { ManualClock } from '../../src/common/clock';
import { DepartmentsService } from '../../src/consultations/departments.service';
import { ConsultationEntity, ConsultationActionEntity } from '../../src/consultations/consultation.entities';
import { aConcern, ticketsOf } from '../factories/ticket.factory';
import { startTestApp, TestApp } from '../support/app';
import { ARTIFACTS, describeWithChromium, launchChromium, signInConsole, watchPage } from '../support/browser';

describeWithChromium('consultations in a browser on a phone', () => {
  const clock = new ManualClock(new Date('2026-11-02T01:00:00Z'));
  let t: TestApp;
  let browser: Browser;
  const problems: string[] = [];

  beforeAll(async () => {
    t = await startTestApp('sqlite', { clock });
    const s = ticketsOf(t.app);
    for (const text of ['滨河新区第三小学门口上下学时段拥堵严重，学生过马路很危险，希望增设护学岗。', '滨河新区第三小学门口上下学拥堵，学生过马路很危险，希望有护学岗。', '第三小学门口上下学时段拥堵，学生过马路危险。']) {
      await s.resident.fileConcern(aConcern({ text }));
    }
    await t.app.get(DepartmentsService).save({ code: 'traffic-police', name: '市公安局交警大队', contactName: null, contactPhone: null, wecomUserid: null, active: true });
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function phone(userid: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
    watchPage(page, problems);
    await signInConsole(page, t, userid);
    return page;
  }
  const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  it('a member makes a topic from a hot topic, plans the consultation with a department and records the minutes with an action', async () => {
    const page = await phone('zhangwei');
    await page.goto(`${t.url}/console#/consultations`);
    await page.locator('[data-test=hot-topics]').waitFor();
    if (!(await page.locator('[data-test=make-topic]').count())) throw new Error(`no hot topic: ${problems.join('; ')} ${await page.locator('main').textContent()}`);
    await page.locator('[data-test=hot-topics] [data-test=make-topic]').first().click();
    await page.locator('[data-test=select-form]').waitFor();
    await expect(page.locator('[data-test=topic-state]').textContent()).resolves.toBe('待选题');
    await page.click('[data-test=select-submit]');
    await page.locator('[data-test=plan-form]').waitFor();
    await page.fill('[data-test=plan-starts]', '2026-11-05T15:00');
    await page.fill('[data-test=plan-agenda]', '一、群众反映情况；二、交警大队回应；三、议定措施');
    await page.check('[data-dept=traffic-police]');
    expect(await fitsWidth(page)).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'consultations-phone-plan.png'), fullPage: true });
    await page.click('[data-test=plan-submit]');
    await page.locator('[data-test=consultation]').waitFor();
    await expect(page.locator('[data-test=participants] li').allTextContents()).resolves.toEqual(expect.arrayContaining([expect.stringContaining('市公安局交警大队'), expect.stringContaining('群众')]));
    // Residents' names are masked for members.
    expect(await page.locator('[data-test=participants]').textContent()).not.toContain('李小明');

    await page.fill('[data-test=minutes-text]', '交警大队同意上下学时段增派警力，工作室联系学校组织护学岗。');
    await page.click('[data-test=add-action]');
    await page.fill('[data-test=new-action-0] [data-test=action-what]', '校门口增设人行横道信号灯');
    await page.fill('[data-test=new-action-0] [data-test=action-deadline]', '2026-11-12T17:00');
    await page.click('[data-test=minutes-submit]');
    await page.locator('[data-test=actions] li').first().waitFor();
    await expect(page.locator('[data-test=consultation-state]').textContent()).resolves.toBe('已召开');
    await expect(page.locator('[data-test=actions]').textContent()).resolves.toContain('校门口增设人行横道信号灯');
    expect(await fitsWidth(page)).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'consultations-phone-minutes.png'), fullPage: true });

    const ds = ticketsOf(t.app).repo.dataSource;
    const [held] = await ds.getRepository(ConsultationEntity).find();
    expect(held).toMatchObject({ state: 'held', place: '滨河新区街道便民服务中心二楼', startsAt: new Date('2026-11-05T07:00:00Z') });
    const [action] = await ds.getRepository(ConsultationActionEntity).find();
    expect(action).toMatchObject({ what: '校门口增设人行横道信号灯', deadline: new Date('2026-11-12T09:00:00Z'), state: 'open' });

    // On a phone the navigation is a drawer behind the menu button.
    await page.click('.menu-button');
    await page.click('[data-nav="/calendar"]');
    await page.locator('[data-test=calendar]').waitFor();
    // The browser's clock is not the service's test clock: open the consultation's week.
    await page.evaluate(() => { window.location.hash = '#/calendar?from=2026-11-05'; });
    await page.locator('[data-test=calendar] [data-date="2026-11-05"]').waitFor();
    await expect(page.locator('[data-date="2026-11-05"]').textContent()).resolves.toMatch(/接待 15:00–17:30，值班：刘红.*协商 15:00 滨河新区第三小学门口/);
    await page.screenshot({ path: join(ARTIFACTS, 'consultations-phone-calendar.png'), fullPage: true });
    expect(problems).toEqual([]);
  }, 60_000);
});
