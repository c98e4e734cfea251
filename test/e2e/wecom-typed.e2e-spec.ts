import { DataSource } from 'typeorm';
import { ManualClock } from '../../src/common/clock';
import type { FakeSent } from '../fake-wecom/fake-wecom.server';
import { describeEachEngine } from '../support/database';
import { waitFor } from '../support/wait';
import { buildKfEventCallback } from '../support/wecom-callback';
import { wecomAppChannel } from '../support/typing/channels';
import { sentText, startWecomApp } from '../support/wecom-app';

const NUMBER = /编号：([A-Z]{2}\d{8}-\d{4})/;

type Body = { touser?: string; msgmenu?: { list?: Array<{ click?: { id: string; content: string } }> } };
const body = (s: FakeSent) => s.body as Body;
const textOf = sentText;

/** Residents who type every answer in WeCom: the app shows options as a numbered list, Customer Service as a menu. */
describeEachEngine('typed answers in WeCom', (engine) => {
  let w: Awaited<ReturnType<typeof startWecomApp>>;
  let clock: ManualClock;
  beforeAll(async () => {
    clock = new ManualClock(new Date());
    w = await startWecomApp(engine, { clock });
  });
  afterAll(async () => w.close());

  const sentTo = (path: string, user: string) => w.fake.sent.filter((s) => s.path === path && body(s).touser === user);

  /**
   * Sends one app message as the typing residents do (`wecomAppChannel`: the whole turn, every send of it) and
   * expects a reply containing `expected`; returns all the text sent.
   */
  async function appSays(user: string, content: string, expected: string | RegExp): Promise<string> {
    const app = wecomAppChannel({ fake: w.fake, dataSource: w.t.app.get(DataSource), post: (cb) => w.post(cb) });
    const text = (await app.open(user).say(content)).map((r) => r.text).join('\n');
    if (typeof expected === 'string') expect(text).toContain(expected);
    else expect(text).toMatch(expected);
    return text;
  }

  it('self-built app: options arrive numbered with a line saying the number can be typed; typed numbers and words file a ticket', async () => {
    const user = 'res-typed-app';
    const menu = await appSays(user, '你好', /1\. 反映问题/);
    expect(menu).toMatch(/1\. 反映问题\n2\. 查询进度/);
    expect(menu).toContain('回复数字即可');
    await appSays(user, '１', '发生了什么事');
    await appSays(user, '小区门口的路灯坏了一个多月，晚上很黑，老人出行不安全', '问题发生在哪里');
    await appSays(user, '西沙街道幸福小区3号楼', '什么时候开始');
    const affected = await appSays(user, '上个月', '受到影响');
    expect(affected).toContain('1. 跳过');
    // A number that is not offered is told so, and the question comes again with its list; nothing is saved.
    const notOffered = await appSays(user, '2', '没有第2项');
    expect(notOffered).toContain('请回复1');
    expect(notOffered).toContain('受到影响');
    expect(notOffered).toContain('1. 跳过');
    await appSays(user, '1', '照片');
    await appSays(user, '没有照片', '手机号码');
    await appSays(user, '138 0013 8000', '怎么称呼');
    const consent = await appSays(user, '叫我老刘就行', '是否同意');
    expect(consent).toMatch(/1\. 同意\n2\. 不同意\n（回复数字即可/);
    await appSays(user, '一', '分类是否正确');
    await appSays(user, '嗯，对', '请核对');
    const filed = await appSays(user, '对的，提交', NUMBER);
    const number = NUMBER.exec(filed)![1];
    const status = await appSays(user, `${number}办得怎么样了`, '等待委员受理');
    expect(status).toContain(`编号：${number}`);
    const [row] = await w.t.app.get(DataSource).query('SELECT residentPhone, residentName FROM ticket WHERE number = ?', [number]);
    expect(row).toEqual({ residentPhone: '13800138000', residentName: '老刘' });
    const [filedRow] = await w.t.app.get(DataSource).query('SELECT affected FROM ticket WHERE number = ?', [number]);
    expect(filedRow.affected).toBeNull();
  });

  it('self-built app: wanting to go to the studio to see a member books a visit, every answer typed', async () => {
    const user = 'res-typed-visit';
    const where = await appSays(user, '想去工作室找委员', '哪个镇或街道');
    expect(where).toContain('我们为您预约当地的委员工作室');
    expect(where).not.toContain('值班委员');
    expect(where).toMatch(/\d\. 大柳塔镇委员工作室/);
    const slots = await appSays(user, '额是大柳塔的', '请选择预约时段');
    expect(slots).toContain('大柳塔镇委员工作室接待时间');
    expect(slots).toMatch(/1\. \d{2}-\d{2} \d{2}:\d{2}/);
    await appSays(user, '1', '怎么称呼');
    await appSays(user, '叫我李阿姨就行', '联系电话');
    await appSays(user, '我的电话是 138 1234 5678', '什么事');
    await appSays(user, '小区门口停车太乱', '预约成功');
    const rows = await w.t.app.get(DataSource).query('SELECT workstationCode, visitorPhone FROM reception_booking WHERE visitorName = ?', ['李阿姨']);
    expect(rows).toEqual([{ workstationCode: 'ws-daliuta', visitorPhone: '13812345678' }]);
  });

  it('Customer Service: typed words and a msgmenu click answer alike', async () => {
    const user = 'wmRES-typed-kf';
    const kfSays = async (content: string, expected: string | RegExp, menuId?: string): Promise<FakeSent[]> => {
      clock.advance(5_000);
      const before = sentTo('/cgi-bin/kf/send_msg', user).length;
      const { token } = w.fake.queueKfMessages('wkTEST01', [{ external_userid: user, msgtype: 'text', text: { content, ...(menuId ? { menu_id: menuId } : {}) } }]);
      expect((await w.post(buildKfEventCallback({ openKfId: 'wkTEST01', token }))).status).toBe(200);
      const matches = (s: string) => (typeof expected === 'string' ? s.includes(expected) : expected.test(s));
      return waitFor(() => {
        const all = sentTo('/cgi-bin/kf/send_msg', user).slice(before);
        return all.some((s) => matches(textOf(s))) ? all : null;
      }, 15_000, `kf reply to ${content}`);
    };
    await kfSays('老街改造施工，把门楼都拆了，没人管', '问题发生在哪里');
    await kfSays('西沙街道老街那一片', '什么时候开始');
    await kfSays('上个月', '受到影响');
    await kfSays('不知道', '照片');
    await kfSays('没拍', '手机号码');
    await kfSays('我的电话是13800138000', '怎么称呼');
    const consent = await kfSays('王先生', '是否同意');
    const menu = consent.map((s) => body(s).msgmenu).find(Boolean);
    expect(menu?.list?.map((i) => i.click?.content)).toEqual(['同意', '不同意']);
    // The click sends the item's id as menu_id with its text; minyi reads it like the typed word.
    const agree = menu!.list![0].click!;
    // Gate towers torn down by street works could be a relic or the works: the resident is asked which.
    await kfSays(agree.content, '方面的问题，还是', agree.id);
    await kfSays('是老房子文物保护那方面的', '请核对');
    const filed = await kfSays('提交吧', NUMBER);
    expect(filed.map(textOf).join('\n')).toMatch(NUMBER);
  });
});
