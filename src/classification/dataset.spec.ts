import { join } from 'node:path';
import { ClassificationException, ClassificationExceptionCode } from './classification.exception';
import { parseExamplesCsv, readExamplesCsv } from './dataset';

const fixture = (name: string): string => join(__dirname, '..', '..', 'test', 'fixtures', 'classification', name);

function errorOf(fn: () => unknown): ClassificationException {
  try {
    fn();
  } catch (error) {
    if (error instanceof ClassificationException) return error;
    throw error;
  }
  throw new Error('expected a ClassificationException');
}

describe(readExamplesCsv.name, () => {
  it('reads id,label,title,text rows with their line numbers', () => {
    const rows = readExamplesCsv(fixture('valid.csv'));
    expect(rows).toHaveLength(3);
    expect(rows[1]).toEqual({ id: '2', label: '交通运输', title: '公交太少', text: '公交车太少', line: 3 });
  });

  it('names the missing column and line 1', () => {
    const error = errorOf(() => readExamplesCsv(fixture('missing-column.csv')));
    expect(error.code).toBe(ClassificationExceptionCode.CSV_MISSING_COLUMN);
    expect(error.message).toMatch(/missing-column\.csv:1: missing column\(s\) text/);
  });

  it('names the line of an unknown label, counting multi-line fields', () => {
    const error = errorOf(() => readExamplesCsv(fixture('unknown-label.csv'), ['城乡建设', '交通运输']));
    expect(error.code).toBe(ClassificationExceptionCode.CSV_UNKNOWN_LABEL);
    expect(error.message).toMatch(/unknown-label\.csv:5: unknown label "城建"/);
    expect(error.details).toMatchObject({ line: 5, label: '城建' });
  });

  it('rejects an empty label even without a known set, and a file without rows', () => {
    expect(errorOf(() => parseExamplesCsv('id,label,title,text\n1,,t,x\n', 'x.csv')).message).toBe('x.csv:2: unknown label ""');
    expect(errorOf(() => parseExamplesCsv('id,label,title,text\n', 'x.csv')).code).toBe(ClassificationExceptionCode.CSV_EMPTY);
  });

  it('reports malformed CSV with its line', () => {
    const error = errorOf(() => parseExamplesCsv('id,label,title,text\n1,a,b,c,d\n', 'x.csv'));
    expect(error.code).toBe(ClassificationExceptionCode.CSV_MALFORMED);
    expect(error.message).toMatch(/^x\.csv:2:/);
  });
});
