import { DataSource } from 'typeorm';
import { ManualClock } from '../../src/common/clock';
import { BookingRepository } from '../../src/conversation/booking.repository';
import { startTestApp, TestApp } from '../support/app';
import { describeEachEngine } from '../support/database';
import { call, Session, signInAs } from './console.support';

interface Booking {
  workstationCode: string;
  workstationName: string;
  slotStart: string;
  memberName: string | null;
  visitorName: string | null;
  visitorPhone: string | null;
  purpose: string | null;
  mine: boolean;
}

describeEachEngine('console bookings API', (engine) => {
  // Tuesday 2026-12-01, 09:00 in China.
  const clock = new ManualClock(new Date('2026-12-01T01:00:00Z'));
  let t: TestApp;
  let zhangwei: Session;
  let liuhong: Session;
  let wangqiang: Session;
  let office: Session;
  const list = async (s: Session, query = '') => {
    const answer = await call(t.url, `/api/member/bookings${query}`, { cookie: s.cookie });
    expect(answer.status).toBe(200);
    return answer.json as Booking[];
  };

  beforeAll(async () => {
    t = await startTestApp(engine, { clock });
    const repo = t.app.get(BookingRepository);
    const manager = t.app.get(DataSource).manager;
    const book = (workstationCode: string, slotStart: string, memberUserid: string | null, visitorName: string, visitorPhone: string, purpose: string) =>
      repo.insert(manager, { workstationCode, slotStart: new Date(slotStart), residentKey: `web:${visitorPhone}`, memberUserid, addressKey: null, visitorName, visitorPhone, purpose });
    // Inserted out of order: the list comes back soonest first.
    await book('ws-binhe', '2026-12-03T07:00:00Z', 'zhangwei', '王秀英', '13912345678', '小区电梯老是坏，想当面说说');
    await book('ws-binhe', '2026-12-01T01:30:00Z', 'liuhong', '李阿姨', '13812345678', '门口停车太乱');
    await book('ws-daliuta', '2026-12-02T02:00:00Z', null, '赵大爷', '13700001111', '路灯不亮');
    // Outside the default window (yesterday for two weeks): a visit long past, one a month ahead.
    await book('ws-binhe', '2026-11-20T01:00:00Z', 'zhangwei', '陈阿姨', '13600002222', '上个月的事');
    await book('ws-binhe', '2027-01-05T01:00:00Z', 'zhangwei', '周师傅', '13500003333', '下个月再来');
    [zhangwei, liuhong, wangqiang, office] = await Promise.all(['zhangwei', 'liuhong', 'wangqiang', 'office01'].map((u) => signInAs(t, u)));
  });
  afterAll(async () => {
    await t?.close();
  });

  it("lists only the caller's studio, soonest first, from yesterday for two weeks, with studio and member names", async () => {
    const mine = await list(zhangwei);
    expect(mine.map((b) => [b.workstationCode, b.slotStart])).toEqual([
      ['ws-binhe', '2026-12-01T01:30:00.000Z'],
      ['ws-binhe', '2026-12-03T07:00:00.000Z'],
    ]);
    expect(mine[0]).toMatchObject({ workstationName: '滨河新区委员工作室', memberName: '刘红', mine: false });
    expect(mine[1]).toMatchObject({ memberName: '张伟', mine: true });
    const other = await list(wangqiang);
    expect(other).toEqual([expect.objectContaining({ workstationCode: 'ws-daliuta', memberName: null, purpose: '路灯不亮', mine: false })]);
  });

  it('shows the visitor whole to the member on duty at that visit and to the office, masked to the rest of the studio', async () => {
    const byZhang = await list(zhangwei);
    expect(byZhang[1]).toMatchObject({ visitorName: '王秀英', visitorPhone: '13912345678' });
    expect(byZhang[0]).toMatchObject({ visitorName: '李**', visitorPhone: '138****5678', purpose: '门口停车太乱' });
    const byLiu = await list(liuhong);
    expect(byLiu.map((b) => [b.visitorName, b.visitorPhone])).toEqual([
      ['李阿姨', '13812345678'],
      ['王**', '139****5678'],
    ]);
    const byOffice = await list(office);
    expect(byOffice.map((b) => b.workstationCode)).toEqual(['ws-binhe', 'ws-daliuta', 'ws-binhe']);
    expect(byOffice.map((b) => b.visitorName)).toEqual(['李阿姨', '赵大爷', '王秀英']);
  });

  it('takes another window, and refuses one that ends before it starts', async () => {
    const later = await list(zhangwei, '?from=2026-12-20T00:00:00Z&to=2027-02-01T00:00:00Z');
    expect(later.map((b) => b.purpose)).toEqual(['下个月再来']);
    const bad = await call(t.url, '/api/member/bookings?from=2026-12-20T00:00:00Z&to=2026-12-01T00:00:00Z', { cookie: zhangwei.cookie });
    expect(bad.status).toBe(400);
  });
});
