import { parsePhone } from './phone';
import { findTicketNumber, ticketNumberEnding } from './ticket-number';

describe('ticket numbers typed loosely, at a question asking for one', () => {
  it.each([
    ['SM20261201-0018', 'SM20261201-0018'],
    ['sm 20261201 0018', 'SM20261201-0018'],
    ['20261201-0018', '20261201-0018'],
    ['２０２６１２０１００１８', '20261201-0018'],
    ['2026 1201 0018', '20261201-0018'],
    ['编号是20261201_0018', '20261201-0018'],
    ['0018', '-0018'],
    ['18号', '-0018'],
    ['第18号', '-0018'],
    ['第十八号吧', '-0018'],
  ])('%s → %s', (typed, ending) => expect(ticketNumberEnding(typed)).toBe(ending));

  it.each(['13812345678', '20261301-0018', '0', '12345', '我家门牌号是18号', '不记得编号了', ''])('%s is no ticket number', (typed) =>
    expect(ticketNumberEnding(typed)).toBeNull(),
  );

  it('anywhere in a sentence, only the whole number counts', () => {
    expect(findTicketNumber('我的编号 20261201-0018')).toBeNull();
    expect(findTicketNumber('我的编号 SM20261201-0018')).toBe('SM20261201-0018');
  });
});

describe('phone numbers said in numerals', () => {
  it.each([
    ['幺三八一二三四五六七八', '13812345678'],
    ['一三九 一二三四 五六七八', '13912345678'],
    ['139一二三四5678', '13912345678'],
    ['电话是幺三九 一二三四 五六七八', '13912345678'],
    ['〇九一二-一二三四五六七', '0912-1234567'],
  ])('%s → %s', (typed, phone) => expect(parsePhone(typed)).toMatchObject({ ok: true, phone }));

  it('keeps the count of a number one numeral too long, and words with numerals stay words', () => {
    expect(parsePhone('幺三八一二三四五六七八九')).toEqual({ ok: false, reason: 'mobile_length', digits: 12 });
    expect(parsePhone('王一 13812345678')).toMatchObject({ ok: true, phone: '13812345678' });
    expect(parsePhone('三四个月了')).toEqual({ ok: false, reason: 'none', digits: 0 });
  });
});
