import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { ClassificationException, ClassificationExceptionCode as Code } from './classification.exception';
import { TrainingExample } from './train';

export const REQUIRED_COLUMNS = ['id', 'label', 'title', 'text'] as const;

export interface LabelledMessage extends TrainingExample {
  id: string;
  /** 1-based line where the record starts in the file. */
  line: number;
}

interface ParsedRow {
  record: Record<string, string>;
  info: { lines: number };
}

/**
 * Reads labelled messages from CSV (`id,label,title,text`, header first). With `knownLabels`, a label outside
 * that set is an error naming its line, so a typo never silently becomes a new sector.
 */
export function parseExamplesCsv(content: string, source: string, knownLabels?: readonly string[]): LabelledMessage[] {
  let rows: ParsedRow[];
  try {
    rows = parse(content, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      columns: (header: string[]) => {
        const names = header.map((h) => h.trim());
        const missing = REQUIRED_COLUMNS.filter((c) => !names.includes(c));
        if (missing.length > 0) {
          throw new ClassificationException(
            `${source}:1: missing column(s) ${missing.join(', ')} (need ${REQUIRED_COLUMNS.join(',')})`,
            Code.CSV_MISSING_COLUMN,
            { line: 1, missing },
          );
        }
        return names;
      },
    }) as ParsedRow[];
  } catch (error) {
    if (error instanceof ClassificationException) throw error;
    const line = (error as { lines?: number }).lines;
    throw new ClassificationException(`${source}:${line ?? '?'}: ${(error as Error).message}`, Code.CSV_MALFORMED, { line });
  }
  if (rows.length === 0) throw new ClassificationException(`${source}: no data rows`, Code.CSV_EMPTY);
  const known = knownLabels ? new Set(knownLabels) : null;
  return rows.map(({ record, info }) => {
    const fields = REQUIRED_COLUMNS.map((c) => record[c] ?? '');
    // csv-parse reports the line a record ends on; quoted fields may span lines.
    const line = info.lines - fields.reduce((n, f) => n + (f.match(/\n/g)?.length ?? 0), 0);
    const label = record.label.trim();
    if (!label || (known && !known.has(label))) {
      throw new ClassificationException(
        `${source}:${line}: unknown label "${label}"${known ? ` (known: ${[...known].join(', ')})` : ''}`,
        Code.CSV_UNKNOWN_LABEL,
        { line, label },
      );
    }
    return { id: record.id, label, title: record.title ?? '', text: record.text ?? '', line };
  });
}

export function readExamplesCsv(path: string, knownLabels?: readonly string[]): LabelledMessage[] {
  let content: string;
  try {
    content = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ClassificationException(`cannot read ${path}: ${String(error)}`, Code.CSV_MALFORMED);
  }
  return parseExamplesCsv(content, path, knownLabels);
}
