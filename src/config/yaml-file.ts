import { readFileSync } from 'node:fs';
import { isNode, LineCounter, parseDocument } from 'yaml';
import type { ZodError, ZodType } from 'zod';
import { ConfigError } from './config.error';

/** Text that is not YAML: each parser error with its line and the parser's own code (`BAD_INDENT`, …). */
export class YamlSyntaxError extends ConfigError {
  constructor(readonly errors: ReadonlyArray<{ file: string; line: number; code: string; message: string }>) {
    super(errors.map((e) => `${e.file}:${e.line}: ${e.message}`));
  }
}

/** A parsed YAML file that can say on which line a value sits, for `file:line: path: reason` messages. */
export class YamlFile {
  private constructor(
    readonly file: string,
    readonly data: unknown,
    private readonly locate: (path: ReadonlyArray<PropertyKey>) => number | undefined,
  ) {}

  static read(file: string): YamlFile {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new ConfigError([`${file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`]);
    }
    return YamlFile.parse(file, text);
  }

  static parse(file: string, text: string): YamlFile {
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { lineCounter, prettyErrors: false });
    if (doc.errors.length > 0) {
      throw new YamlSyntaxError(
        doc.errors.map((err) => ({ file, line: lineCounter.linePos(err.pos[0]).line, code: err.code, message: err.message.split('\n')[0] })),
      );
    }
    const locate = (path: ReadonlyArray<PropertyKey>): number | undefined => {
      for (let n = path.length; n >= 0; n--) {
        const node = doc.getIn(path.slice(0, n) as Array<string | number>, true);
        if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
      }
      return undefined;
    };
    return new YamlFile(file, doc.toJS(), locate);
  }

  /** The line a value sits on (or its nearest located parent); undefined when none is known. */
  line(path: ReadonlyArray<PropertyKey>): number | undefined {
    return this.locate(path);
  }

  where(path: ReadonlyArray<PropertyKey>): string {
    const line = this.locate(path);
    const dotted = path.map(String).join('.');
    return `${this.file}${line ? `:${line}` : ''}${dotted ? `: ${dotted}` : ''}`;
  }

  /** Validates the whole file; every problem becomes one `file:line: path: reason` line. */
  validate<T>(schema: ZodType<T>): T {
    const result = schema.safeParse(this.data);
    if (!result.success) throw this.errorFrom(result.error);
    return result.data;
  }

  errorFrom(error: ZodError): ConfigError {
    return new ConfigError(error.issues.map((issue) => `${this.where(issue.path)}: ${issue.message}`));
  }
}
