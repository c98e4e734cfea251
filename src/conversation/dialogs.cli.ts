import type { Command } from 'commander';
import { dialogsPath } from '../config/paths';
import { HANDLERS } from './handlers';
import { I18nService } from '../i18n/i18n.service';
import { loadScripts, readDialogFolder } from './script.loader';

/** The checks the service runs at start, without a database: problems as `file:line: reason`, one per line. */
export function validateDialogs(dir = dialogsPath(), i18n = I18nService.load()): { ok: boolean; lines: string[]; count: number } {
  const sources = readDialogFolder(dir);
  const result = loadScripts(sources, i18n, HANDLERS, { requireAll: true });
  const lines = [...i18n.problems, ...result.errors];
  return { ok: lines.length === 0, lines, count: sources.length };
}

export function registerDialogCommands(program: Command): void {
  const dialogs = program.command('dialogs').description('dialog scripts in dialogs/');
  dialogs
    .command('validate')
    .description('check every script (threads, handlers, locale keys, reachability); exits non-zero on errors')
    .option('--dir <dir>', 'dialogs folder', dialogsPath())
    .action((options: { dir: string }) => {
      const { ok, lines, count } = validateDialogs(options.dir);
      if (!ok) {
        process.stderr.write(`${lines.join('\n')}\n${lines.length} problem(s) in ${count} script(s)\n`);
        process.exitCode = 1;
        return;
      }
      process.stdout.write(`${count} dialog script(s) OK\n`);
    });
}
