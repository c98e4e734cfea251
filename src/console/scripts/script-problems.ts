/** One problem of a draft for the editor: the line it sits on (null: the whole file) and the reason. */
export interface ScriptProblem {
  line: number | null;
  message: string;
  /** The loader's own `file:line: path: reason` line. */
  text: string;
}

/** Splits the loader's `file:line: reason` lines so the editor can put each next to its line. */
export function scriptProblems(errors: readonly string[]): ScriptProblem[] {
  return errors.map((text) => {
    const m = /^[^:]*?:(\d+): (.*)$/s.exec(text);
    return m ? { line: Number(m[1]), message: m[2], text } : { line: null, message: text.replace(/^[^:]*: /, ''), text };
  });
}
