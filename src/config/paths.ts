import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The project root holds `config/`, `dialogs/` and `locales/`. They sit outside `src`, so the root is found
 * once (MINYI_HOME, else the nearest folder upwards with a package.json) rather than via `__dirname` tricks.
 */
export function projectRoot(): string {
  if (process.env.MINYI_HOME) return resolve(process.env.MINYI_HOME);
  let dir = __dirname;
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'config'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

export const configPath = (...parts: string[]): string => join(projectRoot(), 'config', ...parts);
export const dialogsPath = (...parts: string[]): string => join(projectRoot(), 'dialogs', ...parts);
export const localesPath = (...parts: string[]): string => join(projectRoot(), 'locales', ...parts);
