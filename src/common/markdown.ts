/**
 * Makes resident-written text inert inside WeCom markdown: WeCom has no escape character, so every character that
 * starts markup (links, emphasis, headings, quotes, code, <font>) becomes its full-width twin, which reads the
 * same in Chinese text, and a bare address loses the "://" that clients turn into a link.
 */
const MARKUP: Readonly<Record<string, string>> = {
  '[': '［', ']': '］', '(': '（', ')': '）', '<': '＜', '>': '＞', '*': '＊', '_': '＿', '`': '｀', '#': '＃', '~': '～', '|': '｜', '!': '！',
};

export function escapeMarkdown(text: string): string {
  return text
    .replace(/[[\]()<>*_`#~|!]/g, (c) => MARKUP[c])
    .replace(/:\/\//g, '：//')
    .replace(/[\r\n]+/g, ' ');
}
