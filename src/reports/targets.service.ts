import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import type { Bucket } from '../tickets/stats/ticket-stats.service';
import type { ReportPeriod } from './periods';
import type { ReportTargetEntity } from './report.entities';
import { ReportsRepository } from './reports.repository';

export const TARGET_METRICS = ['receptions', 'taken', 'onTimeAnswer', 'satisfaction', 'sqmyAdopted', 'consultations', 'proposalsAdopted'] as const;
export type TargetMetric = (typeof TARGET_METRICS)[number];
export type Figures = Record<TargetMetric, number | null>;

export interface TargetProgress {
  workstationCode: string;
  target: Figures | null;
  actual: Figures;
  /** actual / target per metric (1 = met); null where no target is set. */
  progress: Record<TargetMetric, number | null>;
  met: Record<TargetMetric, boolean | null>;
}

export type TargetInput = { workstationCode: string; kind: ReportPeriod['kind']; period: string } & Partial<Figures>;

/** Quantified targets (liang hua zhi biao) per workstation and period, and progress against them. */
@Injectable()
export class TargetsService {
  constructor(
    private readonly repo: ReportsRepository,
    private readonly clock: Clock,
  ) {}

  save(input: TargetInput, periodKey: string, by: string): Promise<ReportTargetEntity> {
    const value = (m: TargetMetric) => (input[m] === undefined ? null : input[m]);
    return this.repo.saveTarget({
      workstationCode: input.workstationCode,
      periodKind: input.kind,
      periodKey,
      receptions: value('receptions'),
      taken: value('taken'),
      onTimeAnswer: value('onTimeAnswer'),
      satisfaction: value('satisfaction'),
      sqmyAdopted: value('sqmyAdopted'),
      consultations: value('consultations'),
      proposalsAdopted: value('proposalsAdopted'),
      updatedBy: by,
      updatedAt: this.clock.now(),
    });
  }

  /** Progress of each workstation; `buckets` are the period's figures per workstation (ticket rates). */
  async progress(period: ReportPeriod, workstations: readonly string[], buckets: readonly Bucket[]): Promise<TargetProgress[]> {
    const until = new Date(Math.min(period.to.getTime(), this.clock.now().getTime()));
    const [targets, receptions, taken, adopted, consultations, proposals] = await Promise.all([
      this.repo.targets(period.kind, period.key, workstations),
      this.repo.receptionsHeld(workstations, period.from, until),
      this.repo.takenIn(workstations, period.from, period.to),
      this.repo.adoptedIn(workstations, period.from, period.to),
      this.repo.consultationsHeldIn(workstations, period.from, period.to),
      this.repo.proposalsAdoptedIn(workstations, period.from, period.to),
    ]);
    const byCode = new Map(targets.map((t) => [t.workstationCode, t]));
    const rates = new Map(buckets.map((b) => [b.key, b.rates]));
    return workstations.map((code) => {
      const t = byCode.get(code);
      const target: Figures | null = t ? { receptions: t.receptions, taken: t.taken, onTimeAnswer: t.onTimeAnswer, satisfaction: t.satisfaction, sqmyAdopted: t.sqmyAdopted, consultations: t.consultations, proposalsAdopted: t.proposalsAdopted } : null;
      const actual: Figures = {
        receptions: receptions.get(code) ?? 0,
        taken: taken.get(code) ?? 0,
        onTimeAnswer: rates.get(code)?.onTimeAnswer ?? null,
        satisfaction: rates.get(code)?.satisfaction ?? null,
        sqmyAdopted: adopted.get(code) ?? 0,
        consultations: consultations.get(code) ?? 0,
        proposalsAdopted: proposals.get(code) ?? 0,
      };
      const progress = {} as Record<TargetMetric, number | null>;
      const met = {} as Record<TargetMetric, boolean | null>;
      for (const m of TARGET_METRICS) {
        const goal = target?.[m] ?? null;
        const got = actual[m];
        progress[m] = goal === null || goal === 0 ? (goal === 0 ? 1 : null) : (got ?? 0) / goal;
        met[m] = goal === null ? null : (got ?? 0) >= goal;
      }
      return { workstationCode: code, target, actual, progress, met };
    });
  }
}
