import { I18nService } from '../../i18n/i18n.service';
import { consultReplyIn } from './consult.handlers';

describe(consultReplyIn.name, () => {
  const i18n = I18nService.load();
  const read = (text: string) => consultReplyIn(text, i18n);

  it('reads spoken acceptances the way residents type them', () => {
    for (const text of ['参加', '好的，那天我一定去！', '行，到时候去', '我去 我去', '可以去的', '好', '去', '我能来', '能来的', '来', '一定来！', '没问题']) expect(read(text)).toEqual({ kind: 'invitation', accept: true });
  });

  it('reads refusals first, though they hold the words of acceptance', () => {
    for (const text of ['不参加', '那天没空，去不了', '参加不了，家里有事', '不去了。', '老伴病了来不了', '那天有事去不了', '那天有事', '不能来', '没有空', '不行，那天要上班']) expect(read(text)).toEqual({ kind: 'invitation', accept: false });
  });

  it('reads rating words exactly, and leaves everything else to the other dialogs', () => {
    expect(read('满意')).toEqual({ kind: 'rating', rating: 'satisfied' });
    expect(read('不满意！')).toEqual({ kind: 'rating', rating: 'not_satisfied' });
    expect(read('基本满意')).toEqual({ kind: 'rating', rating: 'basically_satisfied' });
    for (const text of ['你好', '反映问题', '我家楼下路灯坏了', 'i know the place', '', '  ', '有事想问一下', '有空帮我看看路灯', '来的人多吗']) expect(read(text)).toBeNull();
    expect(read('No.')).toEqual({ kind: 'invitation', accept: false });
  });
});
