import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { DialogScriptsService } from '../../src/conversation/dialog-scripts.service';
import { ClassificationCorrectionEntity } from '../../src/tickets/ticket-parts.entity';
import { resident } from '../dialogs/support/chat';
import { startTestApp, TestApp } from '../support/app';
import { ARTIFACTS, describeWithChromium, launchChromium, signInConsole, watchPage } from '../support/browser';

const original = readFileSync(join(__dirname, '..', '..', 'dialogs', 'check-status.yaml'), 'utf8');
const edited = original.replace('text: status.ask_number', 'text: "Edited in the console: which number?"');
const broken = original.replace('action: lookup\n  lookup:', 'action: lokup\n  lookup:');
const brokenLine = broken.split('\n').findIndex((l) => l.includes('action: lokup')) + 1;
const LAMP = '小区门口的路灯坏了一个月，晚上很黑';

describeWithChromium('console admin pages in a browser', () => {
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

  async function signedIn(hash: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, locale: 'zh-CN' });
    watchPage(page, problems);
    page.on('dialog', (d) => void d.accept());
    await signInConsole(page, t, 'office01');
    await page.goto(`${t.url}/console#${hash}`);
    return page;
  }

  it('edits a dialog: sees a problem by its line, fixes it, previews the draft, publishes and rolls back', async () => {
    const scripts = t.app.get(DialogScriptsService);
    const before = (await scripts.get('CHECK_STATUS')).version;
    const page = await signedIn('/scripts');
    await page.locator('[data-dialog=CHECK_STATUS] button').first().click();
    const yaml = page.locator('[data-test=script-yaml]');
    await expect(yaml.inputValue()).resolves.toBe(original);

    await yaml.fill(broken);
    const problem = page.locator(`[data-test=script-problems] [data-goto="${brokenLine}"]`);
    await problem.waitFor();
    await expect(problem.textContent()).resolves.toBe(`第${brokenLine}行：本脚本没有名为“lokup”的分支`);
    await expect(page.locator(`[data-test=script-notes] [data-line="${brokenLine}"]`).textContent()).resolves.toBe('本脚本没有名为“lokup”的分支');
    await problem.click();
    await expect(yaml.evaluate((a: HTMLTextAreaElement) => a.value.slice(a.selectionStart, a.selectionEnd))).resolves.toContain('action: lokup');
    // Text that is not YAML at all reads in Chinese too, on its line, with nothing of the parser's English.
    const unindented = broken.split('\n');
    unindented.splice(brokenLine, 0, '   text: "没有闭合的引号');
    await yaml.fill(unindented.join('\n'));
    await page.locator('[data-test=script-problems] [data-code^=yaml]').first().waitFor();
    const list = await page.locator('[data-test=script-problems]').innerText();
    expect(list).toMatch(/^第\d+行：/);
    expect(list).not.toMatch(/[A-Za-z]{4,}/);
    await yaml.fill(broken);
    await problem.waitFor();
    await expect(page.locator('[data-test=script-publish]').isDisabled()).resolves.toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'console-scripts-problem.png'), fullPage: true });

    await yaml.fill(edited);
    await page.locator('[data-test=script-valid]').waitFor();
    await page.click('[data-test=preview-restart]');
    await page.locator('[data-test=preview-chat] [data-from=bot]', { hasText: 'Edited in the console' }).waitFor();
    await page.fill('[data-test=preview-input]', 'SM20991231-0001');
    await page.click('[data-test=preview-send]');
    await page.locator('[data-test=preview-chat] [data-from=me]', { hasText: 'SM20991231-0001' }).waitFor();
    // The draft answers the number (no such ticket for the preview resident) after the question it asked.
    await page.waitForFunction(() => document.querySelectorAll('[data-test=preview-chat] [data-from=bot]').length >= 2);
    // The draft is not published: a resident still gets the published script.
    const real = resident(t);
    await real.say('查询');
    expect(real.last).not.toContain('Edited in the console');
    await page.screenshot({ path: join(ARTIFACTS, 'console-scripts-preview.png'), fullPage: true });

    await page.click('[data-test=script-publish]');
    await page.locator('[data-test=script-notice]').waitFor();
    const fresh = resident(t);
    await fresh.say('查询');
    expect(fresh.last).toContain('Edited in the console');

    await page.click('[data-tab=versions]');
    await page.locator(`[data-version="${before}"]`).waitFor();
    await page.locator(`[data-version="${before}"] button`).first().click();
    await page.locator('[data-test=script-diff] .del', { hasText: 'Edited in the console' }).waitFor();
    await expect(page.locator('[data-test=script-diff] .add').allTextContents()).resolves.toEqual(expect.arrayContaining([expect.stringContaining('text: status.ask_number')]));
    await page.screenshot({ path: join(ARTIFACTS, 'console-scripts-diff.png'), fullPage: true });
    await page.click('[data-test=script-rollback]');
    await page.locator(`[data-version="${before}"] .badge`).waitFor();
    await expect((await scripts.get('CHECK_STATUS')).version).toBe(before);
    const after = resident(t);
    await after.say('查询');
    expect(after.last).not.toContain('Edited in the console');
    await page.screenshot({ path: join(ARTIFACTS, 'console-scripts-versions.png'), fullPage: true });

    await page.click('[data-tab=funnel]');
    await page.locator('[data-test=script-funnel] tbody tr').first().waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'console-scripts-funnel.png'), fullPage: true });
    expect(problems).toEqual([]);
  });

  it('changes a keyword weight and sees the classification change in the test box', async () => {
    const page = await signedIn('/lexicon');
    await page.fill('[data-test=lexicon-test-text]', LAMP);
    await page.click('[data-test=lexicon-test-run]');
    await page.locator('[data-test=lexicon-test-sector]', { hasText: '城乡建设' }).waitFor();

    await page.locator('[data-test=lexicon-sector]').selectOption('交通运输');
    await page.fill('[data-test=lexicon-search]', '路灯');
    const row = page.locator('[data-test=lexicon-keywords] tr[data-word="路灯"]');
    await row.waitFor();
    await row.locator('input').fill('8');
    await row.locator('[data-test=keyword-save]').click();
    await page.locator('[data-test=lexicon-test-sector]', { hasText: '交通运输' }).waitFor();
    await expect(row.locator('td').nth(4).textContent()).resolves.toBe('8.000');
    await page.screenshot({ path: join(ARTIFACTS, 'console-lexicon.png'), fullPage: true });
    expect(problems).toEqual([]);
  });

  it('accepts a suggested word and trains a candidate from a CSV, seeing its evaluation before discarding it', async () => {
    const repo = t.app.get(DataSource).getRepository(ClassificationCorrectionEntity);
    for (let i = 0; i < 3; i++) {
      await repo.insert({ ticketId: 2000 + i, title: '反光镜', text: `小区楼下的反光镜和防眩板都坏了 ${i}`, fromSector: '城乡建设', toSector: '交通运输', createdBy: 'zhangwei', createdAt: new Date() });
    }
    const page = await signedIn('/lexicon?tab=suggestions');
    const table = page.locator('[data-test=lexicon-suggestions]');
    await table.waitFor();
    const first = table.locator('tbody tr').first();
    const word = (await first.locator('td').nth(1).textContent())!;
    await first.locator('button').first().click();
    // The table is drawn again once the accept is stored: wait for that, then check the word is gone.
    const accepted = table.locator('td', { hasText: new RegExp(`^${word}$`) });
    await accepted.first().waitFor({ state: 'detached', timeout: 10_000 });
    await expect(accepted.count()).resolves.toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'console-lexicon-suggestions.png'), fullPage: true });

    await page.click('[data-tab=training]');
    // A sector written the way people shorten it is named with its line, in Chinese, under the upload.
    const typo = ['id,label,title,text', '1,城乡建设,路灯不亮,小区路灯不亮', '2,城建,楼道漏水,楼道一直漏水'].join('\n');
    await page.locator('[data-test=lexicon-train] input[type=file]').setInputFiles({ name: 'typo.csv', mimeType: 'text/csv', buffer: Buffer.from(typo) });
    await page.locator('[data-test=lexicon-train] button[type=submit]').click();
    await expect(page.locator('[data-field-error=csv]').textContent()).resolves.toBe('第3行的领域“城建”不存在，请使用系统中的领域名称');
    const refused = problems.findIndex((x) => x.startsWith('400 ') && x.includes('/lexicon/'));
    expect(refused).toBeGreaterThanOrEqual(0);
    problems.splice(refused, 1);
    const rows = ['id,label,title,text'];
    const parts: Record<string, string[]> = { 城乡建设: ['路灯不亮', '楼道漏水', '房屋开裂'], 教育文体: ['学校收费', '老师补课', '幼儿园入学'] };
    let id = 0;
    for (const [label, words] of Object.entries(parts)) for (let i = 0; i < 10; i++) rows.push(`${++id},${label},${words[i % 3]},${words[i % 3]}的问题 ${i}`);
    await page.locator('[data-test=lexicon-train] input[type=file]').setInputFiles({ name: 'labelled.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) });
    await page.locator('[data-test=lexicon-train] button[type=submit]').click();
    const candidate = page.locator('[data-candidate]').first();
    await candidate.locator('table.scores').waitFor();
    await expect(candidate.textContent()).resolves.toContain('CSV 20');
    await candidate.locator('[data-test=few-held-out]').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'console-lexicon-training.png'), fullPage: true });
    await candidate.locator('button', { hasText: '放弃' }).click();
    await candidate.locator('.badge', { hasText: '已放弃' }).waitFor();
    expect(problems).toEqual([]);
  });
});
