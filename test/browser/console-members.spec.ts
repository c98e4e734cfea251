import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { Browser, Page } from 'playwright-core';
import { ManualClock } from '../../src/common/clock';
import { ClassificationCorrectionEntity } from '../../src/tickets/ticket-parts.entity';
import { aConcern, aResident, ticketsOf } from '../factories/ticket.factory';
import { startTestApp, TestApp } from '../support/app';
import { ARTIFACTS, describeWithChromium, launchChromium, signInConsole, watchPage } from '../support/browser';
import { testEngines } from '../support/database';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 900 };
/** Codes and ids that must never reach a member's screen. */
const RAW = /rerouted-by-member|workstation:|sector:|committee:|ws-[a-z]|\b(zhangwei|liuhong|wujing|office01)\b|FILE_CONCERN|concern\.[a-z_]+|config\/org\.yaml|ADMIN_TOKEN|login-link|待接单/;

// Members' journeys through the console (issue 15, console findings 2–10 and 16), on a phone and a desktop screen.
for (const engine of testEngines()) {
  describeWithChromium(`members in the console [${engine}]`, () => {
    // Thursday 3 December 2026, 10:00 in China: a working day.
    const clock = new ManualClock(new Date('2026-12-03T02:00:00Z'));
    let t: TestApp;
    let browser: Browser;
    let s: ReturnType<typeof ticketsOf>;
    const problems: string[] = [];

    beforeAll(async () => {
      t = await startTestApp(engine, { clock });
      s = ticketsOf(t.app);
      browser = await launchChromium();
    }, 120_000);
    afterAll(async () => {
      await browser?.close();
      await t?.close();
    });
    afterEach(() => {
      expect(problems.splice(0)).toEqual([]);
    });

    async function pageAs(userid: string, size = DESKTOP): Promise<Page> {
      const page = await browser.newPage({ viewport: size, locale: 'zh-CN', acceptDownloads: true });
      watchPage(page, problems);
      await signInConsole(page, t, userid);
      return page;
    }

    async function openTicket(page: Page, number: string): Promise<void> {
      await page.goto(`${t.url}/console#/ticket?number=${encodeURIComponent(number)}`);
      await page.locator('[data-test=ticket-number]', { hasText: number }).waitFor();
    }

    async function noOverflowNoCodes(page: Page, shot: string): Promise<void> {
      await expect(page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).resolves.toBeLessThanOrEqual(0);
      expect(await page.locator('body').innerText()).not.toMatch(RAW);
      await page.screenshot({ path: join(ARTIFACTS, `${shot}-${engine}.png`), fullPage: true });
    }

    it('re-routes a misfiled ticket with its sector: the correction is stored for the lexicon, and the page stops offering moves', async () => {
      const { ticket } = await s.resident.fileConcern(aConcern({ text: '滨河小区3号楼前面路面塌陷了，有个大坑，晚上看不见很危险', chosenSector: '教育文体' }));
      const page = await pageAs('zhangwei', PHONE);
      await openTicket(page, ticket.number);
      await page.click('[data-action=reroute]');
      const sector = page.locator('[data-test=reroute-sector]');
      await expect(sector.inputValue()).resolves.toBe('education');
      await expect(sector.locator('option:checked').textContent()).resolves.toBe('教育文体');
      await sector.selectOption({ label: '城乡建设' });
      await expect(page.locator('[data-test=reroute-to] option:checked').textContent()).resolves.toBe('按所选领域自动分派');
      await page.fill('[data-test=reason]', '路面塌陷是城建的事，不是学校');
      await page.click('[data-test=action-submit]');
      await page.locator('[data-test=not-here]').waitFor();
      await expect(page.locator('[data-action]').count()).resolves.toBe(0);
      const rerouted = page.locator('[data-test=timeline] [data-event=rerouted]');
      await expect(rerouted.locator('[data-test=event-actor]').textContent()).resolves.toBe('张伟');
      const why = await rerouted.locator('[data-test=event-reason]').innerText();
      expect(why).toContain('路面塌陷是城建的事');
      expect(why).toContain('委员转派');
      await noOverflowNoCodes(page, 'console-ticket-rerouted-phone');

      const after = (await s.repo.findByNumber(ticket.number))!;
      expect(after.sectorCode).toBe('urban');
      expect(after.workstationCode).not.toBe('ws-binhe');
      const corrections = await s.repo.dataSource.getRepository(ClassificationCorrectionEntity).find({ where: { ticketId: after.id } });
      expect(corrections.map((c) => [c.fromSector, c.toSector, c.createdBy])).toEqual([['教育文体', '城乡建设', 'zhangwei']]);
      // The office's lexicon page reads the same corrections.
      const office = await pageAs('office01');
      const listed = await office.evaluate(async () => (await fetch('/api/admin/lexicon/corrections')).json());
      expect(JSON.stringify(listed)).toContain('路面塌陷');
      await office.close();
      await page.close();
    });

    it('words validation errors in Chinese and marks the field', async () => {
      const { ticket } = await s.resident.fileConcern(aConcern());
      const page = await pageAs('zhangwei', DESKTOP);
      await openTicket(page, ticket.number);
      await page.click('[data-action=reroute]');
      await page.fill('[data-test=reason]', '   ');
      await page.click('[data-test=action-submit]');
      const message = page.locator('[data-field-error=reason]');
      await message.waitFor();
      await expect(message.textContent()).resolves.toBe('必填');
      const alert = await page.locator('[data-test=action-error]').textContent();
      expect(alert).toContain('请检查标红的内容');
      expect(alert).not.toMatch(/[A-Za-z]{3,}/);
      const marked = await page.locator('[data-test=reason]').evaluate((el) => getComputedStyle(el).borderColor);
      expect(marked).toBe('rgb(180, 35, 42)');
      await noOverflowNoCodes(page, 'console-ticket-validation-desktop');
      await page.close();
      // The refused request itself is expected.
      problems.splice(0, problems.length, ...problems.filter((p) => !(p.startsWith('400 ') && p.endsWith('/reroute'))));
    });

    it('keeps a taken ticket in 我的工单 and under "assigned to me", names people, and shows what the resident said, the deadlines and the rating', async () => {
      const resident = aResident();
      const { ticket } = await s.resident.fileConcern(aConcern({ resident, text: '滨河新区第二中学旁边的篮球场灯坏了，晚上孩子们没法打球', since: '上个月开始', affected: '附近三个小区的孩子' }));
      const other = await s.resident.fileConcern(aConcern({ text: '滨河新区图书馆周末开门太晚，能不能早点开' }));
      const anonymous = await s.resident.fileConcern(aConcern({ text: '滨河新区实验小学收费不透明', anonymous: true, name: undefined, phone: undefined }));
      const page = await pageAs('liuhong', PHONE);
      const card = page.locator(`[data-ticket="${ticket.number}"]`);
      await card.waitFor();
      // The queue says which deadline is which: the answer the resident was promised, and the time to take it.
      await expect(card.locator('[data-test=answer-deadline]').textContent()).resolves.toMatch(/^答复时限 12\/10/);
      await expect(card.locator('[data-test=take-deadline]').textContent()).resolves.toMatch(/^买单时限 12\/4/);
      await noOverflowNoCodes(page, 'console-queue-phone');

      await card.locator('a').click();
      await expect(page.locator('[data-test=since]').textContent()).resolves.toBe('上个月开始');
      await expect(page.locator('[data-test=affected]').textContent()).resolves.toBe('附近三个小区的孩子');
      await page.click('[data-action=take]');
      await page.click('[data-test=action-submit]');
      await page.locator('[data-test=action-done]').waitFor();
      await page.click('[data-action=note]');
      await page.fill('[data-test=note-text]', '已联系学校后勤，周五前换灯');
      await page.click('[data-test=action-submit]');
      await expect(page.locator('[data-test=note] [data-test=note-author]').first().textContent()).resolves.toBe('刘红');
      await expect(page.locator('[data-test=timeline] [data-event=taken] [data-test=event-actor]').textContent()).resolves.toBe('刘红');

      await page.goto(`${t.url}/console#/mine`);
      await expect(page.locator('h1').first().textContent()).resolves.toBe('我的工单');
      await page.locator(`[data-ticket="${ticket.number}"]`).waitFor();
      await expect(page.locator(`[data-ticket="${other.ticket.number}"]`).count()).resolves.toBe(0);
      await noOverflowNoCodes(page, 'console-mine-phone');
      await page.goto(`${t.url}/console#/tickets`);
      await page.locator(`[data-ticket="${other.ticket.number}"]`).waitFor();
      await page.check('[data-test=filter-mine]');
      await page.locator(`[data-ticket="${other.ticket.number}"]`).waitFor({ state: 'detached' });
      // The list reloads on the filter: wait for it, then every card left is liuhong's.
      await page.locator(`[data-ticket="${ticket.number}"]`).waitFor();
      for (const assignee of await page.locator('[data-ticket]').allInnerTexts()) expect(assignee).toContain('承办人 刘红');

      await openTicket(page, ticket.number);
      await page.click('[data-action=answer]');
      await page.fill('[data-test=reply]', '灯已经换好了，欢迎晚上去打球');
      await page.click('[data-test=action-submit]');
      await expect(page.locator('[data-test=rating]').textContent()).resolves.toBe('尚未评价');
      // The resident rates by one click, and adds a comment afterwards when asked for one.
      await s.disposition.rate(ticket.number, resident, 'satisfied');
      await page.reload();
      await expect(page.locator('[data-test=rating]').textContent()).resolves.toBe('满意');
      await s.disposition.commentOnRating(ticket.number, resident, '修得很快，谢谢');
      await page.reload();
      await expect(page.locator('[data-test=rating]').textContent()).resolves.toBe('满意：修得很快，谢谢');
      await noOverflowNoCodes(page, 'console-ticket-rated-phone');

      await openTicket(page, anonymous.ticket.number);
      await expect(page.locator('[data-test=resident]').textContent()).resolves.toMatch(/^匿名/);
      await page.close();
    });

    it('says before 退单 that the ticket goes to the office\'s triage desk, then offers no more moves', async () => {
      const { ticket } = await s.resident.fileConcern(aConcern({ text: '滨河新区二小门口的减速带被压坏了' }));
      await s.lifecycle.take(ticket.number, 'zhangwei', { way: 'bridge', activity: 'micro_inspection' });
      const page = await pageAs('zhangwei', DESKTOP);
      await openTicket(page, ticket.number);
      await page.click('[data-action=return]');
      await expect(page.locator('[data-test=return-warning]').textContent()).resolves.toContain('政协办公室分流台');
      await page.fill('[data-test=reason]', '不属于教育领域');
      let asked = '';
      page.once('dialog', (d) => { asked = d.message(); void d.accept(); });
      await page.click('[data-test=action-submit]');
      await page.locator('[data-test=not-here]').waitFor();
      expect(asked).toContain('分流台');
      await expect(page.locator('[data-action]').count()).resolves.toBe(0);
      await expect((await s.repo.findByNumber(ticket.number))!.workstationCode).toBe('triage');
      await noOverflowNoCodes(page, 'console-ticket-returned-desktop');
      await page.close();
    });

    it('groups two residents\' words about one road and one subsidence: 相似诉求 on each ticket, hot topics on the dashboard', async () => {
      const file = async (text: string) => (await s.resident.fileConcern(aConcern({ text, areaCode: 'xisha', chosenSector: '城乡建设' }))).ticket.number;
      const lampA = await file('西沙街道幸福路路灯坏了一个多星期了，晚上黑漆漆的');
      const lampB = await file('幸福路的路灯晚上不亮，走夜路很害怕');
      const holeA = await file('西沙新村5号楼门口地面塌陷了，有个大坑');
      // The resident filing the second one is offered the first to support.
      const second = await s.resident.fileConcern(aConcern({ text: '西沙新村５号楼那里塌陷越来越大，怕有人掉进去', areaCode: 'xisha', chosenSector: '城乡建设' }));
      expect(second.similar.map((x) => x.number)).toEqual([holeA]);
      const holeB = second.ticket.number;
      const rubbish = await file('幸福路有人乱倒建筑垃圾，没人管');
      const page = await pageAs('wujing', PHONE);
      await openTicket(page, lampA);
      const similar = page.locator('[data-test=similar]');
      await similar.waitFor();
      await expect(similar.innerText()).resolves.toContain(lampB);
      await expect(similar.innerText()).resolves.not.toContain(rubbish);
      await openTicket(page, holeB);
      await expect(page.locator('[data-test=similar]').innerText()).resolves.toContain(holeA);
      await openTicket(page, rubbish);
      await expect(page.locator('[data-test=similar]').count()).resolves.toBe(0);

      await page.goto(`${t.url}/console#/dashboards`);
      const topics = page.locator('[data-test=topics] li');
      await topics.first().waitFor();
      const texts = await topics.allInnerTexts();
      expect(texts.some((x) => x.includes('幸福路') && x.includes('2'))).toBe(true);
      expect(texts.some((x) => x.includes('西沙新村') && x.includes('2'))).toBe(true);
      await noOverflowNoCodes(page, 'console-dashboard-topics-phone');
      await page.close();
    });

    it('counts the end date of the dashboard inclusively (China days) and says when a chart has nothing to draw', async () => {
      const page = await pageAs('office01', DESKTOP);
      await page.goto(`${t.url}/console#/dashboards?from=2026-12-03&to=2026-12-03`);
      const filed = await s.repo.dataSource.getRepository('ticket').count();
      await page.waitForFunction((n) => document.querySelector('[data-test=total]')?.textContent === String(n), filed);
      await page.goto(`${t.url}/console#/dashboards?from=2026-11-02&to=2026-11-03`);
      await page.reload();
      await page.waitForFunction(() => document.querySelector('[data-test=total]')?.textContent === '0');
      await expect(page.locator('[data-test=chart-empty]').count()).resolves.toBe(2);
      await noOverflowNoCodes(page, 'console-dashboard-empty-desktop');
      await page.close();
    });

    it('names the handling member and the pending state in the spreadsheet as in the console', async () => {
      const { ticket } = await s.resident.fileConcern(aConcern({ text: '滨河新区二小食堂饭菜太咸' }));
      await s.lifecycle.take(ticket.number, 'zhangwei', { way: 'expert', activity: 'micro_research' });
      const page = await pageAs('office01', DESKTOP);
      const response = await page.request.get(`${t.url}/api/member/reports/bulletin/export?kind=monthly&period=2026-12`);
      expect(response.status()).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(Buffer.from(await response.body()) as never);
      const sheet = book.worksheets[0];
      const header = sheet.getRow(1).values as string[];
      const column = (name: string) => header.indexOf(name);
      const rows = sheet.getSheetValues().slice(2) as unknown[][];
      const assignees = rows.map((r) => r[column('承办委员')]).filter(Boolean);
      expect(assignees).toEqual(expect.arrayContaining(['刘红', '张伟']));
      const states = rows.map((r) => r[column('状态')]);
      expect(states).toContain('待买单');
      expect(JSON.stringify(rows)).not.toMatch(/zhangwei|liuhong|待接单/);
      await page.close();
    });

    it('shows neither operator commands on the sign-in page nor dialog ids and locale keys on the script pages', async () => {
      const login = await browser.newPage({ viewport: PHONE, locale: 'zh-CN' });
      watchPage(login, problems);
      await login.goto(`${t.url}/console/login`);
      await login.locator('h1').waitFor();
      await noOverflowNoCodes(login, 'console-login-phone');
      await login.close();
      const page = await pageAs('office01', DESKTOP);
      await page.goto(`${t.url}/console#/scripts`);
      await page.locator('[data-dialog=FILE_CONCERN]').waitFor();
      await expect(page.locator('[data-dialog=FILE_CONCERN] td').first().textContent()).resolves.toBe('反映诉求');
      await page.goto(`${t.url}/console#/scripts?id=FILE_CONCERN&tab=funnel`);
      await page.locator('h1', { hasText: '反映诉求' }).waitFor();
      await page.locator('.step-label').first().waitFor();
      expect(await page.locator('table').innerText()).not.toMatch(/concern\.|q_text|default ·/);
      await page.close();
    });
  });
}
