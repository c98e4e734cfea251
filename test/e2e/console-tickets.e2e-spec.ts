import { DataSource } from 'typeorm';
import { ManualClock } from '../../src/common/clock';
import { MediaStore, mediaRef } from '../../src/media/media.store';
import { aConcern, aResident, ticketsOf } from '../factories/ticket.factory';
import { startTestApp, TestApp } from '../support/app';
import { describeEachEngine } from '../support/database';
import { call, Session, signInAs } from './console.support';

interface Item { number: string; state: string; workstationCode: string; deadline: string | null; overdue: boolean; residentPhone: string | null; residentName: string | null; assigneeUserid: string | null; assigneeName: string | null }
interface View extends Item { text: string; mine: boolean; keywords: Array<{ word: string }>; events: Array<{ type: string }>; notes: Array<{ kind: string; text: string }> }

const WRITES: Array<[string, unknown]> = [
  ['take', { way: 'bridge', activity: 'micro_consultation' }],
  ['note', { kind: 'note', text: '已联系' }],
  ['answer', { reply: '已处理' }],
  ['close', { outcome: 'not_accepted', reason: '重复' }],
  ['extend', { reason: '需协调' }],
  ['reroute', { workstationCode: 'ws-daliuta', reason: '不属本站' }],
  ['return', { reason: '不属本站' }],
];

describeEachEngine('console: members work tickets', (engine) => {
  const clock = new ManualClock(new Date('2026-12-01T01:00:00Z')); // Tuesday 09:00 in China
  let t: TestApp;
  let s: ReturnType<typeof ticketsOf>;
  let zhangwei: Session, liuhong: Session, wangqiang: Session;
  const as = (x: Session) => ({ cookie: x.cookie, csrf: x.csrf });
  const get = (x: Session, path: string) => call(t.url, path, as(x));
  const post = (x: Session, number: string, action: string, body: unknown) => call(t.url, `/api/member/tickets/${number}/${action}`, { method: 'POST', body, ...as(x) });
  const file = async (areaCode: string, chosenSector: string, resident = aResident()) =>
    (await s.resident.fileConcern(aConcern({ resident, areaCode, chosenSector, text: `${areaCode} ${chosenSector} 联系电话13912345678 问题描述` }))).ticket.number;

  beforeAll(async () => {
    t = await startTestApp(engine, { clock });
    s = ticketsOf(t.app);
  });
  // Sessions expire by the same clock the deadlines run on, so each test signs in afresh.
  const signIn = async () => { [zhangwei, liuhong, wangqiang] = await Promise.all(['zhangwei', 'liuhong', 'wangqiang'].map((u) => signInAs(t, u))); };
  beforeEach(signIn);
  afterAll(async () => { await t?.close(); });

  it("shows only the principal's workstation in the queue, masked, by deadline, with filters", async () => {
    const early = await file('binhe', '教育文体');
    clock.advance(3600_000);
    const later = await file('binhe', '教育文体');
    const elsewhere = await file('daliuta', '环境保护');
    const queue = (await get(zhangwei, '/api/member/queue')).json as Item[];
    const numbers = queue.map((i) => i.number);
    expect(numbers).toEqual(expect.arrayContaining([early, later]));
    expect(numbers).not.toContain(elsewhere);
    expect(new Set(queue.map((i) => i.workstationCode))).toEqual(new Set(['ws-binhe']));
    expect(numbers.indexOf(early)).toBeLessThan(numbers.indexOf(later));
    expect(queue[0]).toMatchObject({ residentPhone: '139****5678', residentName: '李**', state: 'submitted', overdue: false });
    expect(((await get(wangqiang, '/api/member/queue')).json as Item[]).map((i) => i.number)).toEqual([elsewhere]);

    await expect(get(zhangwei, '/api/member/queue?sector=environment').then((a) => a.json)).resolves.toEqual([]);
    await expect(get(zhangwei, '/api/member/queue?area=binhe&state=submitted').then((a) => (a.json as Item[]).length)).resolves.toBe(2);
    await expect(get(zhangwei, '/api/member/queue?state=nonsense').then((a) => a.status)).resolves.toBe(400);
    await expect(get(zhangwei, '/api/member/queue?overdue=true').then((a) => a.json)).resolves.toEqual([]);
    clock.advance(2 * 86_400_000); // past the take deadline of both
    await signIn();
    const overdue = (await get(zhangwei, '/api/member/queue?overdue=true')).json as Item[];
    expect(overdue.map((i) => i.number)).toEqual(expect.arrayContaining([early, later]));
    expect(overdue.every((i) => i.overdue)).toBe(true);
  });

  it('answers 401 without a session, 403 without CSRF, and 404 for another workstation’s ticket on every route', async () => {
    const number = await file('binhe', '教育文体');
    for (const path of ['/api/member/queue', '/api/member/tickets', `/api/member/tickets/${number}`, '/api/member/ticket-options']) {
      await expect(call(t.url, path).then((a) => a.status)).resolves.toBe(401);
    }
    await expect(get(wangqiang, `/api/member/tickets/${number}`).then((a) => a.status)).resolves.toBe(404);
    await expect(get(wangqiang, '/api/member/tickets/SM20990101-0001').then((a) => a.status)).resolves.toBe(404);
    for (const [action, body] of WRITES) {
      await expect(call(t.url, `/api/member/tickets/${number}/${action}`, { method: 'POST', body }).then((a) => a.status)).resolves.toBe(401);
      await expect(call(t.url, `/api/member/tickets/${number}/${action}`, { method: 'POST', body, cookie: zhangwei.cookie }).then((a) => a.status)).resolves.toBe(403);
      const other = await post(wangqiang, number, action, body);
      expect([action, other.status]).toEqual([action, 404]);
    }
    await expect(s.repo.findByNumber(number)).resolves.toMatchObject({ state: 'submitted', assigneeUserid: null, workstationCode: 'ws-binhe' });
  });

  it('masks every field a resident wrote, phones in any format and ID numbers, until the member takes the ticket: API, queue and card', async () => {
    const resident = aResident();
    const text = '滨河新区第三小学门口天天堵车，孩子过马路很危险。我叫李小明，手机138 1234 5678，身份证610802199001011234';
    const { ticket } = await s.resident.fileConcern(aConcern({ resident, areaCode: 'binhe', chosenSector: '教育文体', text, affected: '全校家长，家长群联系人+86 137-0000-1111', address: '滨河路1号（门卫电话０９１２－８１２３４５６）' }));
    await s.resident.addInformation(ticket.number, resident, { text: '补充：学校办公室固话(0912)8765432' });
    const secrets = ['138 1234 5678', '13812345678', '610802199001011234', '137-0000-1111', '０９１２－８１２３４５６', '8123456', '8765432', '李小明'];
    const before = JSON.stringify((await get(zhangwei, `/api/member/tickets/${ticket.number}`)).json);
    const queue = JSON.stringify((await get(zhangwei, '/api/member/queue')).json);
    const outbox = JSON.stringify(await s.outbox((await s.repo.findByNumber(ticket.number))!.id));
    for (const secret of secrets) {
      expect(before).not.toContain(secret);
      expect(queue).not.toContain(secret);
      expect(outbox).not.toContain(secret);
    }
    expect(before).toContain('138****5678');
    expect(before).toContain('0912-****5432');
    const taken = JSON.stringify((await post(zhangwei, ticket.number, 'take', { way: 'bridge', activity: 'micro_consultation' })).json);
    for (const secret of ['138 1234 5678', '610802199001011234', '137-0000-1111', '(0912)8765432', '李小明']) expect(taken).toContain(secret);
  });

  it('take → answer through the API: the phone shows to the assignee only, a second taker hears who has it, the resident is told', async () => {
    const resident = aResident();
    const number = await file('binhe', '教育文体', resident);
    const before = (await get(zhangwei, `/api/member/tickets/${number}`)).json as View;
    expect(before).toMatchObject({ residentPhone: '139****5678', residentName: '李**', mine: false, state: 'submitted' });
    expect(before.text).not.toContain('13912345678');
    expect(before.keywords).toEqual(expect.any(Array));
    expect(before.events.map((e) => e.type)).toEqual(['created', 'routed']);

    await expect(post(zhangwei, number, 'take', { way: 'teleport', activity: 'micro_consultation' }).then((a) => a.json)).resolves
      .toMatchObject({ error: 'VALIDATION', details: { fieldErrors: { way: expect.any(Array) } } });
    const taken = await post(zhangwei, number, 'take', { way: 'bridge', activity: 'micro_consultation' });
    expect(taken.status).toBe(200);
    expect(taken.json).toMatchObject({ state: 'taken', assigneeUserid: 'zhangwei', assigneeName: '张伟', residentPhone: '13912345678', residentName: '李小明', mine: true });
    expect((taken.json as View).text).toContain('13912345678');
    const again = await post(liuhong, number, 'take', { way: 'expert', activity: 'micro_research' });
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({ error: 'ALREADY_TAKEN', details: { assignee: 'zhangwei' } });
    await expect(get(liuhong, `/api/member/tickets/${number}`).then((a) => a.json)).resolves.toMatchObject({ residentPhone: '139****5678', mine: false });
    await expect(post(liuhong, number, 'answer', { reply: '不是我的' }).then((a) => a.status)).resolves.toBe(403);

    const noted = await post(zhangwei, number, 'note', { kind: 'department_contacted', text: '已联系交警' });
    expect(noted.json).toMatchObject({ state: 'in_progress', notes: [{ kind: 'department_contacted', text: '已联系交警' }] });
    const answered = await post(zhangwei, number, 'answer', { reply: '已增设护学岗。', outcome: 'resolved' });
    expect(answered.status).toBe(200);
    expect((answered.json as View).events.map((e) => e.type)).toEqual(['created', 'routed', 'taken', 'note_added', 'answered']);
    const row = (await s.repo.findByNumber(number))!;
    expect(row).toMatchObject({ state: 'answered', outcome: 'resolved' });
    const toResident = (await s.outbox(row.id)).filter((m) => m.recipient === resident.externalId);
    expect(toResident.some((m) => m.channel === 'web' && m.payload.text!.includes('已增设护学岗。'))).toBe(true);
    await expect(post(zhangwei, number, 'answer', { reply: 'again' }).then((a) => a.json)).resolves.toMatchObject({ error: 'ILLEGAL_STATE' });
    const closed = await post(zhangwei, number, 'close', { outcome: 'resolved' });
    expect(closed.json).toMatchObject({ state: 'closed', outcome: 'resolved' });
  });

  it('extends, returns to triage, re-routes and refuses an untaken ticket without a reason', async () => {
    const kept = await file('binhe', '教育文体');
    await post(zhangwei, kept, 'take', { way: 'expert', activity: 'micro_research' });
    const extended = await post(zhangwei, kept, 'extend', { reason: '需协调多个部门' });
    expect(extended.json).toMatchObject({ extensionCount: 1 });
    await expect(post(zhangwei, kept, 'extend', { reason: 'again' }).then((a) => a.json)).resolves.toMatchObject({ error: 'EXTENSION_LIMIT_REACHED' });
    await expect(post(zhangwei, kept, 'return', {}).then((a) => a.status)).resolves.toBe(400);
    await expect(post(zhangwei, kept, 'return', { reason: '不属本站' }).then((a) => a.json)).resolves.toMatchObject({ state: 'submitted', workstationCode: 'triage' });
    await expect(get(zhangwei, `/api/member/tickets/${kept}`).then((a) => a.status)).resolves.toBe(404);

    const moved = await file('binhe', '教育文体');
    await expect(post(zhangwei, moved, 'reroute', { reason: 'x' }).then((a) => a.status)).resolves.toBe(400);
    await expect(post(zhangwei, moved, 'reroute', { workstationCode: 'ws-daliuta', reason: '属环保' }).then((a) => a.json)).resolves.toMatchObject({ workstationCode: 'ws-daliuta' });
    await expect(get(wangqiang, `/api/member/tickets/${moved}`).then((a) => a.status)).resolves.toBe(200);
    await expect(post(wangqiang, moved, 'close', { outcome: 'resolved' }).then((a) => a.status)).resolves.toBe(409);
    await expect(post(wangqiang, moved, 'close', { outcome: 'not_accepted', reason: '重复诉求' }).then((a) => a.json)).resolves.toMatchObject({ state: 'closed', outcome: 'not_accepted' });
    await expect(get(wangqiang, '/api/member/tickets?state=closed').then((a) => (a.json as Item[]).map((i) => i.number))).resolves.toContain(moved);
  });

  it('serves a stored photo of a ticket to members who may see the ticket, as an inert image', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');
    const media = await new MediaStore(t.app.get(DataSource)).keep({ source: 'web', mediaId: 'photo-test', contentType: 'image/png', filename: null, bytes: png });
    const attachments = [{ kind: 'location' as const, ref: '38.8,110.4', name: null }, { kind: 'image' as const, ref: mediaRef(media), name: 'light.png' }];
    const number = (await s.resident.fileConcern(aConcern({ areaCode: 'binhe', chosenSector: '教育文体', attachments }))).ticket.number;
    const res = await fetch(`${t.url}/api/member/tickets/${number}/attachments/1`, { headers: { cookie: zhangwei.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await res.arrayBuffer()).equals(png)).toBe(true);
    // Not stored (a location), out of range, another workstation, no session.
    await expect(get(zhangwei, `/api/member/tickets/${number}/attachments/0`).then((a) => a.status)).resolves.toBe(404);
    await expect(get(zhangwei, `/api/member/tickets/${number}/attachments/5`).then((a) => a.status)).resolves.toBe(404);
    await expect(get(wangqiang, `/api/member/tickets/${number}/attachments/1`).then((a) => a.status)).resolves.toBe(404);
    await expect(fetch(`${t.url}/api/member/tickets/${number}/attachments/1`).then((r) => r.status)).resolves.toBe(401);
  });

  it('shows similar tickets of the same sector within the caller\'s scope, phone numbers masked in every title', async () => {
    const text = '电话13912345678，学校门口早晚高峰拥堵严重，孩子过马路很危险，希望增设护学岗和红绿灯';
    const fileText = async (areaCode: string) => (await s.resident.fileConcern(aConcern({ areaCode, chosenSector: '教育文体', text }))).ticket.number;
    const [first, second, elsewhere] = [await fileText('binhe'), await fileText('binhe'), await fileText('binhe')];
    await expect(post(zhangwei, elsewhere, 'reroute', { workstationCode: 'ws-daliuta', reason: '不属本站' }).then((a) => a.status)).resolves.toBe(200);
    const unrelated = await file('binhe', '教育文体');
    const view = (await get(zhangwei, `/api/member/tickets/${first}`)).json as View & { title: string; similar: Array<{ number: string; title: string; score: number }> };
    const numbers = view.similar.map((x) => x.number);
    expect(numbers).toContain(second);
    expect(numbers).not.toContain(first);
    expect((await s.repo.findByNumber(elsewhere))!.sectorCode).toBe((await s.repo.findByNumber(first))!.sectorCode);
    expect(numbers).not.toContain(elsewhere); // same sector, but another studio's ticket: out of scope
    expect(numbers).not.toContain(unrelated);
    expect(view.similar[0].score).toBeGreaterThanOrEqual(0.5);
    expect(JSON.stringify(view.similar)).not.toContain('13912345678');
    expect(view.title).not.toContain('13912345678');
    const queue = (await get(zhangwei, '/api/member/queue')).json as Array<Item & { title: string }>;
    expect(JSON.stringify(queue)).not.toContain('13912345678');
  });
});
