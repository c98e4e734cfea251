import { DataSource } from 'typeorm';
import { ManualClock } from '../../src/common/clock';
import { OrgService } from '../../src/org/org.service';
import { OutboxDispatcher } from '../../src/outbox/outbox.dispatcher';
import { OutboxMessageEntity } from '../../src/outbox/outbox-message.entity';
import { OutboxService } from '../../src/outbox/outbox.service';
import { TicketLifecycleService } from '../../src/tickets/lifecycle/ticket-lifecycle.service';
import type { FakeSent } from '../fake-wecom/fake-wecom.server';
import { describeEachEngine } from '../support/database';
import { waitFor } from '../support/wait';
import { buildEventCallback, buildKfEventCallback, buildTextCallback, sealCallback, TEST_WECOM_KEYS } from '../support/wecom-callback';
import { sentText, startWecomApp } from '../support/wecom-app';

const FILING = ['反映问题', '小区门口的路灯坏了一个多月，晚上很黑，老人出行不安全', '西沙街道幸福小区3号楼', '上个月', '全小区约200户', '跳过', '13812345678', '张三', '同意', '正确', '确认提交'];
const NUMBER = /编号：([A-Z]{2}\d{8}-\d{4})/;

type Body = Record<string, unknown> & { touser?: string; template_card?: Record<string, unknown>; text?: { content: string }; msgmenu?: { head_content?: string } };
const body = (s: FakeSent) => s.body as Body;
const textOf = sentText;

describeEachEngine('WeCom end to end against the fake WeCom server', (engine) => {
  let w: Awaited<ReturnType<typeof startWecomApp>>;
  let clock: ManualClock;
  beforeAll(async () => {
    clock = new ManualClock(new Date());
    w = await startWecomApp(engine, { clock });
  });
  afterAll(async () => w.close());

  const sentTo = (path: string, user: string) => w.fake.sent.filter((s) => s.path === path && body(s).touser === user);
  const ticketRow = async (number: string) =>
    (await w.t.app.get(DataSource).query('SELECT * FROM ticket WHERE number = ?', [number]))[0] as Record<string, unknown>;

  it('files through the app callback; members get cards; 买单 takes it, greys every card, tells the resident; the answer arrives', async () => {
    for (const text of FILING) expect((await w.post(buildTextCallback({ from: 'res-app-1', content: text }))).status).toBe(200);
    const filed = await waitFor(() => sentTo('/cgi-bin/message/send', 'res-app-1').find((s) => NUMBER.test(textOf(s))), 30_000, 'ticket number');
    const number = NUMBER.exec(textOf(filed))![1];
    expect((await ticketRow(number)).workstationCode).toBe('ws-xisha');

    const cards = await waitFor(() => {
      const c = w.fake.sent.filter((s) => s.path === '/cgi-bin/message/send' && body(s).msgtype === 'template_card');
      const mine = c.filter((s) => JSON.stringify(body(s)).includes(number));
      return mine.length === 2 ? mine : null;
    }, 15_000, 'two member cards');
    const duty = await w.t.app.get(OrgService).dutyMember('ws-xisha', clock.now());
    expect(cards.map((c) => body(c).touser)).toEqual([duty!.userid, ['wujing', 'xugang'].find((u) => u !== duty!.userid)]);
    const taskIds = cards.map((c) => body(c).template_card!.task_id);
    expect(new Set(taskIds).size).toBe(2);
    expect(JSON.stringify(cards[0].body)).toContain(`ticket:take:${number}`);

    const xugangCard = cards.find((c) => body(c).touser === 'xugang')!;
    const click = buildEventCallback({
      from: 'xugang',
      event: 'template_card_event',
      eventKey: `ticket:take:${number}`,
      fields: { TaskId: String(body(xugangCard).template_card!.task_id), CardType: 'button_interaction', ResponseCode: w.fake.issueResponseCode() },
      selectedItems: [{ questionKey: 'way', optionIds: ['expert'] }],
    });
    for (let i = 0; i < 3; i++) expect((await w.post(click)).status).toBe(200);
    await waitFor(async () => (await ticketRow(number)).state === 'taken', 15_000, 'ticket taken');
    const row = await ticketRow(number);
    expect(row.assigneeUserid).toBe('xugang');
    expect(row.wayOfWorking).toBe('expert');
    const updates = await waitFor(() => {
      const u = w.fake.sent.filter((s) => s.path === '/cgi-bin/message/update_template_card');
      return u.length >= 2 ? u : null;
    }, 15_000, 'card updates');
    expect(updates).toHaveLength(2);
    expect(updates.map((u) => (body(u).userids as string[])[0]).sort()).toEqual(['wujing', 'xugang']);
    for (const u of updates) expect(JSON.stringify(body(u).button)).toContain('徐刚');
    await waitFor(() => sentTo('/cgi-bin/message/send', 'res-app-1').some((s) => textOf(s).includes('承办委员：徐刚')), 15_000, 'resident told');

    // a late click elsewhere is told who has it, and takes nothing
    await w.post(
      buildEventCallback({
        from: 'wujing',
        event: 'template_card_event',
        eventKey: `ticket:take:${number}`,
        fields: { TaskId: String(taskIds[0]), CardType: 'button_interaction', ResponseCode: w.fake.issueResponseCode() },
      }),
    );
    await waitFor(() => sentTo('/cgi-bin/message/send', 'wujing').some((s) => textOf(s).includes('已由徐刚认领')), 15_000, 'late clicker told');
    const takes = await w.t.app.get(DataSource).query(`SELECT COUNT(*) AS n FROM ticket_event WHERE type = 'taken'`);
    expect(Number(takes[0].n)).toBe(1);

    await w.t.app.get(TicketLifecycleService).answer(number, 'xugang', { reply: '已联系城管路灯所，本周内修复。' });
    await waitFor(() => sentTo('/cgi-bin/message/send', 'res-app-1').some((s) => textOf(s).includes('本周内修复')), 15_000, 'answer delivered');
  });

  it('files through Customer Service: sync_msg with a stored cursor, replies with kf/send_msg, once each', async () => {
    // one message at a time, as a person types: each opens a fresh 5-message quota
    for (const content of FILING) {
      clock.advance(5_000); // the app's clock is manual here; a person takes a few seconds per answer
      const before = sentTo('/cgi-bin/kf/send_msg', 'wmRES-kf-1').length;
      const { token } = w.fake.queueKfMessages('wkTEST01', [{ external_userid: 'wmRES-kf-1', msgtype: 'text', text: { content } }]);
      const cb = buildKfEventCallback({ openKfId: 'wkTEST01', token });
      for (let i = 0; i < 3; i++) expect((await w.post(cb)).status).toBe(200);
      await waitFor(() => sentTo('/cgi-bin/kf/send_msg', 'wmRES-kf-1').length > before, 15_000, `reply to ${content}`);
    }
    const filed = await waitFor(() => sentTo('/cgi-bin/kf/send_msg', 'wmRES-kf-1').find((s) => NUMBER.test(textOf(s))), 30_000, 'kf ticket number');
    const number = NUMBER.exec(textOf(filed))![1];
    const ticket = await ticketRow(number);
    expect(ticket.residentChannel).toBe('wecom_kf');
    expect(ticket.residentOpenKfId).toBe('wkTEST01');
    // a second signal with the same messages re-reads nothing: the cursor was stored
    const again = w.fake.queueKfMessages('wkTEST01', []);
    await w.post(buildKfEventCallback({ openKfId: 'wkTEST01', token: again.token }));
    await new Promise((r) => setTimeout(r, 800));
    const tickets = await w.t.app.get(DataSource).query(`SELECT COUNT(*) AS n FROM ticket WHERE residentExternalId = 'wmRES-kf-1'`);
    expect(Number(tickets[0].n)).toBe(1);
    const ids = sentTo('/cgi-bin/kf/send_msg', 'wmRES-kf-1').map((s) => body(s).msgid);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('holds the kf window: at most 5 messages within 48 h of the resident’s last message, the rest go out when the resident writes', async () => {
    const user = 'wmRES-window';
    const { token } = w.fake.queueKfMessages('wkTEST01', [{ external_userid: user, msgtype: 'text', text: { content: '帮助' } }]);
    await w.post(buildKfEventCallback({ openKfId: 'wkTEST01', token }));
    await waitFor(() => sentTo('/cgi-bin/kf/send_msg', user).length > 0, 15_000, 'help reply');
    const outbox = w.t.app.get(OutboxService);
    await w.t.app.get(DataSource).transaction(async (em) => {
      for (let i = 1; i <= 6; i++) {
        await outbox.enqueue(em, { idempotencyKey: `notice:${user}:${i}`, channel: 'wecom_kf', recipient: user, openKfId: 'wkTEST01', kind: 'text', payload: { text: `通知${i}` } });
      }
    });
    await new Promise((r) => setTimeout(r, 1500));
    const sent = sentTo('/cgi-bin/kf/send_msg', user);
    expect(sent).toHaveLength(5);
    expect(w.fake.calls.filter((c) => c.path === '/cgi-bin/kf/send_msg' && c.errcode === 95001)).toHaveLength(0);
    const waiting = sent.length - 1; // notices sent so far (the first send was the help reply)
    // 48 h pass: still nothing is sent (the window is closed, not dropped)
    clock.advance(49 * 3600_000);
    w.fake.clock.advance(49 * 3600_000);
    await w.t.app.get(OutboxDispatcher).drain();
    expect(sentTo('/cgi-bin/kf/send_msg', user)).toHaveLength(5);
    const next = w.fake.queueKfMessages('wkTEST01', [{ external_userid: user, msgtype: 'text', text: { content: '还在吗' } }]);
    await w.post(buildKfEventCallback({ openKfId: 'wkTEST01', token: next.token }));
    await waitFor(() => sentTo('/cgi-bin/kf/send_msg', user).filter((s) => textOf(s).startsWith('通知')).length === 6, 15_000, 'held notices');
    const notices = sentTo('/cgi-bin/kf/send_msg', user).map(textOf).filter((t) => t.startsWith('通知'));
    expect(notices).toEqual(['通知1', '通知2', '通知3', '通知4', '通知5', '通知6']);
    expect(waiting).toBe(4);
  });

  it('hands a Customer Service resident to the duty member through service_state/trans', async () => {
    const user = 'wmRES-handoff';
    for (const m of ['zhangwei', 'liuhong', 'wangqiang', 'zhaomin', 'sunli', 'zhoujun', 'chenjie', 'huangyan', 'wujing', 'xugang', 'maying']) w.fake.addServicer(m);
    w.fake.setKfSession('wkTEST01', user, { state: 1 });
    const kfSays = async (content: string) => {
      clock.advance(5_000);
      const { token } = w.fake.queueKfMessages('wkTEST01', [{ external_userid: user, msgtype: 'text', text: { content } }]);
      await w.post(buildKfEventCallback({ openKfId: 'wkTEST01', token }));
    };
    await kfSays('转人工');
    // No studio is known for this resident yet: theirs is asked, not the first one picked.
    await waitFor(() => w.fake.sent.find((s) => s.path === '/cgi-bin/kf/send_msg' && JSON.stringify(s.body).includes(user) && JSON.stringify(s.body).includes('哪个镇或街道')), 15_000, 'studio asked');
    await kfSays('西沙街道');
    const session = await waitFor(() => {
      const s = w.fake.getKfSession('wkTEST01', user);
      return s.state === 3 ? s : null;
    }, 15_000, 'session handed to a person');
    const notice = await waitFor(
      () => w.fake.sent.find((s) => s.path === '/cgi-bin/message/send' && JSON.stringify(s.body).includes(user)),
      15_000,
      'duty member told',
    );
    expect(session.servicerUserid).toBe(body(notice).touser);
  });

  it('copies a resident\'s photo out of WeCom at once, for the app and for Customer Service', async () => {
    const photo = Buffer.from([0xff, 0xd8, 0xff, 0xe0, ...Buffer.from('a photo of the broken street lamp')]);
    const appMedia = w.fake.addMedia(photo, 'image/jpeg', 'lamp.jpg');
    const image = sealCallback(
      `<xml><ToUserName><![CDATA[${TEST_WECOM_KEYS.corpId}]]></ToUserName><FromUserName><![CDATA[res-photo]]></FromUserName>` +
        `<CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[image]]></MsgType><PicUrl><![CDATA[http://x/p.jpg]]></PicUrl>` +
        `<MediaId><![CDATA[${appMedia}]]></MediaId><MsgId>6100000000000000001</MsgId><AgentID>1000002</AgentID></xml>`,
    );
    expect((await w.post(image)).status).toBe(200);
    const kfMedia = w.fake.addMedia(photo, 'image/jpeg', 'lamp2.jpg');
    clock.advance(5_000);
    const { token } = w.fake.queueKfMessages('wkTEST01', [{ external_userid: 'wmRES-photo', msgtype: 'image', image: { media_id: kfMedia } }]);
    await w.post(buildKfEventCallback({ openKfId: 'wkTEST01', token }));
    const ds = w.t.app.get(DataSource);
    const rows = await waitFor(async () => {
      const r: Array<{ source: string; mediaId: string; dataBase64: string; contentType: string }> = await ds.query('SELECT source, mediaId, dataBase64, contentType FROM media_file ORDER BY id');
      return r.length === 2 ? r : null;
    }, 15_000, 'two media copied');
    expect(rows.map((r) => [r.source, r.mediaId])).toEqual([['wecom_app', appMedia], ['wecom_kf', kfMedia]]);
    for (const r of rows) {
      expect(Buffer.from(r.dataBase64, 'base64').equals(photo)).toBe(true);
      expect(r.contentType).toBe('image/jpeg');
    }
  });

  it('delivers everything once after the WeCom API was down for 2 minutes', async () => {
    const dispatcher = w.t.app.get(OutboxDispatcher);
    await w.fake.down();
    const outbox = w.t.app.get(OutboxService);
    await w.t.app.get(DataSource).transaction(async (em) => {
      for (let i = 1; i <= 10; i++) {
        await outbox.enqueue(em, { idempotencyKey: `outage:${i}`, channel: 'wecom_app', recipient: `member-${i % 3}`, kind: 'text', payload: { text: `停机期间消息${i}` } });
      }
    });
    for (let s = 0; s < 120; s += 10) {
      await dispatcher.drain();
      clock.advance(10_000);
    }
    expect(w.fake.sent.filter((s) => textOf(s).startsWith('停机期间消息'))).toHaveLength(0);
    await w.fake.up();
    // The clock jump below passes every lease: a send still in flight in real time (the background worker's)
    // would look abandoned and go out twice, which a real clock cannot do (a lease outlasts a request's timeout).
    await waitFor(async () => (await w.t.app.get(DataSource).getRepository(OutboxMessageEntity).countBy({ state: 'sending' })) === 0, 15_000, 'no send in flight');
    clock.advance(15 * 60_000);
    await dispatcher.drain();
    await waitFor(() => w.fake.sent.filter((s) => textOf(s).startsWith('停机期间消息')).length === 10, 15_000, 'all delivered');
    await new Promise((r) => setTimeout(r, 600));
    const texts = w.fake.sent.filter((s) => textOf(s).startsWith('停机期间消息')).map(textOf);
    expect(new Set(texts).size).toBe(10);
    expect(texts).toHaveLength(10);
  });
});
