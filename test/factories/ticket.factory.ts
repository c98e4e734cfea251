import type { INestApplication } from '@nestjs/common';
import { JobScheduler } from '../../src/jobs/job-scheduler';
import { OutboxMessageEntity } from '../../src/outbox/outbox-message.entity';
import { ResidentTicketsService } from '../../src/tickets/resident/resident-tickets.service';
import { TicketDispositionService } from '../../src/tickets/lifecycle/ticket-disposition.service';
import { TicketLifecycleService } from '../../src/tickets/lifecycle/ticket-lifecycle.service';
import { TicketReader } from '../../src/tickets/ticket-reader';
import { TicketRerouteService } from '../../src/tickets/lifecycle/ticket-reroute.service';
import { TicketStatsService } from '../../src/tickets/stats/ticket-stats.service';
import type { NewConcern } from '../../src/tickets/tickets.port';
import type { ResidentRef } from '../../src/common/resident';
import { TicketsRepository } from '../../src/tickets/tickets.repository';
import { TicketsService } from '../../src/tickets/tickets.service';

let residents = 0;

/** A resident of the web chat with a fresh id. */
export function aResident(): ResidentRef {
  return { channel: 'web', externalId: `web-${process.pid}-${++residents}` };
}

/** A concern as the filing dialog collects it; the resident's chosen sector keeps routing independent of the lexicon. */
export function aConcern(overrides: Partial<NewConcern> = {}): NewConcern {
  return {
    resident: aResident(),
    text: '滨河新区第三小学门口上下学时段拥堵严重，学生过马路很危险。希望增设护学岗。',
    areaCode: 'binhe',
    chosenSector: '教育文体',
    phone: '13912345678',
    name: '李小明',
    anonymous: false,
    consent: true,
    ...overrides,
  };
}

/** Every ticket service of a running app, for specs. */
export function ticketsOf(app: INestApplication) {
  const repo = app.get(TicketsRepository);
  return {
    repo,
    resident: app.get(ResidentTicketsService),
    tickets: app.get(TicketsService),
    lifecycle: app.get(TicketLifecycleService),
    disposition: app.get(TicketDispositionService),
    reroute: app.get(TicketRerouteService),
    stats: app.get(TicketStatsService),
    jobs: app.get(JobScheduler),
    reader: new TicketReader(repo),
    /** Outbox rows of one ticket, oldest first. */
    outbox: (ticketId: number) => repo.dataSource.getRepository(OutboxMessageEntity).find({ where: { ticketId }, order: { id: 'ASC' } }),
  };
}

/** A small deterministic random source (mulberry32), so generated data sets are the same on every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Studios, their members and the sector names that route to them from the given area (config/org.yaml). */
export const STUDIOS = [
  { workstation: 'ws-binhe', area: 'binhe', sector: '教育文体', members: ['zhangwei', 'liuhong'] },
  { workstation: 'ws-daliuta', area: 'daliuta', sector: '环境保护', members: ['wangqiang', 'zhaomin'] },
  { workstation: 'ws-gaojiapu', area: 'gaojiapu', sector: '农业农村', members: ['sunli', 'zhoujun'] },
  { workstation: 'ws-jinjie', area: 'jinjie', sector: '商贸旅游', members: ['chenjie', 'huangyan'] },
  { workstation: 'ws-xisha', area: 'xisha', sector: '政法与社会治理', members: ['wujing', 'xugang'] },
  { workstation: 'ws-linzhou', area: 'linzhou', sector: '民族宗教与文化文史', members: ['maying'] },
] as const;

/**
 * A deterministic data set through the real moves: tickets over several days in every studio, some taken late,
 * answered, rated (satisfied, basically, not satisfied → reopened), merged or not accepted.
 */
export async function generateTickets(s: ReturnType<typeof ticketsOf>, clock: { advance(ms: number): void }, n: number, seed = 7): Promise<string[]> {
  const random = seeded(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const numbers: string[] = [];
  for (let i = 0; i < n; i++) {
    clock.advance(Math.floor(random() * 8 * 3600_000));
    const studio = pick(STUDIOS);
    const resident = aResident();
    const { ticket } = await s.resident.fileConcern(aConcern({ resident, areaCode: studio.area, chosenSector: studio.sector, text: `${studio.area} ${i} ${random()}` }));
    numbers.push(ticket.number);
    const fate = random();
    if (fate < 0.15) continue; // left untaken
    if (fate < 0.2) {
      await s.disposition.close(ticket.number, studio.members[0], { outcome: 'not_accepted', reason: 'duplicate' });
      continue;
    }
    if (fate < 0.25 && numbers.length > 1) {
      const target = numbers[numbers.length - 2];
      if ((await s.repo.findByNumber(target))!.state === 'submitted') {
        await s.disposition.merge(ticket.number, studio.members[0], target, 'same').catch(() => undefined);
        continue;
      }
    }
    clock.advance(random() < 0.3 ? 2 * 86_400_000 : 3600_000); // some are taken late
    await s.lifecycle.take(ticket.number, pick(studio.members), { way: 'bridge', activity: 'micro_consultation' });
    const assignee = (await s.repo.findByNumber(ticket.number))!.assigneeUserid!;
    if (random() < 0.2) continue;
    clock.advance(random() < 0.3 ? 8 * 86_400_000 : 86_400_000);
    await s.lifecycle.answer(ticket.number, assignee, { reply: 'done' });
    const r = random();
    if (r < 0.4) await s.resident.rate(ticket.number, resident, 'satisfied');
    else if (r < 0.6) await s.resident.rate(ticket.number, resident, 'basically_satisfied');
    else if (r < 0.8) await s.resident.rate(ticket.number, resident, 'not_satisfied', 'no');
  }
  return numbers;
}
