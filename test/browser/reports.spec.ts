import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { Browser, Page } from 'playwright-core';
import { ManualClock } from '../../src/common/clock';
import { periodContaining } from '../../src/reports/periods';
import { TargetsService } from '../../src/reports/targets.service';
import { TicketEntity } from '../../src/tickets/ticket.entity';
import { generateTickets, ticketsOf } from '../factories/ticket.factory';
import { startTestApp, TestApp } from '../support/app';
import { ARTIFACTS, describeWithChromium, launchChromium, signInConsole, watchPage } from '../support/browser';

describeWithChromium('reports in a browser', () => {
  const clock = new ManualClock(new Date('2026-11-02T01:00:00Z'));
  let t: TestApp;
  let browser: Browser;
  let rows: TicketEntity[];
  const problems: string[] = [];

  beforeAll(async () => {
    t = await startTestApp('sqlite', { clock });
    await generateTickets(ticketsOf(t.app), clock, 60);
    rows = await ticketsOf(t.app).repo.dataSource.getRepository(TicketEntity).find();
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function newPage(userid = 'office01'): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
    watchPage(page, problems);
    await signInConsole(page, t, userid);
    return page;
  }

  it('the dashboard shows the totals the database holds, draws its charts and drills down to a studio', async () => {
    const month = periodContaining('monthly', clock.now()).key;
    await t.app.get(TargetsService).save({ workstationCode: 'ws-binhe', kind: 'monthly', period: month, taken: 10, satisfaction: 0.9 }, month, 'office01');
    const page = await newPage();
    await page.click('[data-nav="/dashboards"]');
    await page.locator('[data-test=total]').waitFor();
    await expect(page.locator('[data-test=total]').textContent()).resolves.toBe(String(rows.length));
    const [{ n }] = await ticketsOf(t.app).repo.dataSource.query('SELECT COUNT(*) AS n FROM ticket');
    expect(Number(n)).toBe(rows.length);
    const open = rows.filter((r) => ['submitted', 'taken', 'in_progress'].includes(r.state)).length;
    await expect(page.locator('[data-test=open]').textContent()).resolves.toBe(String(open));
    await page.locator('[data-test=chart] canvas').first().waitFor();
    await expect(page.locator('[data-test=chart] canvas').count()).resolves.toBeGreaterThanOrEqual(3);
    await page.locator('[data-test=dashboard-targets] tbody tr').first().waitFor();
    await expect(page.locator('[data-test=dashboard-targets] tbody tr').count()).resolves.toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'reports-dashboard-city.png'), fullPage: true });

    await page.click('[data-child=education] a');
    await page.locator('[data-child=ws-binhe] a').click();
    await page.waitForFunction(() => document.querySelector('[data-test=children] [data-child]') !== null && location.hash.includes('workstation=ws-binhe'));
    await page.waitForFunction((expected) => document.querySelector('[data-test=total]')?.textContent === expected, String(rows.filter((r) => r.workstationCode === 'ws-binhe').length));
    await page.screenshot({ path: join(ARTIFACTS, 'reports-dashboard-studio.png'), fullPage: true });
    expect(problems).toEqual([]);
  });

  it('a monthly bulletin renders for print and its XLSX export downloads and opens with masked phones', async () => {
    const page = await newPage();
    await page.goto(`${t.url}/console#/bulletins?kind=monthly&period=2026-11`);
    await page.locator('[data-test=bulletin-total]').waitFor();
    const inMonth = rows.filter((r) => r.createdAt >= new Date('2026-10-31T16:00:00Z') && r.createdAt < new Date('2026-11-30T16:00:00Z'));
    await expect(page.locator('[data-test=bulletin-total]').textContent()).resolves.toBe(String(inMonth.length));
    await expect(page.locator('[data-test=summary] p').count()).resolves.toBeGreaterThan(1);
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.sidenav').isVisible()).resolves.toBe(false);
    await page.screenshot({ path: join(ARTIFACTS, 'reports-bulletin-print.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-test=export]')]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const file = join(ARTIFACTS, download.suggestedFilename());
    await download.saveAs(file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const sheet = book.worksheets[0];
    expect(sheet.rowCount - 1).toBe(inMonth.length);
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    const phones = sheet.getColumn(header.indexOf('联系电话')).values.slice(2).map(String);
    expect(phones.length).toBe(inMonth.length);
    expect(phones.every((p) => /^1\d\d\*{4}\d{4}$/.test(p))).toBe(true);
    expect(problems).toEqual([]);
  });

  it('a member writes a social-conditions report from a ticket, submits it, and the ticket timeline shows it', async () => {
    const page = await newPage('zhangwei');
    const mine = rows.filter((r) => r.workstationCode === 'ws-binhe');
    await page.goto(`${t.url}/console#/ticket?number=${mine[0].number}`);
    await page.click('[data-test=compose-sqmy]');
    await page.locator('[data-test=sqmy-title]').waitFor();
    await page.fill('[data-test=sqmy-more]', mine[1].number);
    await page.getByRole('button', { name: '加入并重新起草' }).click();
    await page.waitForFunction((n) => location.hash.includes(encodeURIComponent(n)) || location.hash.includes(n), mine[1].number);
    await page.locator('[data-test=sqmy-title]').waitFor();
    await expect(page.locator('[data-test=sqmy-title]').inputValue()).resolves.toContain('滨河新区街道');
    await page.screenshot({ path: join(ARTIFACTS, 'reports-sqmy-compose.png'), fullPage: true });
    await page.click('[data-test=sqmy-submit]');
    await page.locator('[data-test=sqmy-state]').waitFor();
    await expect(page.locator('[data-test=sqmy-state]').textContent()).resolves.toBe('已报送');
    await expect(page.locator('[data-test=sqmy-report] .plain-list li').count()).resolves.toBe(2);
    await page.goto(`${t.url}/console#/ticket?number=${mine[1].number}`);
    await page.locator('[data-test=timeline] [data-event=sqmy_submitted]').waitFor();
    expect(problems).toEqual([]);
  });
});
