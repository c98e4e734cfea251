import type { ZodError } from 'zod';

/** A configuration problem that must stop start-up; the message names the file or variable and the reason. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }

  /** One line per zod issue: `<source>: <reason>`, where `sourceOf` names the variable or `file: path`. */
  static fromZod(error: ZodError, sourceOf: (path: string) => string): ConfigError {
    return new ConfigError(error.issues.map((issue) => `${sourceOf(issue.path.join('.'))}: ${issue.message}`));
  }
}
