/**
 * Ticket creation throughput and dashboard figures over 100,000 tickets, on the database DATABASE_URL names
 * (default: a fresh SQLite file). `npm run bench:tickets` (TICKETS=n to change the count). Prints figures; asserts nothing.
 */
import 'reflect-metadata';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { engineOf } from '../src/database/database-url';
import { orgServiceOf } from '../src/routing/sector-route';
import { TicketStatsRepository } from '../src/tickets/stats/ticket-stats.repository';
import { TicketStatsService } from '../src/tickets/stats/ticket-stats.service';
import { seedTickets } from './lib/seed-tickets';

const TOTAL = Number(process.env.TICKETS ?? 100_000);

async function main(): Promise<void> {
  const sqliteFile = join(tmpdir(), `minyi-bench-tickets-${process.pid}.sqlite`);
  const url = process.env.DATABASE_URL ?? `sqlite:${sqliteFile}`;
  const { ds, clock, seconds } = await seedTickets(url, TOTAL);
  const stats = new TicketStatsService(new TicketStatsRepository(ds), orgServiceOf(ds).repo, clock);

  await stats.dashboard({}, 'month'); // warm-up
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = process.hrtime.bigint();
    await stats.dashboard({}, i % 2 ? 'week' : 'month');
    runs.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  runs.sort((a, b) => a - b);
  const engine = engineOf(url);
  process.stdout.write(
    `${JSON.stringify({ engine, tickets: TOTAL, createSeconds: +seconds.toFixed(2), ticketsPerSecond: Math.round(TOTAL / seconds), figuresMsMedian: +runs[2].toFixed(1), figuresMsMax: +runs[4].toFixed(1), targets: { ticketsPerSecond: 500, figuresMs: 300 } })}\n`,
  );
  await ds.destroy();
  if (!process.env.DATABASE_URL) rmSync(sqliteFile, { force: true });
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:tickets failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
