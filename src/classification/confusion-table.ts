/** Display width of a string: CJK characters take two columns in a terminal. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

const pad = (s: string, n: number, right = false): string => (right ? ' '.repeat(Math.max(0, n - width(s))) + s : s + ' '.repeat(Math.max(0, n - width(s))));

/** A confusion matrix as aligned text: rows are true sectors, columns predicted ones. */
export function confusionTable(confusion: Record<string, Record<string, number>>): string {
  const rows = Object.keys(confusion);
  const cols = [...new Set([...rows, ...rows.flatMap((r) => Object.keys(confusion[r]))])];
  const first = Math.max(width('true \\ predicted'), ...rows.map(width));
  const colWidth = cols.map((c) => Math.max(width(c), 5));
  const header = pad('true \\ predicted', first) + ' ' + cols.map((c, i) => pad(c, colWidth[i], true)).join(' ');
  const lines = rows.map((r) => pad(r, first) + ' ' + cols.map((c, i) => pad(String(confusion[r][c] ?? 0), colWidth[i], true)).join(' '));
  return [header, ...lines].join('\n');
}
