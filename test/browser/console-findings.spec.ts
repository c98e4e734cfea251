import { Browser, Page } from 'playwright-core';
import { ManualClock } from '../../src/common/clock';
import { DataSource } from 'typeorm';
import type { Principal } from '../../src/auth/principal';
import { AppException } from '../../src/common/app.exception';
import { OrgAdminService } from '../../src/console/org/org-admin.service';
import { OrgSeeder } from '../../src/org/org.seeder';
import { loadOrgConfig } from '../../src/org/org-config';
import { periodContaining } from '../../src/reports/periods';
import { aConcern, generateTickets, ticketsOf } from '../factories/ticket.factory';
import { buttons, resident } from '../dialogs/support/chat';
import { startTestApp, TestApp } from '../support/app';
import { describeWithChromium, launchChromium, signInConsole, watchPage } from '../support/browser';

/** Issue 15's console findings 11–15, 17 and 20, each as a member or admin meets it. */
describeWithChromium('console findings in a browser', () => {
  const clock = new ManualClock(new Date('2026-11-02T01:00:00Z'));
  let t: TestApp;
  let browser: Browser;
  let quietWeek = '';
  const problems: string[] = [];

  beforeAll(async () => {
    t = await startTestApp('sqlite', { clock });
    const s = ticketsOf(t.app);
    await generateTickets(s, clock, 30);
    // A later week with concerns but no rating yet.
    clock.advance(21 * 86_400_000);
    quietWeek = periodContaining('weekly', clock.now()).key;
    for (const text of ['滨河小学门口早上堵车严重', '滨河新区幼儿园收费太高了']) {
      const { ticket } = await s.resident.fileConcern(aConcern({ text }));
      await s.lifecycle.take(ticket.number, 'zhangwei', { way: 'bridge', activity: 'micro_consultation' });
    }
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function signedIn(userid: string, hash: string, width = 1366): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height: 900 }, locale: 'zh-CN' });
    watchPage(page, problems);
    page.on('dialog', (d) => void d.accept());
    await signInConsole(page, t, userid);
    await page.goto(`${t.url}/console#${hash}`);
    return page;
  }

  it('17: a bulletin without supports or ratings says so in words, ranks studios only, and a send with no recipients says none are set', async () => {
    const page = await signedIn('office01', `/bulletins?kind=weekly&period=${quietWeek}`);
    await page.locator('[data-test=bulletin-total]', { hasText: '2' }).waitFor();
    const summary = await page.locator('[data-test=summary]').innerText();
    expect(summary).not.toContain('附议');
    expect(summary).toContain('群众满意率暂无评价');
    expect(summary).not.toContain('满意率—');
    await expect(page.locator('[data-test=bulletin-satisfaction]').innerText()).resolves.toBe('暂无评价');
    await page.locator('[data-ranked=ws-binhe]').waitFor();
    await expect(page.locator('[data-ranked=triage]').count()).resolves.toBe(0);
    await expect(page.locator('[data-test=ranking]').innerText()).resolves.not.toContain('分流台');
    await page.click('[data-test=send]');
    await expect(page.locator('[data-test=notice]').innerText()).resolves.toContain('没有设置推送对象');
    expect(problems).toEqual([]);
  });

  it("12: a committee head's scope lists their committee and its studios only; a refused choice clears the old bulletin", async () => {
    const page = await signedIn('head-education', '/bulletins?kind=monthly&period=2026-11');
    await page.locator('[data-test=bulletin]').waitFor();
    await page.locator('[data-test=unit-own]', { hasText: '教科卫体委员会' }).waitFor({ state: 'attached' });
    await expect(page.locator('[data-test=unit] option').allInnerTexts()).resolves.toEqual(['教科卫体委员会', '滨河新区委员工作室']);
    await page.locator('[data-test=unit]').selectOption('workstation:ws-binhe');
    await page.locator('[data-test=bulletin] h2', { hasText: '滨河新区委员工作室' }).waitFor();
    // A studio of another committee, as an old link or a stale list would offer it.
    await page.locator('[data-test=unit]').evaluate((select) => { const o = document.createElement('option'); o.value = 'workstation:ws-xisha'; o.textContent = '西沙'; select.appendChild(o); });
    await page.locator('[data-test=unit]').selectOption('workstation:ws-xisha');
    await page.locator('.alert').waitFor();
    await expect(page.locator('[data-test=bulletin]').count()).resolves.toBe(0);
    expect(problems.filter((p) => !p.includes('/api/member/reports/bulletin?'))).toEqual([]);
    problems.length = 0;
  });

  it("13: the lexicon test box shows the runner-up's words too, and a word set in the lexicon file shows where its weight comes from", async () => {
    const page = await signedIn('office01', '/lexicon');
    await page.fill('[data-test=lexicon-test-text]', '小区门口的路灯坏了一个月，晚上很黑，车都看不清路');
    await page.click('[data-test=lexicon-test-run]');
    const top = page.locator('[data-test=lexicon-test-top3] li');
    await top.first().waitFor();
    await expect(top.count()).resolves.toBe(3);
    await expect(top.nth(1).locator('[data-test=lexicon-test-word]').count()).resolves.toBeGreaterThan(0);
    await page.locator('[data-test=lexicon-sector]').selectOption('劳动和社会保障');
    await page.fill('[data-test=lexicon-search]', '住房公积金');
    const row = page.locator('[data-test=lexicon-keywords] tr[data-word="住房公积金"]');
    await row.waitFor();
    await expect(row.locator('[data-test=keyword-curated]').innerText()).resolves.toMatch(/^\d+\.\d{3}$/);
    expect(problems).toEqual([]);
  });

  it('15: a 社情民意 draft is titled by sector, place and key words, counts only taken tickets as in hand, and lists cut titles between words', async () => {
    const s = ticketsOf(t.app);
    const long = '滨河新区第三小学门口每天早上七点半到八点上下学时段接送车辆乱停乱放拥堵严重，学生过马路很危险。';
    const { ticket: first } = await s.resident.fileConcern(aConcern({ text: long }));
    const { ticket: second } = await s.resident.fileConcern(aConcern({ text: '三小门口上学时间太堵了，孩子过马路很危险，希望有人管管接送车辆' }));
    await s.lifecycle.take(second.number, 'zhangwei', { way: 'bridge', activity: 'micro_consultation' });
    const page = await signedIn('zhangwei', `/sqmy?tickets=${first.number},${second.number}`);
    const title = page.locator('[data-test=sqmy-title]');
    await title.waitFor();
    const drafted = await title.inputValue();
    expect(drafted).toContain('滨河新区街道');
    expect(drafted).toContain('教育文体');
    expect(drafted).not.toContain('滨河新区第三小学门口每天');
    const analysis = await page.locator('[data-test=sqmy-form] textarea').nth(1).inputValue();
    expect(analysis).toContain('仍在办理1件');
    expect(analysis).toContain('另有1件尚待委员接单');
    await page.click('[data-test=sqmy-submit]');
    await page.locator('[data-test=sqmy-report]').waitFor();
    const line = await page.locator('[data-test=sqmy-report] .plain-list li', { hasText: first.number }).innerText();
    const shown = line.replace(first.number, '').replace(/待买单|待接单/, '').trim();
    expect(shown.endsWith('…')).toBe(true);
    expect(long.startsWith(shown.slice(0, -1))).toBe(true);
    expect(problems).toEqual([]);
  });

  it('11: adding a member checks the phone and the studio, clears the alert once saved; the roster offers only the studio\'s people and hands over an initial shift', async () => {
    const page = await signedIn('office01', '/org?tab=members');
    await page.locator('[data-member=zhangwei]').waitFor();
    await page.click('text=添加成员');
    await page.fill('[data-test=member-userid]', 'liming');
    await page.fill('[data-test=member-name]', '李明');
    await page.fill('[data-test=member-phone]', '12345');
    await page.locator('[data-test=member-workstation]').selectOption('ws-binhe');
    await page.click('[data-test=member-save]');
    await expect(page.locator('[data-test=member-phone-error]').innerText()).resolves.toContain('11位手机号');
    await page.fill('[data-test=member-phone]', '139 1234 5670');
    await page.click('[data-test=member-save]');
    await page.locator('[data-member=liming]').waitFor();
    await expect(page.locator('[data-member=liming]').innerText()).resolves.toContain('13912345670');
    await expect(page.locator('[data-test=member-alert]').count()).resolves.toBe(0);
    await expect(page.locator('.alert').count()).resolves.toBe(0);
    // The server says the same when a form is bypassed.
    const admin = await t.app.get(OrgAdminService).createMember({ userid: 'office01', role: 'office_admin' } as Principal, { userid: 'nostudio', name: '无', role: 'member' }).catch((e: unknown) => e);
    expect(admin).toBeInstanceOf(AppException);

    await page.goto(`${t.url}/console#/org?tab=duty&ws=ws-binhe`);
    const monday = page.locator('.day').nth(0);
    await monday.locator('[data-test=duty-entry]', { hasText: '张伟' }).waitFor();
    await monday.locator('[data-test=duty-add]').click();
    await expect(monday.locator('[data-test=duty-member] option').allInnerTexts()).resolves.toEqual(expect.arrayContaining(['张伟', '刘红', '李明']));
    await expect(monday.locator('[data-test=duty-member] option').count()).resolves.toBe(3);
    await monday.locator('button', { hasText: '取消' }).click();
    const initial = monday.locator('[data-test=duty-entry]', { hasText: '张伟' });
    await expect(initial.innerText()).resolves.toContain('初始名单');
    await initial.locator('[data-test=duty-reassign]').click();
    await initial.locator('[data-test=duty-reassign-member]').selectOption('liuhong');
    await monday.locator('[data-test=duty-entry]', { hasText: '刘红' }).waitFor();
    await expect(monday.locator('[data-test=duty-entry]', { hasText: '张伟' }).count()).resolves.toBe(0);
    await new OrgSeeder(t.app.get(DataSource)).seed(loadOrgConfig());
    await page.reload();
    await page.locator('.day').nth(0).locator('[data-test=duty-entry]', { hasText: '刘红' }).waitFor();
    await expect(page.locator('.day').nth(0).locator('[data-test=duty-entry]', { hasText: '张伟' }).count()).resolves.toBe(0);
    await expect(page.locator('main').innerText()).resolves.not.toContain('org.yaml');
    // The refused phone was the one failed request.
    expect(problems.filter((p) => !p.startsWith('400 ') || !p.endsWith('/api/admin/org/members'))).toEqual([]);
    problems.length = 0;
  });

  it('14: the script editor shows the words residents read beside the flow, edits them into a published version, and jumps to a problem\'s line', async () => {
    const page = await signedIn('office01', '/scripts?id=FILE_CONCERN&tab=edit');
    const since = page.locator('[data-test=script-wording] li', { hasText: '这个问题从什么时候开始的' });
    await since.waitFor();
    await expect(page.locator('[data-test=script-wording]').innerText()).resolves.not.toMatch(/concern\.ask_/);
    // A problem near the end of a long script: clicking it brings that line into view.
    const yaml = page.locator('[data-test=script-yaml]');
    const original = await yaml.inputValue();
    const lines = original.split('\n');
    const last = lines.map((l, i) => [l, i] as const).filter(([l]) => l.includes('action: complete')).pop()![1];
    lines[last] = lines[last].replace('action: complete', 'action: compleet');
    await yaml.fill(lines.join('\n'));
    const problem = page.locator(`[data-test=script-problems] [data-goto="${last + 1}"]`);
    await problem.waitFor();
    await yaml.evaluate((a: HTMLTextAreaElement) => { a.setSelectionRange(0, 0); a.scrollTop = 0; });
    await problem.click();
    // The line is in view: 20 px a line in a 480 px editor.
    const top = await yaml.evaluate((a: HTMLTextAreaElement) => a.scrollTop);
    expect(last * 20).toBeGreaterThanOrEqual(top);
    expect(last * 20).toBeLessThan(top + 460);
    expect(top).toBeGreaterThan(0);
    await expect(yaml.evaluate((a: HTMLTextAreaElement) => a.value.slice(a.selectionStart, a.selectionEnd))).resolves.toContain('compleet');
    await yaml.fill(original);
    await page.locator('[data-test=script-valid]').waitFor();

    await page.goto(`${t.url}/console#/scripts?id=CHECK_STATUS&tab=edit`);
    const ask = page.locator('[data-test=script-wording] li', { hasText: '请输入诉求编号' });
    await ask.waitFor();
    await ask.locator('[data-test=wording-edit]').click();
    await page.fill('[data-test=wording-input]', '请告诉我诉求编号，比如 SM20261128-0007。');
    await page.click('[data-test=wording-apply]');
    await page.locator('[data-test=script-wording] li', { hasText: '请告诉我诉求编号' }).waitFor();
    await expect(page.locator('[data-test=script-yaml]').inputValue()).resolves.toContain('text: "请告诉我诉求编号，比如 SM20261128-0007。"');
    await page.locator('[data-test=script-valid]').waitFor();
    await page.click('[data-test=script-publish]');
    await page.locator('[data-test=script-notice]').waitFor();
    const fresh = resident(t);
    await fresh.say('查询进度');
    expect(fresh.last).toContain('请告诉我诉求编号');
    await expect(page.locator('h1').innerText()).resolves.toContain('查询进度');
    expect(problems).toEqual([]);
  });

  it('20: a member merges a repeat concern into another and asks a second studio to co-handle, from the ticket page', async () => {
    const s = ticketsOf(t.app);
    const { ticket: first } = await s.resident.fileConcern(aConcern({ text: '滨河三小门口的红绿灯坏了好几天了' }));
    const { ticket: repeat } = await s.resident.fileConcern(aConcern({ text: '三小门口红绿灯不亮，孩子过马路危险' }));
    const page = await signedIn('zhangwei', `/ticket?number=${repeat.number}`, 390);
    await page.click('[data-test=ticket-more] [data-action=merge]');
    await page.fill('[data-test=merge-into]', first.number.toLowerCase());
    await page.fill('[data-test=merge-reason]', '同一个路口的红绿灯');
    await page.click('[data-test=merge-submit]');
    await page.locator('[data-test=more-done]').waitFor();
    await expect(page.locator('[data-test=ticket-state]').innerText()).resolves.toBe('已合并');
    await expect(s.repo.findByNumber(first.number).then((x) => x!.supportCount)).resolves.toBe(1);

    await s.lifecycle.take(first.number, 'zhangwei', { way: 'bridge', activity: 'micro_consultation' });
    await page.goto(`${t.url}/console#/ticket?number=${first.number}`);
    await page.click('[data-test=ticket-more] [data-action=cohandle]');
    await expect(page.locator('[data-test=cohandler-studio] option').allInnerTexts()).resolves.not.toContain('政协办公室分流台');
    await page.locator('[data-test=cohandler-studio]').selectOption({ label: '西沙街道委员工作室' });
    await page.click('[data-test=cohandler-submit]');
    await page.locator('[data-test=cohandlers]', { hasText: '西沙街道委员工作室' }).waitFor();
    // The co-handling studio's member now sees the ticket.
    const wujing = await signedIn('wujing', `/ticket?number=${first.number}`);
    await wujing.locator('[data-test=ticket-state]').waitFor();
    expect(problems).toEqual([]);
  });

  it("20: a web chat booking with who, phone and purpose appears in the studio's bookings, whole for the member on duty only", async () => {
    const r = resident(t);
    await r.say('预约接待', { ws: 'ws-binhe' });
    await r.say(buttons(r.lastReplies)[0]);
    await r.say('我姓周');
    await r.say('139-1234-0000');
    await r.say('反映小区电梯老是坏');
    expect(r.last).toContain('预约成功');
    const [row] = (await t.app.get(DataSource).query('SELECT memberUserid FROM reception_booking WHERE purpose = ?', ['反映小区电梯老是坏'])) as Array<{ memberUserid: string }>;
    const onDuty = row.memberUserid;
    const other = onDuty === 'zhangwei' ? 'liuhong' : 'zhangwei';
    const page = await signedIn(onDuty, '/bookings', 390);
    const card = page.locator('[data-test=bookings] li', { hasText: '反映小区电梯老是坏' });
    await card.waitFor();
    await expect(card.innerText()).resolves.toContain('13912340000');
    await expect(card.locator('a[href="tel:13912340000"]').count()).resolves.toBe(1);
    const theirs = await signedIn(other, '/bookings');
    const masked = theirs.locator('[data-test=bookings] li', { hasText: '反映小区电梯老是坏' });
    await masked.waitFor();
    await expect(masked.innerText()).resolves.not.toContain('13912340000');
    const stranger = await signedIn('wujing', '/bookings');
    await stranger.locator('[data-test=empty-state]').waitFor();
    expect(problems).toEqual([]);
  });
});
