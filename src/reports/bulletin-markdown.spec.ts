import { ManualClock } from '../common/clock';
import { I18nService } from '../i18n/i18n.service';
import type { Bulletin } from './bulletins.service';
import { BulletinsService } from './bulletins.service';

describe('bulletin markdown', () => {
  // markdown() reads only the bulletin and the locale strings; the figures' sources are not involved.
  const unused = null as never;
  const sut = new BulletinsService(unused, unused, unused, unused, I18nService.load(), new ManualClock(new Date('2026-11-09T01:00:00Z')), unused);
  const rates = { onTimeTake: 1, onTimeAnswer: 1, satisfaction: 1, reopen: 0 };
  const hostile = '路灯坏了[点此办理](http://evil.example/pay) **加急** 联系13812345678';
  const bulletin = {
    kind: 'weekly',
    period: { key: '2026-11-02', from: '', to: '', label: '11月2日至11月8日' },
    unit: { level: 'city', code: null, name: null, label: '全市' },
    figures: { counters: {}, rates, receptions: 0, sqmyAdopted: 0 },
    ranking: [],
    overdue: [{ number: 'SM20261102-0001', title: hostile, state: 'submitted', workstationCode: 'ws-binhe', workstationName: '滨河工作室', assigneeUserid: null, deadline: null, overdueHours: 5 }],
    overdueTotal: 1,
    topics: [{ words: ['路灯'], title: hostile, sectorCode: null, sectorName: null, tickets: [], residents: 3, areas: [] }],
    targets: [],
    summary: [`热点问题：${hostile}`],
  } as unknown as Bulletin;

  it('renders resident text inert: no link, no emphasis, no phone, while the office link stays a link', () => {
    const md = sut.markdown(bulletin, 'zh-CN', 'https://minyi.example/console#/bulletins');
    expect(md).not.toContain('](http://evil');
    expect(md).not.toContain('http://evil');
    expect(md).not.toContain('**加急**');
    expect(md).not.toContain('13812345678');
    expect(md).toContain('点此办理');
    expect(md).toContain('(https://minyi.example/console#/bulletins)');
  });
});
