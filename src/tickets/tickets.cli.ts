import type { Command } from 'commander';
import { withDataSource } from '../org/service-database';
import { TicketReader } from './ticket-reader';
import type { TicketState } from './ticket.types';
import { TicketsRepository } from './tickets.repository';

const STATES: readonly TicketState[] = ['submitted', 'taken', 'in_progress', 'answered', 'closed', 'merged'];

function print(value: unknown, json: boolean): void {
  process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${formatText(value)}\n`);
}

function formatText(value: unknown): string {
  if (Array.isArray(value)) {
    return value.map((t: { number: string; state: string; workstationCode: string; title: string }) => `${t.number}\t${t.state}\t${t.workstationCode}\t${t.title}`).join('\n');
  }
  return JSON.stringify(value, null, 2);
}

/** `minyi tickets list|show`: read-only views over the same database the service uses (DATABASE_URL). */
export function registerTicketsCommands(program: Command): void {
  const tickets = program.command('tickets').description('read tickets');
  tickets
    .command('list')
    .description('tickets, newest first')
    .option('--state <state>', `one of ${STATES.join(', ')}`)
    .option('--workstation <code>', 'a workstation code')
    .option('--limit <n>', 'at most n tickets', '100')
    .option('--json', 'print JSON', false)
    .action(async (opts: { state?: string; workstation?: string; limit: string; json: boolean }) => {
      if (opts.state && !STATES.includes(opts.state as TicketState)) throw new Error(`tickets list: unknown state "${opts.state}"`);
      const limit = Number.parseInt(opts.limit, 10);
      if (!Number.isInteger(limit) || limit < 1) throw new Error(`tickets list: --limit must be a positive integer`);
      const rows = await withDataSource((ds) =>
        new TicketReader(new TicketsRepository(ds)).list({ state: opts.state as TicketState | undefined, workstationCode: opts.workstation, limit }),
      );
      print(rows, opts.json);
    });
  tickets
    .command('show <number>')
    .description('one ticket with its events (oldest first), notes and co-handlers')
    .option('--json', 'print JSON', false)
    .action(async (number: string, opts: { json: boolean }) => {
      const ticket = await withDataSource((ds) => new TicketReader(new TicketsRepository(ds)).show(number));
      if (!ticket) throw new Error(`tickets show: no ticket ${number}`);
      print(ticket, opts.json);
    });
}
