import { scriptProblems } from './script-problems';

describe(scriptProblems.name, () => {
  it('splits file:line: reason, and keeps problems without a line for the whole file', () => {
    expect(scriptProblems(['CHECK_STATUS.yaml:14: threads.default.2.action: unknown thread "lokup"', 'dialogs/: required dialog MENU is missing'])).toEqual([
      { line: 14, message: 'threads.default.2.action: unknown thread "lokup"', text: 'CHECK_STATUS.yaml:14: threads.default.2.action: unknown thread "lokup"' },
      { line: null, message: 'required dialog MENU is missing', text: 'dialogs/: required dialog MENU is missing' },
    ]);
  });
});
