import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { ConsultationFigures, ConsultationFiguresService } from '../consultations/consultation-figures';
import { maskPhonesInText } from '../common/privacy';
import { OrgRepository } from '../org/org.repository';
import type { Period, StatsFilter } from '../tickets/stats/ticket-stats.repository';
import { Bucket, Dashboard, TicketStatsService, Volume } from '../tickets/stats/ticket-stats.service';
import { TICKETS_CONFIG, type TicketsConfig } from '../config/tickets.config';
import { HotTopic, hotTopics } from './hot-topics';
import { OrgNames, OrgNamesReader } from './org-names';
import type { Unit } from '../auth/unit-scope';
import { ReportsRepository } from './reports.repository';

export interface Child extends Bucket {
  level: 'committee' | 'workstation' | 'member';
  name: string | null;
}

export interface DashboardView {
  unit: Unit;
  period: Period;
  from: string | null;
  to: string | null;
  figures: Dashboard;
  /** Consultations held, residents and departments taking part, actions on time and proposals in the range. */
  consultations: ConsultationFigures;
  /** One level down: committees of the city, workstations of a committee, members of a workstation. */
  children: Child[];
  volumes: { bySector: Volume[]; byArea: Volume[] };
  names: { sectors: Record<string, string>; areas: Record<string, string> };
}

export interface OverdueItem {
  number: string;
  title: string;
  state: string;
  workstationCode: string;
  workstationName: string | null;
  assigneeUserid: string | null;
  deadline: string | null;
  overdueHours: number;
}

export interface TopicView extends HotTopic {
  sectorName: string | null;
}

/** How many recent tickets hot topics are clustered from: enough for a month of a city, bounded for speed. */
const TOPIC_WINDOW = 2000;
const TOPIC_DAYS = 30;

/** Point → line → area: the dashboard figures of one unit, its drill-down, overdue tickets and hot topics. */
@Injectable()
export class DashboardsService {
  constructor(
    private readonly stats: TicketStatsService,
    private readonly repo: ReportsRepository,
    private readonly names: OrgNamesReader,
    private readonly org: OrgRepository,
    private readonly clock: Clock,
    private readonly consultations: ConsultationFiguresService,
    @Inject(TICKETS_CONFIG) private readonly tickets: TicketsConfig,
  ) {}

  async dashboard(unit: Unit, period: Period, range: { from?: Date; to?: Date }): Promise<DashboardView> {
    const filter: StatsFilter = { ...range, workstations: unit.workstations };
    // Without a range the whole history counts, as for the ticket figures.
    const span = { from: range.from ?? new Date(0), to: range.to ?? new Date(8.64e15), workstations: unit.workstations };
    const [figures, names, consultations] = await Promise.all([this.stats.dashboard(filter, period), this.names.read(), this.consultations.figures(span)]);
    return {
      unit,
      period,
      from: range.from?.toISOString() ?? null,
      to: range.to?.toISOString() ?? null,
      figures,
      consultations,
      children: await this.children(unit, figures, filter, names),
      volumes: figures.volumes,
      names: { sectors: Object.fromEntries(names.sector), areas: Object.fromEntries(names.area) },
    };
  }

  private async children(unit: Unit, figures: Dashboard, filter: StatsFilter, names: OrgNames): Promise<Child[]> {
    if (unit.level === 'city') return figures.byCommittee.map((b) => ({ ...b, level: 'committee', name: b.key ? names.committee.get(b.key) ?? b.key : null }));
    if (unit.level === 'committee') return figures.byWorkstation.map((b) => ({ ...b, level: 'workstation', name: b.key ? names.workstation.get(b.key) ?? b.key : null }));
    const members = new Map((await this.org.activeMembersOf(unit.code!)).map((m) => [m.userid, m.name]));
    return (await this.stats.byMember(filter)).map((b) => ({ ...b, level: 'member', name: b.key ? members.get(b.key) ?? b.key : null }));
  }

  async overdue(unit: Unit, limit = 100, at?: Date): Promise<OverdueItem[]> {
    return (await this.overdueWithTotal(unit, limit, at)).items;
  }

  /** Overdue tickets at `at` (default now), the first `limit` of them and how many in all. */
  async overdueWithTotal(unit: Unit, limit: number, at?: Date): Promise<{ items: OverdueItem[]; total: number }> {
    const now = at ?? this.clock.now();
    const [{ rows, total }, names] = await Promise.all([this.repo.overdue({ workstations: unit.workstations }, now, limit), this.names.read()]);
    const items = rows.map((r) => {
      const deadline = r.state === 'submitted' && r.takeDeadline && r.takeDeadline < now ? r.takeDeadline : r.answerDeadline;
      return {
        number: r.number,
        title: maskPhonesInText(r.title),
        state: r.state,
        workstationCode: r.workstationCode,
        workstationName: names.workstation.get(r.workstationCode) ?? null,
        assigneeUserid: r.assigneeUserid,
        deadline: deadline?.toISOString() ?? null,
        overdueHours: deadline ? Math.floor((now.getTime() - deadline.getTime()) / 3600_000) : 0,
      };
    });
    return { items, total };
  }

  /** Clusters of similar concerns in the range (default: the last 30 days). */
  async hotTopics(unit: Unit, range: { from?: Date; to?: Date }, limit = 10): Promise<TopicView[]> {
    const from = range.from ?? new Date((range.to ?? this.clock.now()).getTime() - TOPIC_DAYS * 86_400_000);
    const [candidates, names] = await Promise.all([this.repo.topicCandidates({ from, to: range.to, workstations: unit.workstations }, TOPIC_WINDOW), this.names.read()]);
    return hotTopics(candidates, this.tickets.similar, limit).map((t) => ({ ...t, title: maskPhonesInText(t.title), sectorName: t.sectorCode ? names.sector.get(t.sectorCode) ?? null : null }));
  }
}
