import * as path from 'node:path';
import type { Command } from 'commander';

/** `minyi architecture [--src dir]`: prints the module graph, its cycles and the boundary breaches. */
export function registerArchitectureCommands(program: Command): void {
  program
    .command('architecture')
    .description('print the module graph of src/ (modules, import counts, cycles, boundary breaches)')
    .option('--src <dir>', 'the source folder to read', path.join(__dirname, '..', '..', 'src'))
    .action(async (opts: { src: string }) => {
      // loaded on demand: the graph needs the TypeScript compiler, a development dependency
      const { buildModuleGraph, formatModuleGraph } = await import('./module-graph');
      process.stdout.write(formatModuleGraph(buildModuleGraph(opts.src)));
    });
}
