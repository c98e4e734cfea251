import * as fc from 'fast-check';
import { FUZZ } from '../../test/support/fuzz';
import { ClassificationException } from './classification.exception';
import { parseExamplesCsv } from './dataset';

const quote = (field: string) => `"${field.replace(/"/g, '""')}"`;
const row = (fields: string[]) => fields.map(quote).join(',');

/** Field text a spreadsheet may hold: Chinese, quotes, commas, line breaks, tabs, emoji. */
const field = fc.string({ unit: fc.constantFrom('路', '灯', '坏', 'a', 'Z', '1', ' ', ',', '"', '\n', '\t', ';', '😀', '，', '“'), maxLength: 40 });
const label = fc.constantFrom('城乡建设', '环境保护', '交通运输', '教育文体');

describe('CSV reader fuzz', () => {
  it('fuzz: any quoted records read back exactly, with the line each starts on', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ id: field, label, title: field, text: field }), { minLength: 1, maxLength: 20 }), fc.boolean(), (records, crlf) => {
        const eol = crlf ? '\r\n' : '\n';
        const csv = [row(['id', 'label', 'title', 'text']), ...records.map((r) => row([r.id, r.label, r.title, r.text]))].join(eol) + eol;
        const parsed = parseExamplesCsv(csv, 'fuzz.csv');
        // csv-parse keeps a quoted CR LF as written; compare with the written text.
        expect(parsed.map(({ id, label: l, title, text }) => ({ id, label: l, title, text }))).toEqual(records);
        let line = 2;
        parsed.forEach((p, i) => {
          expect(p.line).toBe(line);
          const r = records[i];
          line += 1 + [r.id, r.label, r.title, r.text].reduce((n, f) => n + (f.match(/\n/g)?.length ?? 0), 0);
        });
      }),
      FUZZ,
    );
  });

  it('fuzz: any text is read or refused with a ClassificationException naming the file', () => {
    const csvish = fc.array(fc.oneof(fc.string(), fc.constantFrom('id,label,title,text\n', '"', '""', ',', '\n', '\r\n', '\uFEFF', '城乡建设')), { maxLength: 40 }).map((p) => p.join(''));
    fc.assert(
      fc.property(fc.oneof(csvish, fc.string({ unit: 'binary' })), (content) => {
        try {
          const rows = parseExamplesCsv(content, 'fuzz.csv', ['城乡建设']);
          for (const r of rows) expect(r.label).toBe('城乡建设');
        } catch (e) {
          if (!(e instanceof ClassificationException)) throw e;
          expect(e.message.startsWith('fuzz.csv')).toBe(true);
        }
      }),
      FUZZ,
    );
  });
});
