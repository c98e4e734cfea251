import { SingleBar } from 'cli-progress';
import { DataSource } from 'typeorm';
import { ManualClock } from '../../src/common/clock';
import { loadConfig } from '../../src/config/config.loader';
import { I18nService } from '../../src/i18n/i18n.service';
import { createDataSource, dataSourceOptions, engineOf } from '../../src/database/database-url';
import { OrgSeeder } from '../../src/org/org.seeder';
import { JobScheduler } from '../../src/jobs/job-scheduler';
import { JobsRepository } from '../../src/jobs/jobs.repository';
import { loadOrgConfig } from '../../src/org/org-config';
import { OutboxRepository } from '../../src/outbox/outbox.repository';
import { OutboxService } from '../../src/outbox/outbox.service';
import { RouteDecision, RoutingService } from '../../src/routing/routing.service';
import { orgServiceOf } from '../../src/routing/sector-route';
import { TicketDeadlines } from '../../src/tickets/lifecycle/ticket-deadlines';
import { TicketNotifier } from '../../src/tickets/lifecycle/ticket-notifier';
import { loadCalendarConfig, loadTicketsConfig } from '../../src/config/tickets.config';
import { TicketsRepository } from '../../src/tickets/tickets.repository';
import { NewTicket, TicketsService } from '../../src/tickets/tickets.service';
import { WorkingCalendar } from '../../src/tickets/calendar/working-calendar';

const BATCH = 250;

export interface SeededTickets {
  ds: DataSource;
  clock: ManualClock;
  /** Seconds spent creating the tickets. */
  seconds: number;
}

/**
 * A fresh database (the one `url` names, emptied first on MySQL) with the organisation and `total` tickets made
 * through TicketsService.createMany, spread over a year (≈ 3 batches a day), then a share of them moved on.
 */
export async function seedTickets(url: string, total: number): Promise<SeededTickets> {
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

  // Routing is decided once per (sector, area): the bench measures ticket creation, not the org queries.
  const routes: RouteDecision[] = [];
  for (const sector of orgConfig.sectors) {
    for (const area of orgConfig.areas.slice(0, 8)) routes.push(await routing.route({ text: '', areaCode: area.code, chosenSector: sector.name }));
  }

  const bar = new SingleBar({ stream: process.stderr, format: 'tickets {bar} {value}/{total} {eta}s left' });
  bar.start(total, 0);
  const started = process.hrtime.bigint();
  // Several batches at once on MySQL, as several instances would; SQLite has one writer anyway.
  const parallel = engineOf(url) === 'mysql' ? 6 : 1;
  const inFlight = new Set<Promise<unknown>>();
  for (let done = 0; done < total; done += BATCH) {
    const batch: NewTicket[] = [];
    for (let i = done; i < Math.min(total, done + BATCH); i++) {
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
  return { ds, clock, seconds };
}

/** Moves a share of the tickets on (taken, answered, rated) so the figures have something to rate. */
async function simulateWork(ds: DataSource): Promise<void> {
  await ds.query(`UPDATE ticket SET state = 'taken', takenAt = createdAt, assigneeUserid = 'bench' WHERE id % 5 <> 0`);
  await ds.query(`UPDATE ticket SET state = 'closed', answeredAt = takeDeadline, closedAt = takeDeadline, rating = 'satisfied' WHERE id % 5 = 1 OR id % 5 = 2`);
  await ds.query(`UPDATE ticket SET rating = 'not_satisfied', reopenCount = 1 WHERE id % 25 = 2`);
}
