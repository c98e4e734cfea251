import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { MediaFileEntity } from '../../src/media/media-file.entity';
import { TicketEntity } from '../../src/tickets/ticket.entity';
import { startTestApp, TestApp } from '../support/app';
import { ARTIFACTS, launchChromium } from '../support/browser';

jest.setTimeout(180_000);

// The smallest valid PNG (1×1, transparent).
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');

describe('web chat in a browser', () => {
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

  /** Sends a message through the input box, or taps a quick reply when one with that title is shown. */
  async function send(page: Page, text: string): Promise<void> {
    const before = await page.locator('.msg.bot').count();
    const button = page.locator('.quick button', { hasText: text });
    if ((await button.count()) > 0 && (await button.first().textContent()) === text) await button.first().click();
    else {
      await page.fill('#text', text);
      await page.click('#send');
    }
    await page.waitForFunction((n) => document.querySelectorAll('.msg.bot').length > n, before);
  }

  it('files a concern end to end on a phone-sized page and shows the ticket number', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
    // CI shares two cores between the browser, the service and the test runner: allow for a slow first answer.
    page.setDefaultTimeout(90_000);
    // The page runs under its Content-Security-Policy: anything it refuses would show here.
    const refused: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) refused.push(m.text());
    });
    const response = await page.goto(`${t.url}/?ws=ws-xisha`);
    expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await page.waitForSelector('.quick button');
    expect(await page.textContent('.msg.bot')).toContain('西沙街道委员工作室');
    // The resident's credential is an HttpOnly, SameSite cookie the server set: the page's script cannot read it.
    const credential = async () => (await page.context().cookies()).find((c) => c.name === 'minyi_resident');
    const cookie = await credential();
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    expect(await page.evaluate(() => document.cookie)).not.toContain('minyi_resident');

    for (const text of ['反映问题', '小区门口的路灯坏了一个多月，晚上很黑，老人出行不安全', '西沙街道幸福小区3号楼', '上个月', '跳过']) {
      await send(page, text);
    }
    // The photo button uploads the picture, then sends it as the answer to the photo question.
    const before = await page.locator('.msg.bot').count();
    await page.setInputFiles('#file', { name: 'street-light.png', mimeType: 'image/png', buffer: PNG });
    await page.waitForFunction((n) => document.querySelectorAll('.msg.bot').length > n, before);
    expect(await page.locator('.msg.me').last().textContent()).toContain('street-light.png');
    expect(await page.locator('.msg.bot').last().textContent()).toContain('已收到1张照片');
    for (const text of ['完成', '13812345678', '张三', '同意', '正确', '确认提交']) {
      await send(page, text);
    }
    const last = await page.locator('.msg.bot').last().textContent();
    expect(last).toMatch(/编号：[A-Z]{2}\d{8}-\d{4}/);
    const number = /编号：([A-Z]{2}\d{8}-\d{4})/.exec(last ?? '')![1];
    const ticket = await t.app.get(DataSource).getRepository(TicketEntity).findOneByOrFail({ number });
    const [photo] = ticket.attachments;
    expect(photo).toMatchObject({ kind: 'image', name: 'street-light.png' });
    const stored = await t.app.get(DataSource).getRepository(MediaFileEntity).findOneByOrFail({ ref: photo.ref.slice('media:'.length) });
    expect(Buffer.from(stored.dataBase64, 'base64').equals(PNG)).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'web-chat-filed.png'), fullPage: true });

    // The same browser keeps its id: a reload continues with the same resident.
    await page.reload();
    await page.waitForSelector('.msg.bot');
    expect((await credential())?.value).toBe(cookie?.value);
    await send(page, '查询进度');
    await send(page, '我的');
    expect(await page.locator('.msg.bot').last().textContent()).toContain('最近的1件诉求');
    expect(refused).toEqual([]);
  });
});
