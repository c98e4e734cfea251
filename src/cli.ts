#!/usr/bin/env node
import 'reflect-metadata';
import { Command } from 'commander';
import { ConfigError } from './config/config.error';

/** The `minyi` command. Each capability registers its own sub-commands; JSON goes to stdout, progress to stderr. */
export function buildProgram(): Command {
  const program = new Command('minyi').description('minyi (民意) operator commands').showHelpAfterError();
  return program;
}

export function main(argv: string[]): void {
  buildProgram()
    .parseAsync(argv)
    .catch((e: unknown) => {
      process.stderr.write(`minyi: ${e instanceof ConfigError || e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    });
}

if (require.main === module) main(process.argv);
