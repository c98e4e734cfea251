import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HANDLERS } from '../../conversation/handlers';
import { loadScripts, SCRIPT_ISSUE_CODES } from '../../conversation/script.loader';
import { I18nService } from '../../i18n/i18n.service';
import { scriptProblems } from './script-problems';

const i18n = I18nService.load();
const problemsOf = (yaml: string) => scriptProblems(loadScripts([{ file: 'CHECK_STATUS.yaml', yaml }], i18n, HANDLERS, { otherIds: ['MENU'] }).issues);

describe(scriptProblems.name, () => {
  it('gives each problem its line, a code with what the admin typed, and keeps the English for API clients', () => {
    const yaml = ['id: CHECK_STATUS', 'threads:', '  default:', '    - text: 你好', '      action: lokup', '      colour: red'].join('\n');
    expect(problemsOf(yaml)).toEqual([
      // An unknown field is placed on its step's first line.
      { line: 4, code: 'schemaUnknownKeys', params: { keys: 'colour' }, message: 'threads.default.0: Unrecognized key: "colour"', text: 'CHECK_STATUS.yaml:4: threads.default.0: Unrecognized key: "colour"' },
    ]);
    expect(problemsOf(yaml.replace('\n      colour: red', ''))).toEqual([
      { line: 5, code: 'unknownThread', params: { thread: 'lokup' }, message: 'threads.default.0.action: unknown thread "lokup"', text: 'CHECK_STATUS.yaml:5: threads.default.0.action: unknown thread "lokup"' },
    ]);
  });

  it('names the schema\'s own rules and the YAML parser\'s errors by code, on their lines', () => {
    expect(problemsOf('id: check_status\nthreads:\n  default:\n    - text: 你好\n')).toEqual([expect.objectContaining({ line: 1, code: 'schemaDialogId' })]);
    expect(problemsOf('id: CHECK_STATUS\nthreads:\n  default:\n    - text: 你好\n      collect: { key: x }\n      action: complete\n')).toEqual([
      expect.objectContaining({ line: 4, code: 'schemaQuestionNoAction' }),
    ]);
    // The parser notices an open quote where the text ends.
    expect(problemsOf('id: CHECK_STATUS\nthreads:\n  default:\n    - text: "你好\n')).toEqual([expect.objectContaining({ line: 5, code: 'yamlUnclosed', params: {} })]);
  });

  it('every code has its wording in each console locale', () => {
    for (const locale of ['zh-CN', 'en']) {
      const words = (JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'locales', locale, 'console.json'), 'utf8')) as { scripts: { problem: Record<string, string> } }).scripts.problem;
      expect(SCRIPT_ISSUE_CODES.filter((c) => !words[c])).toEqual([]);
    }
  });
});
