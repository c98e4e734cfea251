import { maskName, maskPhone, maskPhonesInText, maskResidentText } from './privacy';

describe('privacy masking', () => {
  it('masks mainland mobiles to 3+4', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('+86 138-1234-5678')).toBe('138****5678');
    expect(maskPhone('0912-8123456')).toBe('*********56');
    expect(maskPhone(null)).toBeNull();
  });

  it('masks names but keeps the first character', () => {
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('李')).toBe('李*');
    expect(maskName('Alice')).toBe('A****');
  });

  it('masks phones inside free text and leaves other numbers', () => {
    expect(maskPhonesInText('我的电话13812345678，编号SM20261128-0007，固话0912-8123456')).toBe(
      '我的电话138****5678，编号SM20261128-0007，固话0912-****3456',
    );
    expect(maskPhonesInText('订单号 2813812345678999')).toBe('订单号 2813812345678999');
  });

  it.each([
    ['电话138 1234 5678找我', '电话138****5678找我'],
    ['电话138-1234-5678', '电话138****5678'],
    ['电话138.1234.5678', '电话138****5678'],
    ['电话１３８１２３４５６７８', '电话138****5678'],
    ['电话+86 138 1234 5678', '电话138****5678'],
    ['电话+8613812345678', '电话138****5678'],
    ['电话008613812345678', '电话138****5678'],
    ['办公室（0912）8123456', '办公室0912-****3456'],
    ['办公室0912 812 3456', '办公室0912-****3456'],
    ['北京010-61234567', '北京010-****4567'],
    ['身份证610802199001011234', '身份证**************1234'],
    ['身份证61080219900101123X号', '身份证**************123X号'],
    ['老身份证610802900101123', '老身份证***********1123'],
  ])('masks %s', (text, masked) => {
    expect(maskResidentText(text)).toBe(masked);
    expect(maskResidentText(text)).not.toMatch(/1234 ?5678|12345678|8123456|61234567|1990010/);
  });

  it('keeps dates, amounts, house numbers and ticket numbers', () => {
    const text = '2026年11月28日起，3号楼2单元502室，每月交费120元，编号SM20261128-0007，共200户';
    expect(maskResidentText(text)).toBe(text);
  });

  it('masks the resident\'s own name where it appears in the text', () => {
    expect(maskResidentText('我是张三丰，电话13812345678', ['张三丰'])).toBe('我是张**，电话138****5678');
  });
});
