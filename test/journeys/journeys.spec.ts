import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { parseTicketHash } from '../../src/tickets/ticket-links';
import { ARTIFACTS, describeWithChromium, launchChromium, watchPage } from '../support/browser';
import { describeEachEngine } from '../support/database';
import { waitFor } from '../support/wait';
import { buildKfEventCallback, buildTextCallback } from '../support/wecom-callback';
import { startWecomApp } from '../support/wecom-app';
import { cardFor, NUMBER, onServer, takeNoteAnswer, textsTo, ticketRow } from './support';

jest.setTimeout(300_000);

// The smallest valid PNG (1×1, transparent): the resident's photo.
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');

/**
 * Journeys as people live them, across modules: residents in WeCom (app and Customer Service) and the web chat,
 * members in the console opened from their WeCom cards, against the fake WeCom server and real Chromium.
 */
describeWithChromium('journeys', () => {
  describeEachEngine('end to end', (engine) => {
    let w: Awaited<ReturnType<typeof startWecomApp>>;
    let browser: Browser;
    const problems: string[] = [];

    beforeAll(async () => {
      w = await startWecomApp(engine);
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
      await w?.close();
    });

    async function phone(): Promise<Page> {
      const page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
      // Two shared cores run the browser, the service and the runner: allow for a slow first answer.
      page.setDefaultTimeout(60_000);
      return watchPage(page, problems);
    }

    /** A turn's replies go out one by one through the outbox: the turn has answered once they stop coming. */
    async function settled(texts: () => string[], before: number, text: string): Promise<string> {
      await waitFor(() => texts().length > before, 30_000, `reply to "${text}"`);
      for (let seen = -1; seen !== texts().length; ) {
        seen = texts().length;
        await new Promise((r) => setTimeout(r, 800));
      }
      return texts().slice(before).join('\n');
    }

    /** A resident typing into the WeCom app; resolves once minyi has answered that message. */
    async function appSays(user: string, text: string): Promise<string> {
      const before = textsTo(w.fake.sent, '/cgi-bin/message/send', user).length;
      expect((await w.post(buildTextCallback({ from: user, content: text }))).status).toBe(200);
      return settled(() => textsTo(w.fake.sent, '/cgi-bin/message/send', user), before, text);
    }

    /** A Customer Service message (a typed text, or a menu click carrying the option's id) fetched by sync_msg. */
    async function kfSays(user: string, text: string, menuId?: string): Promise<string> {
      const before = textsTo(w.fake.sent, '/cgi-bin/kf/send_msg', user).length;
      const message = { external_userid: user, msgtype: 'text', text: { content: text, ...(menuId ? { menu_id: menuId } : {}) } };
      const { token } = w.fake.queueKfMessages('wkTEST01', [message]);
      expect((await w.post(buildKfEventCallback({ openKfId: 'wkTEST01', token }))).status).toBe(200);
      return settled(() => textsTo(w.fake.sent, '/cgi-bin/kf/send_msg', user), before, text);
    }

    /**
     * The member's phone opens a card link while signed out and signs in with WeCom on the way: WeCom's sign-in
     * page (outside the test network) is played by the browser, answering with a code the fake server knows.
     */
    async function openCardLink(page: Page, url: string, userid: string, number: string): Promise<void> {
      await signInOnTheWay(page, url, userid);
      await page.locator('[data-test=ticket-number]', { hasText: number }).waitFor();
      expect(new URL(page.url()).hash).toBe(new URL(url).hash);
    }

    async function signInOnTheWay(page: Page, url: string, userid: string): Promise<void> {
      await page.route(/^https:\/\/(login\.work|open)\.weixin\.qq\.com\//, async (route) => {
        const asked = new URL(route.request().url());
        const back = new URL(onServer(w.t, asked.searchParams.get('redirect_uri')!));
        const code = `CODE-${userid}-${Date.now()}`;
        w.fake.registerOAuthCode(code, userid);
        back.searchParams.set('code', code);
        back.searchParams.set('state', asked.searchParams.get('state')!);
        await route.fulfill({ status: 302, headers: { location: back.toString() } });
      });
      await page.goto(onServer(w.t, url));
      await page.locator('[data-test=who]').waitFor({ state: 'attached' });
      // The one expected refusal: who-am-I before signing in, which sent the page to sign in.
      const signedOut = problems.findIndex((p) => /^401 .*\/api\/me$/.test(p));
      expect(signedOut).toBeGreaterThanOrEqual(0);
      problems.splice(signedOut, 1);
    }

    it('WeCom app: a concern typed in WeCom, the card opened on a phone, taken, noted, answered, rated by typing, counted', async () => {
      const user = `res-app-journey-${engine}`;
      const filing = [
        '我们小区门口的路灯坏了一个多月了，晚上黑乎乎的，老人出门不安全',
        '西沙街道幸福小区3号楼门口', '上个月开始的', '整个小区两百来户吧', '没有照片', '13812345678', '张三', '同意', '对的', '确认提交',
      ];
      const transcript: string[] = [];
      for (const text of filing) transcript.push(`> ${text}`, await appSays(user, text));
      const number = NUMBER.exec(transcript[transcript.length - 1])?.[1];
      if (!number) throw new Error(`no ticket number in:\n${transcript.join('\n')}`);
      expect((await ticketRow(w.t, number!)).workstationCode).toBe('ws-xisha');

      const card = await cardFor(w.fake.sent, number!, 'wujing');
      expect(parseTicketHash(card.card_action!.url!)).toEqual({ number });
      const page = await phone();
      await openCardLink(page, card.card_action!.url!, 'wujing', number!);
      await takeNoteAnswer(page, '已电话联系供电所，约定周三上门检修', '您好，供电所已于周三更换了小区门口的路灯，现在晚上已经亮了。');
      await page.screenshot({ path: join(ARTIFACTS, 'journey-app-answered.png'), fullPage: true });

      await waitFor(() => textsTo(w.fake.sent, '/cgi-bin/message/send', user).find((m) => m.includes('更换了小区门口的路灯')), 30_000, 'the answer in WeCom');
      const asked = await waitFor(() => textsTo(w.fake.sent, '/cgi-bin/message/send', user).find((m) => m.includes('作出评价')), 30_000, 'the rating request');
      expect(asked).toContain('基本满意');
      await appSays(user, '挺满意的，谢谢');
      await expect(ticketRow(w.t, number!)).resolves.toMatchObject({ state: 'closed', rating: 'satisfied' });

      await page.goto(`${w.t.url}/console#/dashboards`);
      await page.locator('[data-test=rate-satisfaction]').filter({ hasText: '%' }).waitFor();
      expect(await page.locator('[data-test=rate-satisfaction]').textContent()).toContain('100');
      await page.screenshot({ path: join(ARTIFACTS, 'journey-app-dashboard.png'), fullPage: true });
      expect(problems).toEqual([]);
    });

    it('Customer Service: a concern filed in WeCom Customer Service, answered, rated by one click on the menu that came with the answer', async () => {
      const user = `wmRES-kf-journey-${engine}`;
      const filing = [
        '我家楼下的下水道堵了好几天了 污水都漫到路上了', '西沙街道幸福小区5号楼', '三天前', '一个单元的住户', '跳过', '13912345678', '李阿姨', '同意',
      ];
      const transcript: string[] = [];
      for (const text of filing) transcript.push(`> ${text}`, await kfSays(user, text));
      // What comes next depends on what minyi asks: answered as a person would.
      for (let i = 0; i < 4 && !NUMBER.test(transcript[transcript.length - 1]); i++) {
        const asked = transcript[transcript.length - 1];
        const answer = asked.includes('还是') ? '是物业那块的' : asked.includes('是否正确') ? '正确' : '确认提交';
        transcript.push(`> ${answer}`, await kfSays(user, answer));
      }
      const number = NUMBER.exec(transcript[transcript.length - 1])?.[1];
      if (!number) throw new Error(`no ticket number in:\n${transcript.join('\n')}`);
      const { workstationCode } = await ticketRow(w.t, number);
      const member = workstationCode === 'ws-xisha' ? 'xugang' : (await w.t.app.get(DataSource).query('SELECT userid FROM member WHERE workstationCode = ? ORDER BY userid', [workstationCode]))[0].userid;

      const page = await phone();
      await openCardLink(page, (await cardFor(w.fake.sent, number, member)).card_action!.url!, member, number);
      await takeNoteAnswer(page, '已联系物业安排疏通', '您好，物业已于今天上午疏通了下水道，路面也已清理干净。');

      type Menu = { touser?: string; msgtype?: string; msgmenu?: { head_content?: string; list?: Array<{ type: string; click?: { id: string; content: string } }> } };
      const menu = await waitFor(
        () => w.fake.sent.map((m) => m.body as Menu).find((b) => b.touser === user && b.msgtype === 'msgmenu' && JSON.stringify(b).includes(`rate:${number}:`)),
        30_000,
        'the rating menu',
      );
      const options = menu.msgmenu!.list!.map((o) => o.click!);
      expect(options.map((o) => o.content)).toEqual(['满意', '基本满意', '不满意']);
      const said = await kfSays(user, options[1].content, options[1].id);
      expect(said).toContain('感谢您的评价');
      await expect(ticketRow(w.t, number)).resolves.toMatchObject({ state: 'closed', rating: 'basically_satisfied' });
      expect(problems).toEqual([]);
    });

    it('web chat: a concern with a photo, re-routed from the card to another studio, answered there, rated with a button on the page', async () => {
      const chat = await phone();
      /** Types into the box, or taps the quick reply with that title when one is shown. */
      const send = async (text: string) => {
        const before = await chat.locator('.msg.bot').count();
        const button = chat.locator('.quick button', { hasText: text });
        if ((await button.count()) > 0 && (await button.first().textContent()) === text) await button.first().click();
        else {
          await chat.fill('#text', text);
          await chat.click('#send');
        }
        await chat.waitForFunction((n) => document.querySelectorAll('.msg.bot').length > n, before);
      };
      await chat.goto(`${w.t.url}/?ws=ws-xisha`);
      await chat.waitForSelector('.quick button');
      for (const text of ['反映问题', '小区健身广场的路灯杆歪了 快倒了 小孩老在下面玩 很危险', '西沙街道幸福小区中心广场', '昨天刮大风以后']) await send(text);
      await send('跳过');
      const before = await chat.locator('.msg.bot').count();
      await chat.setInputFiles('#file', { name: 'lamp-post.png', mimeType: 'image/png', buffer: PNG });
      await chat.waitForFunction((n) => document.querySelectorAll('.msg.bot').length > n, before);
      for (const text of ['完成', '13712345678', '王先生', '同意', '正确', '确认提交']) await send(text);
      const number = NUMBER.exec((await chat.locator('.msg.bot').last().textContent()) ?? '')?.[1];
      if (!number) throw new Error(`no ticket number in: ${await chat.locator('#log').textContent()}`);
      const filed = await ticketRow(w.t, number);
      expect(JSON.stringify(filed.attachments)).toContain('lamp-post.png');

      // The card's re-route link opens the ticket with the re-route form already open.
      const card = await cardFor(w.fake.sent, number, 'xugang');
      const reroute = card.button_list!.find((b) => b.url && parseTicketHash(b.url)?.action === 'reroute')!;
      expect(parseTicketHash(reroute.url!)).toEqual({ number, action: 'reroute' });
      const xugang = await phone();
      await openCardLink(xugang, reroute.url!, 'xugang', number);
      await xugang.locator('[data-form=reroute]').waitFor();
      await xugang.locator('[data-test=reroute-to] option[value=ws-binhe]').waitFor({ state: 'attached' });
      await xugang.selectOption('[data-test=reroute-to]', 'ws-binhe');
      await xugang.fill('[data-test=reason]', '广场属于滨河新区管辖');
      await xugang.locator('[data-test=action-submit]').click();
      await xugang.locator('[data-test=action-done]').waitFor();
      await expect(ticketRow(w.t, number)).resolves.toMatchObject({ workstationCode: 'ws-binhe', state: 'submitted' });

      const zhangwei = await phone();
      await openCardLink(zhangwei, (await cardFor(w.fake.sent, number, 'zhangwei')).card_action!.url!, 'zhangwei', number);
      await takeNoteAnswer(zhangwei, '已联系城管加固灯杆', '您好，城管已于今天加固了广场的路灯杆，并设置了临时围挡。');
      await zhangwei.screenshot({ path: join(ARTIFACTS, 'journey-web-rerouted-answered.png'), fullPage: true });

      // The page polls for the answer; its rating buttons rate in one tap.
      await chat.locator('.msg.bot', { hasText: '加固了广场的路灯杆' }).waitFor({ timeout: 60_000 });
      await chat.locator('.quick button', { hasText: '满意' }).first().waitFor();
      await send('满意');
      // The resident's bubble shows the words of the button, never its id.
      expect(await chat.locator('.msg.me').last().textContent()).toBe('满意');
      expect(await chat.locator('#log').textContent()).not.toContain('rate:');
      expect(await chat.locator('.msg.bot').last().textContent()).toContain('意见或建议');
      expect(await chat.locator('#log').textContent()).toContain('感谢您的评价');
      await expect(ticketRow(w.t, number)).resolves.toMatchObject({ state: 'closed', rating: 'satisfied' });
      await chat.screenshot({ path: join(ARTIFACTS, 'journey-web-rated.png'), fullPage: true });
      expect(problems).toEqual([]);
    });

    it('dialog scripts: an admin edits and publishes a question while a resident is at it; the resident goes on with the new wording', async () => {
      const chat = await phone();
      const send = async (text: string) => {
        const before = await chat.locator('.msg.bot').count();
        await chat.fill('#text', text);
        await chat.click('#send');
        await chat.waitForFunction((n) => document.querySelectorAll('.msg.bot').length > n, before);
      };
      await chat.goto(`${w.t.url}/?ws=ws-xisha`);
      await chat.waitForSelector('.quick button');
      await send('反映问题');
      await send('幸福小区南门那段人行道的地砖翘起来好多块，走路老绊脚');
      await send('西沙街道幸福小区南门');
      await expect(chat.locator('.msg.bot').last().textContent()).resolves.toContain('从什么时候开始');

      const admin = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
      admin.setDefaultTimeout(60_000);
      watchPage(admin, problems);
      admin.on('dialog', (d) => void d.accept());
      await signInOnTheWay(admin, `${w.t.url}/console#/scripts`, 'office01');
      await admin.locator('[data-dialog=FILE_CONCERN] button').first().click();
      const yaml = admin.locator('[data-test=script-yaml]');
      const original = await yaml.inputValue();
      expect(original).toContain('text: concern.ask_since');
      await yaml.fill(original.replace('text: concern.ask_since', 'text: "这个情况大概是哪天开始的？比如上周、三天前，记不清就说个大概"'));
      await admin.locator('[data-test=script-valid]').waitFor();
      await admin.click('[data-test=script-publish]');
      await admin.locator('[data-test=script-notice]').waitFor();
      await admin.screenshot({ path: join(ARTIFACTS, 'journey-script-published.png'), fullPage: true });

      // The resident's next message meets the new version: told so, back at the same question in its new words.
      await send('上个礼拜吧');
      const after = (await chat.locator('.msg.bot').allTextContents()).slice(-2).join('\n');
      expect(after).toContain('服务流程刚刚更新');
      expect(after).toContain('大概是哪天开始的');
      for (const text of ['上个礼拜吧', '走这条路的居民都受影响', '跳过', '13612345678', '赵大爷', '同意']) await send(text);
      for (let i = 0; i < 4 && !NUMBER.test((await chat.locator('.msg.bot').last().textContent()) ?? ''); i++) {
        const asked = (await chat.locator('.msg.bot').last().textContent()) ?? '';
        await send(asked.includes('还是') ? '市政设施那方面的' : asked.includes('是否正确') ? '正确' : '确认提交');
      }
      const number = NUMBER.exec((await chat.locator('.msg.bot').last().textContent()) ?? '')?.[1];
      if (!number) throw new Error(`no ticket number in: ${await chat.locator('#log').textContent()}`);
      // What was said before the new version is kept.
      const [row] = (await w.t.app.get(DataSource).query('SELECT text, address, since FROM ticket WHERE number = ?', [number])) as Array<Record<string, string>>;
      expect(row.text).toContain('地砖翘起来');
      expect(row.since).toContain('上个礼拜');
      expect(problems).toEqual([]);
    });
  });
});
