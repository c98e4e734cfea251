import { maskName, maskPhone, maskPhonesInText } from './privacy';

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
});
