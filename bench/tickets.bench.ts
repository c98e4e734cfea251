/**
 * Ticket creation throughput and dashboard figures over 100,000 tickets, on the database DATABASE_URL names
 * (default: a fresh SQLite file). `npm run bench:tickets` (TICKETS=n to change the count). Prints figures; asserts nothing.
 */
import 'reflect-metadata';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SingleBar } from 'cli-progress';
import { DataSource } from 'typeorm';
import { ManualClock } from '../src/common/clock';
import { I18nService } from '../src/conversation/i18n.service';
import { createDataSource, dataSourceOptions, engineOf } from '../src/database/database-url';
import { OrgSeeder } from '../src/database/org.seeder';
import { JobScheduler } from '../src/jobs/job-scheduler';
import { JobsRepository } from '../src/jobs/jobs.repository';
import { loadOrgConfig } from '../src/org/org-config';
import { OutboxRepository } from '../src/outbox/outbox.repository';
import { OutboxService } from '../src/outbox/outbox.service';
import { RouteDecision, RoutingService } from '../src/routing/routing.service';
import { orgServiceOf } from '../src/routing/sector-route';
import { loadConfig } from '../src/config/config.loader';
import { TicketDeadlines } from '../src/tickets/ticket-deadlines';
import { TicketNotifier } from '../src/tickets/ticket-notifier';
import { TicketStatsRepository } from '../src/tickets/ticket-stats.repository';
import { TicketStatsService } from '../src/tickets/ticket-stats.service';
import { loadCalendarConfig, loadTicketsConfig } from '../src/tickets/tickets.config';
import { TicketsRepository } from '../src/tickets/tickets.repository';
import { NewTicket, TicketsService } from '../src/tickets/tickets.service';
import { WorkingCalendar } from '../src/tickets/working-calendar';

const TOTAL = Number(process.env.TICKETS ?? 100_000);
const BATCH = 250;

async function main(): Promise<void> {
  const sqliteFile = join(tmpdir(), `minyi-bench-tickets-${process.pid}.sqlite`);
  const url = process.env.DATABASE_URL ?? `sqlite:${sqliteFile}`;
  const ds = createDataSource(dataSourceOptions(url));
  await ds.initialize();
  if (engineOf(url) === 'mysql') {
    // A bench database is throwaway: start from empty tables so runs compare.
    await ds.dropDatabase();
  }
  await ds.runMigrations();
  const orgConfig = loadOrgConfig();
  await new OrgSeeder(ds).seed(orgConfig);

  const clock = new ManualClock(new Date('2026-01-05T01:00:00Z'));
  const org = orgServiceOf(ds);
  const repo = new TicketsRepository(ds);
  const scheduler = new JobScheduler(new JobsRepository(ds), clock);
  const notifier = new TicketNotifier(new OutboxService(new OutboxRepository(ds), clock), I18nService.load(), loadConfig({}));
  const deadlines = new TicketDeadlines(loadTicketsConfig(), new WorkingCalendar(loadCalendarConfig()), scheduler, repo, org, notifier, clock);
  const tickets = new TicketsService(repo, org, deadlines, scheduler, notifier, clock);
  const routing = new RoutingService(org);
  const stats = new TicketStatsService(new TicketStatsRepository(ds), org.repo, clock);

  // Routing is decided once per (sector, area): the bench measures ticket creation, not the org queries.
  const routes: RouteDecision[] = [];
  for (const sector of orgConfig.sectors) {
    for (const area of orgConfig.areas.slice(0, 8)) routes.push(await routing.route({ text: '', areaCode: area.code, chosenSector: sector.name }));
  }

  const bar = new SingleBar({ stream: process.stderr, format: 'tickets {bar} {value}/{total} {eta}s left' });
  bar.start(TOTAL, 0);
  const started = process.hrtime.bigint();
  // Several batches at once on MySQL, as several instances would; SQLite has one writer anyway.
  const parallel = engineOf(url) === 'mysql' ? 6 : 1;
  const inFlight = new Set<Promise<unknown>>();
  for (let done = 0; done < TOTAL; done += BATCH) {
    const batch: NewTicket[] = [];
    for (let i = done; i < Math.min(TOTAL, done + BATCH); i++) {
      const route = routes[i % routes.length];
      batch.push({
        route,
        priority: i % 10 === 0 ? 'urgent' : 'normal',
        concern: {
          resident: { channel: 'web', externalId: `bench-${i}` },
          text: `bench concern ${i} ${route.sector?.code ?? ''}`,
          areaCode: route.areaCode,
          anonymous: true,
          consent: false,
        },
      });
    }
    const created = tickets.createMany(batch).then(() => bar.increment(batch.length));
    inFlight.add(created);
    void created.finally(() => inFlight.delete(created));
    if (inFlight.size >= parallel) await Promise.race(inFlight);
    clock.advance(3600_000 * 2); // ≈ 3 batches a day: the tickets spread over a year
  }
  await Promise.all(inFlight);
  bar.stop();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;

  await simulateWork(ds);
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

/** Moves a share of the tickets on (taken, answered, rated) so the figures have something to rate. */
async function simulateWork(ds: DataSource): Promise<void> {
  await ds.query(`UPDATE ticket SET state = 'taken', takenAt = createdAt, assigneeUserid = 'bench' WHERE id % 5 <> 0`);
  await ds.query(`UPDATE ticket SET state = 'closed', answeredAt = takeDeadline, closedAt = takeDeadline, rating = 'satisfied' WHERE id % 5 = 1 OR id % 5 = 2`);
  await ds.query(`UPDATE ticket SET rating = 'not_satisfied', reopenCount = 1 WHERE id % 25 = 2`);
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:tickets failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
