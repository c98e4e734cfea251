#!/usr/bin/env node
import 'reflect-metadata';
import { Command } from 'commander';
import { ConfigError } from './config/config.error';
import { registerTicketsCommands } from './tickets/tickets.cli';
import { registerConsoleCommands } from './console/console.cli';
import { registerDialogCommands } from './conversation/dialogs.cli';
import { registerClassificationCommands } from './classification/classification.cli';
import { withDataSource } from './org/service-database';
import { registerArchitectureCommands } from './architecture/architecture.cli';
import { tunedLexicon } from './classification/overrides/tuned-lexicon';
import { resolveSectorRoute } from './routing/sector-route';
import { loadCorrections } from './tickets/lifecycle/corrections';

/** The `minyi` command. Each capability registers its own sub-commands; JSON goes to stdout, progress to stderr. */
export function buildProgram(): Command {
  const program = new Command('minyi').description('minyi operator commands').showHelpAfterError();
  registerConsoleCommands(program);
  registerTicketsCommands(program);
  registerDialogCommands(program);
  registerArchitectureCommands(program);
  registerClassificationCommands(program, {
    resolveRoute: (sector) => withDataSource((ds) => resolveSectorRoute(ds, sector)),
    loadCorrections: () => withDataSource((ds) => loadCorrections(ds)),
    tunedLexicon: (file) => withDataSource((ds) => tunedLexicon(ds, file)),
  });
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
