import { PromptReader, QUESTION_KEYS } from './prompts';
import { generateResidents, punctuate, statusPhrase, toFullWidth, typedAnswer } from './residents';

/** The measuring instrument itself: deterministic residents with the documented variety, and prompts read by key. */
describe('typing residents', () => {
  const residents = generateResidents(20261203, 200);

  it('are the same for the same seed and differ for another', () => {
    const strip = (seed: number) => generateResidents(seed, 30).map(({ rng: _rng, ...r }) => r);
    expect(strip(7)).toEqual(strip(7));
    expect(strip(7)).not.toEqual(strip(8));
  });

  it('open in all three ways and write with every punctuation habit', () => {
    expect(new Set(residents.map((r) => r.opening))).toEqual(new Set(['greeting', 'concern', 'menu']));
    expect(new Set(residents.map((r) => r.punctuation))).toEqual(new Set(['normal', 'none', 'spaces', 'excited', 'dots']));
    expect(punctuate('路灯坏了，晚上很黑。', 'none')).toBe('路灯坏了晚上很黑');
  });

  it('give phone numbers inside sentences, full-width, spaced, dashed and with +86, and some stay anonymous', () => {
    const phones = residents.map((r) => r.phone).filter((p): p is string => p !== null);
    expect(phones.some((p) => /^1\d{10}$/.test(p))).toBe(true);
    expect(phones.some((p) => /[０-９]{11}/.test(p))).toBe(true);
    expect(phones.some((p) => /\d{3} \d{4} \d{4}/.test(p))).toBe(true);
    expect(phones.some((p) => /\d{3}-\d{4}-\d{4}/.test(p))).toBe(true);
    expect(phones.some((p) => p.startsWith('+86'))).toBe(true);
    expect(phones.some((p) => /^[我电手]/.test(p))).toBe(true);
    expect(phones.some((p) => p.includes('0912-'))).toBe(true);
    expect(residents.some((r) => r.phone === null)).toBe(true);
    for (const r of residents) if (r.phone) expect(r.phone.normalize('NFKC').replace(/\D/g, '').endsWith(r.phoneDigits ?? 'x')).toBe(true);
  });

  it('give forms of address, not only names, and say what a member should call them', () => {
    const byTyped = new Map(residents.map((r) => [r.name.replace(/[王刘李张赵孙马高杨郭贺乔]/g, '{s}'), r.address.replace(/[王刘李张赵孙马高杨郭贺乔]/g, '{s}')]));
    expect(byTyped.get('叫我老{s}就行')).toBe('老{s}');
    expect(byTyped.get('我姓{s}')).toBe('{s}');
    expect(byTyped.get('{s}阿姨')).toBe('{s}阿姨');
  });

  it('answer yes, skip and submit in everyday words, and some set a trap the bot should re-ask', () => {
    const r = residents[0];
    const consents = new Set(Array.from({ length: 60 }, () => typedAnswer(r, 'consent', 0).replace(/[，\s]*(谢谢|麻烦了|谢谢你们|辛苦了)$/, '')));
    for (const word of ['好的', '行', '可以', '同意的']) expect(consents.has(word)).toBe(true);
    expect(residents.some((x) => x.photos === '没有照片')).toBe(true);
    expect(residents.filter((x) => x.trap).length).toBeGreaterThan(20);
    expect(new Set(residents.map((x) => x.trap?.expect))).toEqual(new Set([undefined, 'reask', 'confirm_cancel']));
  });

  it('ask for their ticket in a sentence, with the number lower case, full-width or spaced', () => {
    const r = residents[1];
    const phrases = Array.from({ length: 80 }, () => statusPhrase(r, 'SM20261203-0005'));
    expect(phrases.some((p) => p.includes('sm20261203-0005'))).toBe(true);
    expect(phrases.some((p) => p.includes(toFullWidth('SM20261203-0005')))).toBe(true);
    expect(phrases.some((p) => p.includes('SM20261203 0005'))).toBe(true);
    expect(phrases.every((p) => p !== 'SM20261203-0005')).toBe(true);
  });
});

describe(PromptReader.name, () => {
  const reader = new PromptReader();
  const fill = (key: string) => reader.text(key).replace(/\{\{[^}]*\}\}/g, '大柳塔镇委员工作室');

  it('knows every question by its locale key, also with numbered options appended as the WeCom app shows them', () => {
    for (const [key, question] of Object.entries(QUESTION_KEYS)) {
      if (!reader.strings.has(key)) continue;
      expect(reader.read(fill(key)).question).toBe(question);
      expect(reader.read(`${fill(key)}\n1. 正确\n2. 换个领域`).question).toBe(question);
    }
  });

  it('reads re-asks as re-asks and a filed ticket as filed', () => {
    expect(reader.read(fill('concern.bad_phone')).reask).toBe(true);
    expect(reader.read(fill('system.reask')).reask).toBe(true);
    expect(reader.read(fill('concern.ask_phone')).reask).toBe(false);
    expect(reader.read('已提交成功！编号：SM20261203-0005\n由“大柳塔镇委员工作室”办理，预计在12月5日前答复您。可随时发送“查询 SM20261203-0005”了解进度。').keys).toContain('concern.filed');
  });

  it('recognises nothing in a text that is not one of its strings', () => {
    expect(reader.read('今天天气不错').keys).toEqual([]);
  });
});
