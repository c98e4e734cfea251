import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { escapeMarkdown } from '../common/markdown';
import { maskResidentText } from '../common/privacy';
import { AppException } from '../common/app.exception';
import { I18nService } from '../i18n/i18n.service';
import { ConsultationFigures, ConsultationFiguresService } from '../consultations/consultation-figures';
import { OrgRepository } from '../org/org.repository';
import type { Counters } from '../tickets/stats/ticket-stats.repository';
import { Rates, TicketStatsService } from '../tickets/stats/ticket-stats.service';
import { DashboardsService, OverdueItem, TopicView } from './dashboards.service';
import { lastCompleted, periodContaining, periodOfKey, ReportPeriod } from './periods';
import type { BulletinKind } from './report.entities';
import type { Unit } from '../auth/unit-scope';
import { TargetProgress, TargetsService } from './targets.service';
import { chinaDate } from '../common/china-time';

export interface RankingRow {
  rank: number;
  workstationCode: string;
  name: string;
  total: number;
  rates: Rates;
}

export interface Bulletin {
  kind: BulletinKind;
  period: { key: string; from: string; to: string; label: string };
  unit: Unit & { label: string };
  figures: { counters: Counters; rates: Rates; receptions: number; sqmyAdopted: number; consultations: ConsultationFigures };
  ranking: RankingRow[];
  overdue: OverdueItem[];
  overdueTotal: number;
  topics: TopicView[];
  targets: Array<TargetProgress & { name: string }>;
  summary: string[];
}


/** Descending, with "no figure" last. */
const desc = (a: number | null, b: number | null) => (b ?? -1) - (a ?? -1);

/** Periodic bulletins (ding qi tong bao): a unit's figures for a week or month, rankings, overdue items, topics and a summary. */
@Injectable()
export class BulletinsService {
  constructor(
    private readonly stats: TicketStatsService,
    private readonly dashboards: DashboardsService,
    private readonly targets: TargetsService,
    private readonly org: OrgRepository,
    private readonly i18n: I18nService,
    private readonly clock: Clock,
    private readonly consultations: ConsultationFiguresService,
  ) {}

  period(kind: BulletinKind, key?: string): ReportPeriod {
    if (!key) return lastCompleted(kind, this.clock.now());
    const period = periodOfKey(kind, key);
    if (!period) throw AppException.field('period', kind === 'monthly' ? 'expected yyyy-mm' : 'expected yyyy-mm-dd', { key: kind === 'monthly' ? 'month' : 'date' });
    return period;
  }

  /** The key of the period running now (targets are usually set for it). */
  currentKey(kind: BulletinKind): string {
    return periodContaining(kind, this.clock.now()).key;
  }

  /** Targets and progress of the unit's workstations alone (no ranking, lists or summary). */
  async targetProgress(unit: Unit, period: ReportPeriod): Promise<Array<TargetProgress & { name: string }>> {
    const [figures, allWorkstations] = await Promise.all([this.stats.byWorkstation({ from: period.from, to: period.to, workstations: unit.workstations }), this.org.activeWorkstations()]);
    const names = new Map(allWorkstations.map((w) => [w.code, w.name]));
    const codes = unit.workstations ?? allWorkstations.map((w) => w.code);
    return (await this.targets.progress(period, codes, figures)).map((p) => ({ ...p, name: names.get(p.workstationCode) ?? p.workstationCode }));
  }

  async build(unit: Unit, period: ReportPeriod, locale: string): Promise<Bulletin> {
    const filter = { from: period.from, to: period.to, workstations: unit.workstations };
    const [figures, overdue, topics, allWorkstations, consultations] = await Promise.all([
      this.stats.totals(filter),
      // As at the end of the period (or now, for the running one): still open, late by then.
      this.dashboards.overdueWithTotal(unit, 20, new Date(Math.min(period.to.getTime(), this.clock.now().getTime()))),
      this.dashboards.hotTopics(unit, { from: period.from, to: period.to }, 5),
      this.org.activeWorkstations(),
      this.consultations.figures(filter),
    ]);
    const names = new Map(allWorkstations.map((w) => [w.code, w.name]));
    // The office's triage desk passes tickets on; ranking it among the studios would compare unlike work.
    const triage = new Set(allWorkstations.filter((w) => w.kind === 'triage').map((w) => w.code));
    const codes = (unit.workstations ?? allWorkstations.map((w) => w.code)).filter((code) => !triage.has(code));
    const byWs = new Map(figures.byWorkstation.map((b) => [b.key, b]));
    const ranking = codes
      .map((code) => ({ workstationCode: code, name: names.get(code) ?? code, total: byWs.get(code)?.counters.total ?? 0, rates: byWs.get(code)?.rates ?? { onTimeTake: null, onTimeAnswer: null, satisfaction: null, reopen: null } }))
      .sort((a, b) => desc(a.rates.onTimeAnswer, b.rates.onTimeAnswer) || desc(a.rates.satisfaction, b.rates.satisfaction) || b.total - a.total || a.workstationCode.localeCompare(b.workstationCode))
      .map((row, i) => ({ rank: i + 1, ...row }));
    const progress = (await this.targets.progress(period, codes, figures.byWorkstation)).map((p) => ({ ...p, name: names.get(p.workstationCode) ?? p.workstationCode }));
    const label = this.periodLabel(period, locale);
    const unitLabel = unit.name ?? this.i18n.t('reports.city', {}, locale);
    const bulletin: Bulletin = {
      kind: period.kind,
      period: { key: period.key, from: period.from.toISOString(), to: period.to.toISOString(), label },
      unit: { ...unit, label: unitLabel },
      figures: {
        counters: figures.city.counters,
        rates: figures.city.rates,
        receptions: progress.reduce((n, p) => n + (p.actual.receptions ?? 0), 0),
        sqmyAdopted: progress.reduce((n, p) => n + (p.actual.sqmyAdopted ?? 0), 0),
        consultations,
      },
      ranking,
      overdue: overdue.items,
      overdueTotal: overdue.total,
      topics,
      targets: progress,
      summary: [],
    };
    bulletin.summary = this.summary(bulletin, locale);
    return bulletin;
  }

  percent(value: number | null, locale: string): string {
    return value === null ? this.i18n.t('reports.none', {}, locale) : this.i18n.t('reports.percent', { value: (value * 100).toFixed(1) }, locale);
  }

  private periodLabel(period: ReportPeriod, locale: string): string {
    if (period.kind === 'monthly') {
      const [year, month] = period.key.split('-');
      return this.i18n.t('reports.period.monthly', { year, month: String(Number(month)) }, locale);
    }
    return this.i18n.t('reports.period.weekly', { from: chinaDate(period.from), to: chinaDate(new Date(period.to.getTime() - 1)) }, locale);
  }

  /** Template sentences from locales/<lang>/reports.json, filled with the figures. */
  private summary(b: Bulletin, locale: string): string[] {
    const t = (key: string, vars: Record<string, unknown> = {}) => this.i18n.t(`reports.summary.${key}`, vars, locale);
    const pct = (v: number | null) => this.percent(v, locale);
    // No rating yet is not a rate of nothing: say so in words.
    const rated = (v: number | null) => (v === null ? this.i18n.t('reports.noRatings', {}, locale) : pct(v));
    const c = b.figures.counters;
    if (c.total === 0) return [t('empty', { period: b.period.label, unit: b.unit.label })];
    const lines = [
      t(c.supports > 0 ? 'volumeSupported' : 'volume', { period: b.period.label, unit: b.unit.label, total: c.total, answered: c.answeredEver, closed: c.closed, supports: c.supports }),
      t('rates', { onTimeTake: pct(b.figures.rates.onTimeTake), onTimeAnswer: pct(b.figures.rates.onTimeAnswer), satisfaction: rated(b.figures.rates.satisfaction), reopen: pct(b.figures.rates.reopen) }),
    ];
    const ranked = b.ranking.filter((r) => r.total > 0);
    if (ranked.length > 1) {
      const best = ranked[0];
      const bestSat = [...ranked].sort((x, y) => desc(x.rates.satisfaction, y.rates.satisfaction))[0];
      if (bestSat.rates.satisfaction === null) lines.push(t('bestAnswer', { name: best.name, rate: pct(best.rates.onTimeAnswer) }));
      else lines.push(t('best', { name: best.name, rate: pct(best.rates.onTimeAnswer), satName: bestSat.name, satRate: pct(bestSat.rates.satisfaction) }));
    }
    lines.push(b.overdueTotal ? t('overdue', { count: b.overdueTotal }) : t('overdueNone'));
    if (b.topics.length) lines.push(t('topic', { title: b.topics[0].title, residents: b.topics[0].residents }));
    const withTargets = b.targets.filter((p) => p.met.onTimeAnswer !== null);
    const k = b.figures.consultations;
    if (k.held || k.actionsDue || k.proposalsAdopted) {
      lines.push(t('consultations', { held: k.held, residents: k.residents, departments: k.departments, due: k.actionsDue, onTime: k.actionsOnTime, rate: pct(k.onTimeRate), proposals: k.proposalsAdopted }));
    }
    if (withTargets.length) lines.push(t('targets', { total: withTargets.length, met: withTargets.filter((p) => p.met.onTimeAnswer).length }));
    return lines;
  }

  /** The bulletin as WeCom markdown (short lists: WeCom caps a message at 4,096 bytes). */
  markdown(b: Bulletin, locale: string, url: string): string {
    const t = (key: string, vars: Record<string, unknown> = {}) => this.i18n.t(`reports.markdown.${key}`, vars, locale);
    const pct = (v: number | null) => this.percent(v, locale);
    const lines = [`# ${t('title', { unit: b.unit.label, kind: this.i18n.t(`reports.kind.${b.kind}`, {}, locale), period: b.period.label })}`, ''];
    // Summaries quote a topic's title: resident text, like the overdue and topic titles below.
    const inert = (text: string) => escapeMarkdown(maskResidentText(text));
    for (const s of b.summary) lines.push(`> ${inert(s)}`);
    const ranked = b.ranking.filter((r) => r.total > 0).slice(0, 5);
    if (ranked.length) {
      lines.push('', `**${t('ranking')}**`);
      for (const r of ranked) lines.push(t('rankingLine', { rank: r.rank, name: r.name, total: r.total, onTimeAnswer: pct(r.rates.onTimeAnswer), satisfaction: pct(r.rates.satisfaction) }));
    }
    if (b.overdue.length) {
      lines.push('', `**${t('overdue')}**`);
      for (const o of b.overdue.slice(0, 5)) lines.push(`<font color="warning">${t('overdueLine', { number: o.number, title: inert(o.title), workstation: o.workstationName ?? o.workstationCode })}</font>`);
    }
    if (b.topics.length) {
      lines.push('', `**${t('topics')}**`);
      for (const topic of b.topics.slice(0, 3)) lines.push(t('topicLine', { title: inert(topic.title), residents: topic.residents }));
    }
    lines.push('', t('link', { url }));
    return lines.join('\n');
  }
}
