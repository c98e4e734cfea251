import { escapeMarkdown } from './markdown';

describe('escapeMarkdown', () => {
  it('turns a resident-written link, emphasis and font tag into plain text', () => {
    const out = escapeMarkdown('路灯坏了[点此查看](http://evil.example/x) **紧急** <font color="warning">x</font>\n# 标题');
    expect(out).not.toMatch(/[[\]()<>*#]/);
    expect(out).not.toContain('://');
    expect(out).not.toContain('\n');
    expect(out).toContain('路灯坏了');
  });

  it('leaves ordinary Chinese text and ticket numbers alone', () => {
    expect(escapeMarkdown('西沙街道幸福小区路灯坏了，编号SM20261128-0007')).toBe('西沙街道幸福小区路灯坏了，编号SM20261128-0007');
  });
});
