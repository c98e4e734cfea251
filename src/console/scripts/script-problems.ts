import type { ScriptIssue, ScriptIssueCode } from '../../conversation/script.loader';

/**
 * One problem of a draft for the editor: the line it sits on (null: the whole file), a code and its parameters
 * that the console words in the admin's language (`scripts.problem.<code>`), and the loader's English for API
 * clients (`message`, and `text` as `file:line: path: reason`).
 */
export interface ScriptProblem {
  line: number | null;
  code: ScriptIssueCode;
  params: Record<string, string>;
  message: string;
  text: string;
}

export function scriptProblems(issues: readonly ScriptIssue[]): ScriptProblem[] {
  return issues.map((i) => ({
    line: i.line,
    code: i.code,
    params: i.params,
    message: i.path ? `${i.path}: ${i.message}` : i.message,
    text: `${i.file}${i.line ? `:${i.line}` : ''}${i.path ? `: ${i.path}` : ''}: ${i.message}`,
  }));
}
