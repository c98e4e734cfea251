import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { ManualClock } from '../../src/common/clock';
import { DepartmentsService } from '../../src/consultations/departments.service';
import { ConsultationEntity, ConsultationActionEntity } from '../../src/consultations/consultation.entities';
import { aConcern, ticketsOf } from '../factories/ticket.factory';
import { startTestApp, TestApp } from '../support/app';
import { ARTIFACTS, describeWithChromium, launchChromium, signInConsole, watchPage } from '../support/browser';
import { OutboxMessageEntity } from '../../src/outbox/outbox-message.entity';
import { call, signInAs } from '../e2e/console.support';

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
    page.on('dialog', (d) => void d.accept());
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
  it('the office keeps the department directory on a phone: Chinese messages for what to fix, edit, deactivate', async () => {
    const page = await phone('office01');
    await page.goto(`${t.url}/console#/queue`);
    await page.click('.menu-button');
    await page.click('[data-nav="/departments"]');
    await page.locator('[data-department=traffic-police]').waitFor();

    await page.click('[data-test=department-add]');
    const form = page.locator('[data-test=department-form]');
    await form.locator('[data-field=code]').fill('traffic-police');
    await form.locator('[data-field=name]').fill('市住房和城乡建设局');
    await form.locator('[data-field=contactPhone]').fill('找老李');
    await form.locator('[data-test=department-save]').click();
    await expect(form.locator('[data-invalid=code]').textContent()).resolves.toBe('这个代码已被其他部门使用。');
    await expect(form.locator('[data-invalid=contactPhone]').textContent()).resolves.toContain('请填写正确的电话号码');
    expect(await fitsWidth(page)).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'departments-phone-invalid.png'), fullPage: true });
    await form.locator('[data-field=code]').fill('housing');
    await form.locator('[data-field=contactName]').fill('陈科长');
    await form.locator('[data-field=contactPhone]').fill('0912-8330000');
    await form.locator('[data-field=wecomUserid]').fill('zj-chen');
    await form.locator('[data-test=department-save]').click();
    await page.locator('[data-department=housing]').waitFor();
    await expect(page.locator('[data-department=housing]').textContent()).resolves.toContain('陈科长 0912-8330000');

    // The contact changes; the code stays as it was.
    await page.click('[data-department=housing] [data-test=department-edit]');
    const edit = page.locator('[data-department=housing] [data-test=department-form]');
    await expect(edit.locator('[data-field=code]').getAttribute('readonly')).resolves.not.toBeNull();
    await edit.locator('[data-field=contactName]').fill('周科长');
    await edit.locator('[data-test=department-save]').click();
    await page.locator('[data-department=housing]', { hasText: '周科长' }).waitFor();

    // Deactivated: hidden from the list and from the members' invitation list, shown again on request.
    await page.click('[data-department=housing] [data-test=department-toggle]');
    await page.locator('[data-department=housing]').waitFor({ state: 'detached' });
    await page.check('[data-test=show-inactive]');
    await expect(page.locator('[data-department=housing]').textContent()).resolves.toContain('已停用');
    expect(await fitsWidth(page)).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'departments-phone-list.png'), fullPage: true });
    const member = await signInAs(t, 'zhangwei');
    const offered = (await call(t.url, '/api/member/departments', { cookie: member.cookie })).json as Array<{ code: string; contactName: string }>;
    expect(offered.map((d) => d.code)).toEqual(['traffic-police']);
    const all = (await call(t.url, '/api/admin/departments', { cookie: (await signInAs(t, 'office01')).cookie })).json as Array<{ code: string; contactName: string; active: boolean }>;
    expect(all.find((d) => d.code === 'housing')).toMatchObject({ contactName: '周科长', active: false });

    // A member has no such menu entry.
    const memberPage = await phone('zhangwei');
    await memberPage.goto(`${t.url}/console#/queue`);
    await memberPage.locator('.menu-button').waitFor();
    await expect(memberPage.locator('[data-nav="/departments"]').count()).resolves.toBe(0);
    expect(problems).toEqual([]);
  }, 60_000);

  it('a member moves a consultation and then calls it off on a phone; the calendar shows it called off', async () => {
    const s = ticketsOf(t.app);
    const filed: string[] = [];
    for (const text of ['幸福小区二号楼电梯三天两头停，老人上下楼很困难。', '幸福小区二号楼电梯老是坏，物业拖着不修。']) filed.push((await s.resident.fileConcern(aConcern({ text }))).ticket.number);
    const zhangwei = await signInAs(t, 'zhangwei');
    const send = (path: string, body: unknown) => call(t.url, path, { method: 'POST', body, cookie: zhangwei.cookie, csrf: zhangwei.csrf });
    const topic = (await send('/api/member/topics', { title: '幸福小区电梯维修', tickets: filed })).json as { id: number };
    await send(`/api/member/topics/${topic.id}/select`, { wayOfWorking: 'bridge', activity: 'micro_consultation' });
    const c = (await send(`/api/member/topics/${topic.id}/consultations`, { startsAt: '2026-11-06T07:00:00Z', agenda: '物业、业主和住建部门商量', members: ['liuhong'] })).json as { id: number };

    const page = await phone('zhangwei');
    await page.goto(`${t.url}/console#/consultations?id=${c.id}`);
    const form = page.locator('[data-test=change-form]');
    await form.waitFor();
    // A time already past is named in Chinese, under the field, as exactly that.
    await page.fill('[data-test=change-starts]', '2026-10-30T09:00');
    await page.click('[data-test=reschedule-submit]');
    await expect(form.locator('[data-field-error=startsAt]').textContent()).resolves.toBe('时间须晚于现在');
    // That refusal was the service's 400, which the page watcher counts; it was expected.
    const refused = problems.findIndex((x) => x.startsWith('400 ') && x.endsWith(`/consultations/${c.id}/reschedule`));
    expect(refused).toBeGreaterThanOrEqual(0);
    problems.splice(refused, 1);
    await page.fill('[data-test=change-starts]', '2026-11-10T09:30');
    await page.fill('[data-test=change-place]', '幸福小区物业办公室');
    await page.fill('[data-test=change-reason]', '住建局同志那天有会');
    await page.click('[data-test=reschedule-submit]');
    await page.locator('[data-test=consultation]', { hasText: '幸福小区物业办公室' }).waitFor();
    expect(await fitsWidth(page)).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'consultations-phone-moved.png'), fullPage: true });
    const ds = s.repo.dataSource;
    expect(await ds.getRepository(ConsultationEntity).findOneBy({ id: c.id })).toMatchObject({ state: 'planned', startsAt: new Date('2026-11-10T01:30:00Z'), place: '幸福小区物业办公室' });
    const told = await ds.getRepository(OutboxMessageEntity).find({ where: { recipient: 'liuhong' } });
    expect(told.map((m) => m.payload.text).join('\n')).toContain('改期：原定2026-11-06 15:00，改为2026-11-10 09:30，幸福小区物业办公室。原因：住建局同志那天有会。');

    await page.fill('[data-test=change-reason]', '物业已答应本周修好电梯');
    await page.click('[data-test=cancel-submit]');
    await page.locator('[data-test=cancelled-note]').waitFor();
    await expect(page.locator('[data-test=consultation-state]').textContent()).resolves.toBe('已取消');
    await expect(page.locator('[data-test=change-form]').count()).resolves.toBe(0);
    await expect(page.locator('[data-test=minutes-form]').count()).resolves.toBe(0);
    await page.evaluate(() => { window.location.hash = '#/calendar?from=2026-11-10'; });
    await page.locator('[data-date="2026-11-10"] [data-test=calendar-cancelled]').waitFor();
    await expect(page.locator('[data-date="2026-11-10"]').textContent()).resolves.toContain('幸福小区电梯维修');
    await page.screenshot({ path: join(ARTIFACTS, 'consultations-phone-cancelled.png'), fullPage: true });
    expect(problems).toEqual([]);
  }, 60_000);
});
