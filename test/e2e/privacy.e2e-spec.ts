import { DataSource } from 'typeorm';
import { ManualClock } from '../../src/common/clock';
import { residentHandle } from '../../src/common/resident-handle';
import { JobScheduler } from '../../src/jobs/job-scheduler';
import { MediaFileEntity } from '../../src/media/media-file.entity';
import { TicketEntity } from '../../src/tickets/ticket.entity';
import { buttons, fileConcern, fileUntilPreview, numberIn, photoOf, resident, TINY_PNG } from '../dialogs/support/chat';
import { startTestApp, TestApp } from '../support/app';
import { describeEachEngine } from '../support/database';

/** Issue #14: what one web-chat resident can learn or do to another, and what a member sees of them. */
describeEachEngine('privacy between residents', (engine) => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp(engine)));
  afterAll(async () => t.close());

  it('offers a similar concern by its number and sector only, never the other resident\'s words, name or phone', async () => {
    const first = resident(t);
    const theirs = await fileConcern(first, '小区门口的路灯坏了一个多月，晚上很黑，我是王秀英，电话13912345678');
    const me = resident(t);
    await fileUntilPreview(me, '小区门口的路灯坏了一个多月了，晚上很黑，老人出门不方便');
    await me.say('正确');
    await me.say('确认提交');
    expect(me.last).toContain(`编号：${theirs}`);
    expect(me.last).toContain('城乡建设');
    for (const secret of ['13912345678', '139****5678', '王秀英', '王**', '路灯坏了一个多月，晚上很黑']) expect(me.last).not.toContain(secret);
    expect(buttons(me.lastReplies)).toContain('支持该诉求');
  });

  it('refuses a photo reference that is not the sender\'s own, with a clear message, and files nothing with it', async () => {
    const owner = resident(t);
    const photo = await photoOf(owner);
    const thief = resident(t);
    await thief.say('反映问题');
    for (const ref of [photo.ref, 'media:1', 'media:2', 'wecom-media:abc']) {
      const res = await fetch(`${t.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: thief.cookie },
        body: JSON.stringify({ type: 'message', user: owner.user, text: '', attachments: [{ kind: 'image', ref }] }),
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { message: string }).message).toBe('这张照片不是您在本页面上传的，请重新点“照片”上传。');
    }
    // The same bytes uploaded by the thief are the thief's own file, under another reference.
    const own = await thief.upload(TINY_PNG, 'image/png');
    expect(own.status).toBe(201);
    expect(own.body.ref).not.toBe(photo.ref);
  });

  it('does not let the body\'s user field, or a forged cookie, speak for another resident', async () => {
    const victim = resident(t);
    const number = await fileConcern(victim, '楼道里的灯坏了半年了，老人晚上上下楼很危险');
    const attacker = resident(t);
    await attacker.say('查询进度', { user: victim.user });
    await attacker.say(number, { user: victim.user });
    expect(attacker.last).not.toContain('楼道里的灯');
    const forged = `minyi_resident=${encodeURIComponent(`${victim.user}.${'A'.repeat(43)}`)}`;
    const res = await fetch(`${t.url}/api/messages/pending`, { headers: { cookie: forged } });
    expect(res.status).toBe(401);
    const post = await fetch(`${t.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: forged }, body: JSON.stringify({ user: victim.user, text: '我的' }) });
    expect(post.status).toBe(200);
    expect(JSON.stringify(await post.json())).not.toContain(number);
    // A forged cookie is replaced by a fresh resident's, not accepted.
    expect(post.headers.getSetCookie().join()).not.toContain(victim.user);
  });

  it('sends the CSP with frame-ancestors \'none\' on the chat page and the API docs', async () => {
    for (const path of ['/', '/api/docs', '/console']) {
      const res = await fetch(`${t.url}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-frame-options')).toBe('DENY');
    }
    const page = await fetch(`${t.url}/`);
    const csp = page.headers.get('content-security-policy')!;
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(await page.text()).toContain(`<script nonce="${nonce}">`);
    expect(csp).not.toContain('unsafe-inline');
  });
});

describeEachEngine('web uploads no ticket uses', (engine) => {
  it('are deleted by the hourly job a day after upload; photos of tickets stay', async () => {
    const clock = new ManualClock(new Date());
    const t = await startTestApp(engine, { clock });
    try {
      const r = resident(t);
      const used = await photoOf(r, 'used.png');
      await fileConcern(r, '路边的井盖坏了，晚上看不见很危险', [used]);
      const abandoned = resident(t);
      const { body } = await abandoned.upload(Buffer.concat([TINY_PNG, Buffer.from([0])]), 'image/png');
      const media = t.app.get(DataSource).getRepository(MediaFileEntity);
      const refs = async () => (await media.find()).map((m) => `media:${m.ref}`);
      await t.app.get(JobScheduler).runDue();
      expect(await refs()).toEqual(expect.arrayContaining([used.ref, body.ref]));
      clock.advance(25 * 3600_000);
      await t.app.get(JobScheduler).runDue();
      expect(await refs()).toContain(used.ref);
      expect(await refs()).not.toContain(body.ref);
      const tickets = await t.app.get(DataSource).getRepository(TicketEntity).find();
      expect(JSON.stringify(tickets.map((x) => x.attachments))).toContain(used.ref);
    } finally {
      await t.close();
    }
  });
});

describeEachEngine('reception bookings per address', (engine) => {
  it('stops throwaway ids on one address after the weekly limit, telling them why; members see handles, not ids', async () => {
    // Tuesday 2026-12-01 10:00 China time: ws-binhe receives on Tuesday 09:00-11:30 and Thursday 15:00-17:30.
    const clock = new ManualClock(new Date('2026-12-01T02:00:00Z'));
    const t = await startTestApp(engine, { clock, env: { BOOKING_PER_ADDRESS_PER_WEEK: '2' } });
    try {
      const booked: string[] = [];
      for (let i = 0; i < 2; i++) {
        const r = resident(t);
        await r.say('预约接待', { ws: 'ws-binhe' });
        await r.say(buttons(r.lastReplies)[0]);
        await r.say('张先生');
        await r.say('13800001111');
        await r.say('路灯的事');
        expect(r.last).toContain('预约成功');
        booked.push(r.user);
      }
      const third = resident(t);
      await third.say('预约', { ws: 'ws-binhe' });
      expect(third.last).toContain('本周从您所在网络预约的接待已达上限');
      const ds = t.app.get(DataSource);
      expect(Number((await ds.query('SELECT COUNT(*) AS n FROM reception_booking'))[0].n)).toBe(2);
      const notices = (await ds.query("SELECT payload FROM outbox_message WHERE idempotencyKey LIKE 'booking:%'")) as Array<{ payload: string }>;
      expect(notices).toHaveLength(2);
      const text = notices.map((n) => n.payload).join('\n');
      for (const user of booked) {
        expect(text).not.toContain(user);
        expect(text).toContain(residentHandle('web', user));
      }
    } finally {
      await t.close();
    }
  });
});

it('numberIn reads the ticket number after 编号', () => expect(numberIn('编号：SM20261128-0007')).toBe('SM20261128-0007'));
