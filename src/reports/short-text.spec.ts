import { commonWords, cutAtWord, firstSentence } from './short-text';

// The words as jieba cuts them for these sentences.
const WORDS: Record<string, string[]> = {
  '滨河新区第三小学门口上下学时段拥堵严重学生过马路很危险': ['滨河', '新区', '第三', '小学', '门口', '上下学', '时段', '拥堵', '严重', '学生', '过马路', '很', '危险'],
};
const segment = (text: string) => WORDS[text] ?? Array.from(text);

describe(cutAtWord.name, () => {
  it('keeps a short text whole and cuts a long one between words, saying so with …', () => {
    expect(cutAtWord('路灯坏了', 10, segment)).toBe('路灯坏了');
    const cut = cutAtWord('滨河新区第三小学门口上下学时段拥堵严重学生过马路很危险', 16, segment);
    expect(cut).toBe('滨河新区第三小学门口上下学时段…');
    expect(Array.from(cut).length).toBeLessThanOrEqual(16);
  });

  it('cuts inside a first word longer than the limit rather than show nothing', () => {
    expect(cutAtWord('一二三四五六七八九十', 5, () => ['一二三四五六七八九十'])).toBe('一二三四…');
  });
});

describe(firstSentence.name, () => {
  it('takes the resident\'s first sentence', () => {
    expect(firstSentence('  路灯坏了。晚上很黑！')).toBe('路灯坏了');
  });
});

describe(commonWords.name, () => {
  it('ranks words by how many concerns say them', () => {
    expect(commonWords([['路灯', '小区'], ['路灯', '维修'], ['小区', '路灯']], 2)).toEqual(['路灯', '小区']);
  });
});
