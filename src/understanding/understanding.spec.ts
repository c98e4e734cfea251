import { join } from 'node:path';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { findTicketNumber } from './ticket-number';
import { normalise } from './normalise';
import { parsePhone } from './phone';
import { ordinal } from './ordinal';
import type { AreaName, Option, Rating } from './reading.types';
import { Understanding } from './understanding';
import { core } from './normalise';
import { grammarOf, loadWordLists, termSeparators } from './word-lists';

const u = new Understanding(loadWordLists(join(__dirname, '..', '..', 'locales')));

const AREAS: AreaName[] = [
  { code: 'dlt', name: '大柳塔镇', aliases: ['大柳塔'] },
  { code: 'xisha', name: '西沙街道', aliases: ['西沙'] },
  { code: 'linzhou', name: '麟州街道', aliases: ['麟州'] },
];
const opts = (...titles: string[]): Option[] => titles.map((title) => ({ title, payload: title }));

// Each table: what a resident types → what minyi must read. Traps sit among the ordinary answers.
const YES_NO: Array<[string, 'yes' | 'no' | null]> = [
  ['是', 'yes'], ['是的', 'yes'], ['是的是的', 'yes'], ['对', 'yes'], ['对的', 'yes'], ['对对对', 'yes'], ['没错', 'yes'],
  ['正确', 'yes'], ['好', 'yes'], ['好的', 'yes'], ['好的吧', 'yes'], ['好滴', 'yes'], ['行', 'yes'], ['行吧', 'yes'], ['行啊', 'yes'],
  ['可以', 'yes'], ['可以的', 'yes'], ['可以可以', 'yes'], ['嗯', 'yes'], ['嗯嗯', 'yes'], ['嗯，对', 'yes'], ['嗯对的', 'yes'],
  ['同意', 'yes'], ['同意的', 'yes'], ['我同意', 'yes'], ['同意！', 'yes'], ['没问题', 'yes'], ['没有问题', 'yes'], ['没问题的', 'yes'],
  ['我觉得没问题', 'yes'], ['确认', 'yes'], ['ok', 'yes'], ['OK', 'yes'], ['ｏｋ', 'yes'], ['Yes', 'yes'], ['好，我同意', 'yes'],
  ['對', 'yes'], ['沒問題', 'yes'], ['是滴', 'yes'], ['当然可以', 'yes'], ['中', 'yes'], ['要得', 'yes'], ['  好的  ', 'yes'],
  ['不', 'no'], ['不是', 'no'], ['不对', 'no'], ['不對', 'no'], ['不用', 'no'], ['不同意', 'no'], ['我不同意', 'no'], ['算了', 'no'],
  ['算了吧', 'no'], ['否', 'no'], ['不要', 'no'], ['不行', 'no'], ['不可以', 'no'], ['不好', 'no'], ['错了', 'no'], ['有问题', 'no'],
  ['不正确', 'no'], ['不不不', 'no'], ['对，不对', 'no'], ['嗯，不对', 'no'], ['no', 'no'], ['No!', 'no'], ['不太对', 'no'],
  ['好的好的，谢谢', 'yes'], ['对头', 'yes'], ['没毛病', 'yes'], ['可以呀', 'yes'], ['嗯呢', 'yes'], ['那就这样吧', 'yes'],
  ['好的，同意转交', 'yes'], ['没意见', 'yes'], ['确定', 'yes'], ['是呀', 'yes'], ['对呀对呀', 'yes'], ['赞成', 'yes'],
  ['不行不行', 'no'], ['不是的', 'no'], ['不对不对', 'no'], ['不用了', 'no'], ['我不愿意', 'no'], ['拒绝', 'no'], ['不了', 'no'],
  ['行，转吧', 'yes'], ['能行', 'yes'], ['是这个', 'yes'], ['好的 谢谢[抱拳]', 'yes'], ['ok的', 'yes'], ['嗯 麻烦了', 'yes'], ['不放弃', null],
  ['嗯谢谢你们', 'yes'], ['好的麻烦了', 'yes'], ['同意，辛苦了', 'yes'], ['谢谢', null], ['啥意思', null], ['这个我也不懂', null],
  ['不是这个', 'no'], ['这个不对', 'no'], ['不好意思，不同意', 'no'], ['nope', 'no'],
  ['好久没修了', null], ['是我家门口', null], ['路灯坏了', null], ['', null], ['😀', null], ['123', null], ['行政村', null],
];

const SKIPS: Array<[string, boolean]> = [
  ['没有', true], ['没有照片', true], ['没拍', true], ['没拍照片', true], ['我没拍照片', true], ['无', true], ['不清楚', true],
  ['不知道', true], ['跳过', true], ['没了', true], ['没有了', true], ['就这些', true], ['暂时没有', true], ['我也不知道', true],
  ['不知道有多少人', true], ['没照片', true], ['沒有', true], ['跳过吧', true], ['不清楚啊', true], ['skip', true], ['无。', true],
  ['不晓得', true], ['暂无', true], ['没有拍', true], ['拍不了', true], ['就这些了', true], ['我们也不清楚', true], ['無', true],
  ['没照', true], ['没有图片', true], ['手机拍不了', true], ['没有照片，手机不会弄', true], ['👍', false], ['不太清楚有多少', false],
  ['照片没拍下', true], ['不会发照片', true], ['没有哩', true], ['拍不了照', true], ['这个没有', true],
  ['全小区约200户', false], ['一栋楼的人', false], ['附近的老人和孩子都受影响，上学放学很不方便', false], ['好的', false],
  ['', false], ['3户', false], ['村里的人', false],
];

const CHOICES: Array<[string, string[], number | null]> = [
  ['1', ['同意', '不同意'], 0], ['２', ['同意', '不同意'], 1], ['１', ['正确', '换个领域'], 0], ['第一个', ['正确', '换个领域'], 0],
  ['第二个', ['正确', '换个领域'], 1], ['一', ['正确', '换个领域'], 0], ['二', ['正确', '换个领域'], 1], ['选2', ['正确', '换个领域'], 1],
  ['我选第二个', ['正确', '换个领域'], 1], ['第2项', ['正确', '换个领域'], 1], ['3', ['正确', '换个领域'], null], ['0', ['正确', '换个领域'], null],
  ['换个领域', ['正确', '换个领域'], 1], ['换个领域吧', ['正确', '换个领域'], 1], ['我想换个领域', ['正确', '换个领域'], 1],
  ['不同意', ['同意', '不同意'], 1], ['我同意', ['同意', '不同意'], 0], ['环境保护', ['城乡建设', '环境保护', '交通运输'], 1],
  ['是环境保护的', ['城乡建设', '环境保护', '交通运输'], 1], ['选交通运输', ['城乡建设', '环境保护', '交通运输'], 2],
  ['第三个', ['城乡建设', '环境保护', '交通运输'], 2], ['三', ['城乡建设', '环境保护', '交通运输'], 2], ['四', ['城乡建设', '环境保护', '交通运输'], null],
  ['sm20261201-0001', ['SM20261201-0001', 'SM20261201-0002'], 0], ['SM20261201-0002', ['SM20261201-0001', 'SM20261201-0002'], 1],
  ['第十一个', Array.from({ length: 12 }, (_, i) => `选项${i}`), 10], ['十二', Array.from({ length: 12 }, (_, i) => `选项${i}`), 11],
  ['确认提交', ['确认提交', '修改', '取消'], 0], ['1吧', ['同意', '不同意'], 0], ['选第一个', ['同意', '不同意'], 0], ['1。', ['同意', '不同意'], 0], ['修改一下', ['确认提交', '修改', '取消'], 1], ['不修改', ['确认提交', '修改', '取消'], null],
  ['我要反映问题：村里的自来水经常停，已经一个多月了', ['反映问题', '查询进度'], null], ['查询进度', ['反映问题', '查询进度'], 1],
  ['随便', ['同意', '不同意'], null], ['', ['同意', '不同意'], null], ['满意', ['满意', '基本满意', '不满意'], 0],
  ['基本满意', ['满意', '基本满意', '不满意'], 1], ['不满意', ['满意', '基本满意', '不满意'], 2], ['１２-03 09:00', ['12-03 09:00', '12-03 09:30'], 0],
];

const PHONES: Array<[string, string | null]> = [
  ['13800138000', '13800138000'], ['我的电话是13800138000', '13800138000'], ['１３８００１３８０００', '13800138000'],
  ['138 0013 8000', '13800138000'], ['138-0013-8000', '13800138000'], ['+86 138 0013 8000', '13800138000'], ['+8613800138000', '13800138000'],
  ['8613800138000', '13800138000'], ['电话是0912-1234567', '0912-1234567'], ['0912 1234567', '0912-1234567'], ['(0912)1234567', '0912-1234567'],
  ['09121234567', '0912-1234567'], ['010-12345678', '010-12345678'], ['手机：139 1234 5678，白天打', '13912345678'],
  ['打这个 15912345678 就行', '15912345678'], ['电话號碼 18612345678', '18612345678'], ['我住3号楼，电话13800138000', '13800138000'],
  ['手机 186-1234-5678', '18612345678'], ['0086 13800138000', '13800138000'], ['电话0912-8765432，找老王', '0912-8765432'],
  ['13800138000 谢谢', '13800138000'], ['我的手机号码是13800138000，姓王', '13800138000'],
  ['1380013800', null], ['138001380001', null], ['1234567', null], ['12345678901', null], ['没有电话', null], ['', null], ['😀😀', null],
];

const PHONE_REASONS: Array<[string, string, number]> = [
  ['1380013800', 'mobile_length', 10], ['138001380001', 'mobile_length', 12], ['8123456', 'no_area_code', 7], ['1381234', 'mobile_length', 7], ['不告诉你', 'none', 0],
];

const NAMES: Array<[string, string | null]> = [
  ['张三', '张三'], ['王先生', '王先生'], ['李阿姨', '李阿姨'], ['老刘', '老刘'], ['我姓王', '王'], ['免贵姓王', '王'], ['我姓欧阳', '欧阳'],
  ['叫我老刘就行', '老刘'], ['叫我老刘就行了', '老刘'], ['你叫我小张吧', '小张'], ['我叫张三', '张三'], ['我是李大爷', '李大爷'],
  ['我的名字是王建国', '王建国'], ['称呼我陈老师就好', '陈老师'], ['刘师傅。', '刘师傅'], ['張先生', '张先生'], ['赵女士', '赵女士'],
  ['王大妈', '王大妈'], ['叫我王姐就可以', '王姐'], ['我是老张啊', '老张'], ['小李', '小李'], ['Tom', 'Tom'],
  ['13800138000', null], ['', null], ['我家住在大柳塔镇新村路十二号三单元', null],
];

const NAMES_BESIDE_PHONE: Array<[string, string | null]> = [
  ['王先生 13800138000', '王先生'], ['我姓王，电话13800138000', '王'], ['13800138000 李阿姨', '李阿姨'], ['我的电话是13800138000', null],
  ['13800138000 谢谢', null], ['手机13800138000', null],
];

const PLACES: Array<[string, string | null]> = [
  ['大柳塔镇新村路12号', 'dlt'], ['大柳塔新村', 'dlt'], ['西沙', 'xisha'], ['麟州街道', 'linzhou'],
  ['就在我们村口', null], ['幸福小区', null], ['xisha', 'xisha'],
];

const RATINGS: Array<[string, Rating | null]> = [
  ['满意', 'satisfied'], ['很满意', 'satisfied'], ['非常满意', 'satisfied'], ['很好', 'satisfied'], ['挺好的', 'satisfied'], ['不错', 'satisfied'],
  ['还行', 'basically_satisfied'], ['还行吧', 'basically_satisfied'], ['一般', 'basically_satisfied'], ['一般般', 'basically_satisfied'],
  ['基本满意', 'basically_satisfied'], ['凑合', 'basically_satisfied'], ['不满意', 'not_satisfied'], ['太差了', 'not_satisfied'],
  ['很差', 'not_satisfied'], ['不太满意', 'not_satisfied'], ['一点都不满意', 'not_satisfied'], ['3星', 'satisfied'], ['三星', 'satisfied'],
  ['2星', 'basically_satisfied'], ['两颗星', 'basically_satisfied'], ['1星', 'not_satisfied'], ['⭐⭐⭐', 'satisfied'], ['⭐', 'not_satisfied'],
  ['5分', 'satisfied'], ['問題沒解決', 'not_satisfied'], ['路灯', null], ['', null],
];

const TICKETS: Array<[string, string | null]> = [
  ['SM20261203-0005', 'SM20261203-0005'], ['sm20261203-0005', 'SM20261203-0005'], ['SM20261203-0005办得怎么样了', 'SM20261203-0005'],
  ['查一下SM20261203-0005的进度', 'SM20261203-0005'], ['查询 SM20261203-0005', 'SM20261203-0005'], ['ＳＭ２０２６１２０３－０００５', 'SM20261203-0005'],
  ['SM 20261203 0005', 'SM20261203-0005'], ['SM202612030005', 'SM20261203-0005'], ['我的编号是sm20261203-0005，帮我看看', 'SM20261203-0005'],
  ['SM20261203-00051', null], ['20261203-0005', null], ['路灯坏了', null], ['', null],
];

const GLOBALS: Array<[string, string | null]> = [
  ['取消', 'cancel'], ['取消。', 'cancel'], ['退出', 'cancel'], ['不办了', 'cancel'], ['菜单', 'menu'], ['主菜单', 'menu'], ['帮助', 'help'],
  ['怎么用', 'help'], ['转人工', 'handoff'], ['我要转人工', 'handoff'], ['人工', 'handoff'], ['帮我找值班委员', 'handoff'], ['继续', 'resume'],
  ['继续吧', 'resume'], ['接着来', 'resume'], ['接着填', 'resume'], ['算了算了', 'cancel'], ['算了', null], ['继续填写', 'resume'], ['好的', null], ['取消预约', null], ['路灯坏了', null], ['', null],
  ['修改', 'back'], ['改一下', 'back'], ['说错了', 'back'], ['我说错了！', 'back'], ['上一步', 'back'], ['返回', 'back'], ['说错了，改一下', 'back'],
  ['返回菜单', 'menu'], ['修改过的地方又坏了', null], ['错了', null],
];

const GREETINGS: Array<[string, boolean]> = [
  ['你好', true], ['您好！', true], ['在吗', true], ['在吗？', true], ['你好，在吗', true], ['hello', true], ['', true],
  ['领导好', true], ['在不在', true], ['打扰了', true], ['同志你好', true], ['再吗', true], ['您好[抱拳]', true], ['喂', true], ['你好，我想反映个问题', false],
  ['村里的自来水经常停', false], ['你好，我们村的自来水经常停水，好几天了', false],
];

const CONCERNS: Array<[string, boolean]> = [
  ['村里的自来水经常停，一停就是好几天', true], ['村里的自来水经常停', true], ['小区门口路灯坏了一个多月', true],
  ['你好', false], ['取消', false], ['好的好的', false], ['😀😀😀😀😀😀😀😀😀', false], ['12345678901', false], ['反映问题', false],
  ['我家房子裂了', true], ['楼道灯坏了', true], ['俺们村停电了', true], ['厕所漏水', true], ['这事没人管', true], ['下水道堵了', true],
  ['坏了', false], ['停电了', false], ['你好漏水', false], ['不漏水了', false], ['我坏了', false], ['谢谢', false], ['返回', false],
];

const POLITE: Array<[string, boolean]> = [
  ['谢谢', true], ['好的', true], ['嗯嗯', true], ['知道了', true], ['好的谢谢', true], ['嗯嗯，谢谢你们', true], ['好的，麻烦了', true],
  ['收到', true], ['ok thanks', true], ['明白了', true], ['行，谢谢', true],
  ['上个月', false], ['好久了', false], ['一个单元的住户', false], ['谢谢，大概二十户', false], ['好几户人家', false], ['', false],
];

const NOT_OFFERED: Array<[string, number, number | null]> = [
  ['2', 1, 2], ['２', 1, 2], ['第3个', 2, 3], ['选5', 2, 5], ['0', 1, 0], ['1', 1, null], ['2', 2, null], ['两个', 1, null], ['二十户', 1, null],
  ['200户', 1, null], ['上个月', 1, null],
];

describe('Understanding', () => {
  it.each(YES_NO)('yes/no: %j → %s', (text, expected) => {
    expect(u.polarity(text)).toBe(expected);
    expect(u.interpret(text, { kind: 'yesno' }).intent).toBe(expected ?? 'unknown');
  });

  it.each(SKIPS)('skip: %j → %s', (text, expected) => {
    expect(u.isSkip(text)).toBe(expected);
    expect(u.interpret(text, { kind: 'text', optional: true }).intent).toBe(expected ? 'skip' : text.trim() ? 'text' : 'unknown');
  });

  it.each(CHOICES)('choice: %j of %j → %s', (text, titles, expected) => {
    expect(u.choose(text, opts(...titles))).toBe(expected);
  });

  it.each(PHONES)('phone: %j → %s', (text, expected) => {
    const reading = u.interpret(text, { kind: 'phone' });
    if (expected) expect(reading).toEqual({ intent: 'phone', phone: expected, landline: expected.startsWith('0') });
    else expect(reading.intent).toBe('bad_phone');
  });

  it.each(PHONE_REASONS)('phone re-ask reason: %j → %s (%d digits)', (text, reason, digits) => {
    expect(parsePhone(text)).toEqual({ ok: false, reason, digits });
  });

  it.each(NAMES)('name: %j → %s', (text, expected) => {
    expect(u.name(text)).toBe(expected);
  });

  it.each(NAMES_BESIDE_PHONE)('name written with the phone: %j → %s', (text, expected) => {
    expect(u.nameBesidePhone(text)).toBe(expected);
  });

  it.each(PLACES)('place: %j → area %s, address as typed', (text, code) => {
    expect(u.interpret(text, { kind: 'place', areas: AREAS })).toEqual({
      intent: 'place',
      areaCode: code,
      areaName: AREAS.find((a) => a.code === code)?.name ?? null,
      address: text,
    });
  });

  it.each([
    ['在西沙街道幸福小区3号楼', 'xisha', '西沙街道幸福小区3号楼'],
    ['就在大柳塔镇前村', 'dlt', '大柳塔镇前村'],
    ['地址是：西沙街道幸福小区', 'xisha', '西沙街道幸福小区'],
    ['在建的小区旁边', null, '在建的小区旁边'],
  ])('place: %j → area %s, address without the lead word: %j', (text, code, address) => {
    expect(u.interpret(text, { kind: 'place', areas: AREAS })).toMatchObject({ intent: 'place', areaCode: code, address });
  });

  it.each(RATINGS)('rating: %j → %s', (text, expected) => {
    expect(u.rating(text)).toBe(expected);
  });

  it.each(TICKETS)('ticket number: %j → %s', (text, expected) => {
    expect(findTicketNumber(text)).toBe(expected);
  });

  it.each(GLOBALS)('anywhere: %j → %s', (text, expected) => {
    expect(u.global(text)).toBe(expected);
  });

  it.each(GREETINGS)('greeting: %j → %s', (text, expected) => {
    expect(u.isGreeting(text)).toBe(expected);
  });

  it.each(CONCERNS)('reads as a concern: %j → %s', (text, expected) => {
    expect(u.readsAsConcern(text, 8)).toBe(expected);
  });

  it.each(POLITE)('politeness alone: %j → %s', (text, expected) => {
    expect(u.saysOnlyPoliteness(text)).toBe(expected);
  });

  it.each(NOT_OFFERED)('a number not offered: %j of %i options → %s', (text, count, expected) => {
    expect(u.optionNotOffered(text, count)).toBe(expected);
  });

  it('has at least 300 phrasings in its tables', () => {
    const all = [YES_NO, SKIPS, CHOICES, PHONES, PHONE_REASONS, NAMES, NAMES_BESIDE_PHONE, PLACES, RATINGS, TICKETS, GLOBALS, GREETINGS, CONCERNS, POLITE, NOT_OFFERED];
    expect(all.reduce((n, t) => n + t.length, 0)).toBeGreaterThanOrEqual(300);
  });

  it('normalises once: NFKC, full-width, traditional to simplified, case, spaces', () => {
    expect(normalise('  ＡＢＣ　１２３  這個問題  ')).toBe('abc 123 这个问题');
  });

  it('never throws on hostile input: 5,000 characters, emoji, mixed languages, run-ons', () => {
    const inputs = ['好'.repeat(5000), '😀'.repeat(200), 'ok 我同意 thanks', '我觉得可以吧那个路灯的事就这样提交吧谢谢你们', '\u0000\u200b', 'ＳＭ'];
    for (const text of inputs) {
      for (const expected of [{ kind: 'yesno' }, { kind: 'phone' }, { kind: 'name' }, { kind: 'rating' }, { kind: 'ticket' }, { kind: 'text', optional: true }] as const) {
        expect(() => u.interpret(text, expected)).not.toThrow();
      }
      expect(() => u.choose(text, opts('同意', '不同意'))).not.toThrow();
    }
    expect(u.polarity('好'.repeat(5000))).toBeNull();
  });

  it('reads numbers and particles from the word lists, and description separators from config', () => {
    expect([ordinal('第二个'), ordinal('两项'), ordinal('十二'), ordinal('三十'), ordinal('九十九'), ordinal('no.3'), ordinal('#4'), ordinal('第'), ordinal('百')]).toEqual([2, 2, 12, 30, 99, 3, 4, null, null]);
    expect([core('好的吧'), core('是啊'), core('了')]).toEqual(['好', '是', '了']);
    const root = mkdtempSync(join(tmpdir(), 'minyi-grammar-'));
    mkdirSync(join(root, 'zh-CN'));
    writeFileSync(join(root, 'zh-CN', 'understanding.json'), JSON.stringify({ understanding: { numerals: ['壹=1', '貳=2'], counters: ['件'], particles: ['咯'] } }));
    const g = grammarOf(loadWordLists(root));
    expect([g.numerals.get('貳'), g.counters, 'ok咯咯'.replace(g.particles!, '')]).toEqual([2, ['件'], 'ok']);
    writeFileSync(join(root, 'zh-CN', 'understanding.json'), JSON.stringify({ understanding: { numerals: ['壹'] } }));
    expect(() => grammarOf(loadWordLists(root))).toThrow(/numerals: "壹"/);
    writeFileSync(join(root, 'separators.txt'), '# a comment\n、\n以及\n');
    expect('住房、物业以及 市政'.split(termSeparators(join(root, 'separators.txt')))).toEqual(['住房', '物业', '市政']);
    expect('大气、水与噪声和固废及生态'.split(termSeparators())).toEqual(['大气', '水', '噪声', '固废', '生态']);
  });

  it('reads a contact typed ahead only when it cannot be anything else', () => {
    const cases: Array<[string, { phone: string; name: string | null; rest: string } | null]> = [
      ['13912345678 王', { phone: '13912345678', name: '王', rest: '' }],
      ['王 139 1234 5678', { phone: '13912345678', name: '王', rest: '' }],
      ['有段时间了 电话13912345678', { phone: '13912345678', name: null, rest: '有段时间了' }],
      ['上个月开始的，我的电话是１３９１２３４５６７８', { phone: '13912345678', name: null, rest: '上个月开始的' }],
      ['13912345678 叫我老刘就行', { phone: '13912345678', name: '老刘', rest: '' }],
      ['好几年了 13912345678 李阿姨', { phone: '13912345678', name: '李阿姨', rest: '好几年了' }],
      ['没有 13912345678', { phone: '13912345678', name: null, rest: '没有' }],
      ['13912345678', { phone: '13912345678', name: null, rest: '' }],
      // A number inside a sentence is someone's (the property office's), a landline or a wrong length is nobody's yet.
      ['物业电话13912345678一直打不通', null],
      ['0912-1234567', null],
      ['1391234567 王', null],
      ['上个月', null],
    ];
    for (const [text, expected] of cases) expect([text, u.contactAhead(text)]).toEqual([text, expected]);
  });

  it('takes the office’s own words from the locale files', () => {
    const root = mkdtempSync(join(tmpdir(), 'minyi-words-'));
    mkdirSync(join(root, 'zh-CN'));
    writeFileSync(join(root, 'zh-CN', 'understanding.json'), JSON.stringify({ understanding: { yes: ['要得嘛'], no: ['莫得'] } }));
    const custom = new Understanding(loadWordLists(root));
    expect(custom.polarity('要得嘛')).toBe('yes');
    expect(custom.polarity('莫得')).toBe('no');
    writeFileSync(join(root, 'zh-CN', 'understanding.json'), JSON.stringify({ understanding: { yes: 'oops' } }));
    expect(() => loadWordLists(root)).toThrow(/understanding\.json: understanding\.yes must be a list of strings/);
  });
});
