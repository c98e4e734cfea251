import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { segmentWords } from '../classification/jieba.tokenizer';
import { Clock } from '../common/clock';
import { maskPhonesInText } from '../common/privacy';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';
import type { Principal } from '../auth/principal';
import { ScopeService } from '../auth/scope.service';
import { AppException } from '../common/app.exception';
import { I18nService } from '../i18n/i18n.service';
import { OrgRepository } from '../org/org.repository';
import { OutboxService } from '../outbox/outbox.service';
import type { TicketEntity } from '../tickets/ticket.entity';
import type { EventType } from '../tickets/ticket.types';
import { TicketsRepository } from '../tickets/tickets.repository';
import { inTransaction } from '../tickets/lifecycle/transaction';
import { OrgNamesReader } from './org-names';
import { commonWords, cutAtWord, firstSentence } from './short-text';
import type { SqmyReportEntity, SqmyState } from './report.entities';
import { ReportsRepository } from './reports.repository';

export interface SqmyDraft {
  title: string;
  situation: string;
  analysis: string;
  suggestions: string;
  tickets: string[];
}

export interface SqmyView extends Omit<SqmyReportEntity, 'version'> {
  workstationName: string | null;
  /** Who wrote it, by name: userids are not for people to read. */
  authorName: string | null;
  /** The title as a list shows it: cut between words with "…" when long. */
  shortTitle: string;
  tickets: Array<{ number: string; title: string; state: string }>;
}

export type Fate = { fate: 'adopted' } | { fate: 'forwarded'; to: string } | { fate: 'instructed'; text: string };

const EVENT: Record<SqmyState, EventType> = { submitted: 'sqmy_submitted', adopted: 'sqmy_adopted', forwarded: 'sqmy_forwarded', instructed: 'sqmy_instructed' };
const notFound = (id: number) => new AppException('NOT_FOUND', `no report #${id}`);

/**
 * Social-conditions reports (she qing min yi xin xi) sent up the line: drafted from residents' tickets, submitted
 * to the committee and the office, and their fate (adopted, forwarded, leader's instruction) written back to
 * every ticket's timeline.
 */
@Injectable()
export class SqmyReportsService {
  constructor(
    private readonly repo: ReportsRepository,
    private readonly tickets: TicketsRepository,
    private readonly scope: ScopeService,
    private readonly org: OrgRepository,
    private readonly names: OrgNamesReader,
    private readonly outbox: OutboxService,
    private readonly i18n: I18nService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The tickets, all of them in the principal's scope (403 otherwise, 404 for an unknown number). */
  private async visibleTickets(p: Principal, numbers: string[]): Promise<TicketEntity[]> {
    const unique = [...new Set(numbers)];
    const rows = await this.repo.ticketsByNumber(unique);
    const missing = unique.filter((n) => !rows.some((r) => r.number === n));
    if (missing.length) throw AppException.field('tickets', `unknown ticket ${missing.join(', ')}`, { key: 'unknownTickets', numbers: missing.join('、') });
    const visible = await this.scope.workstationsVisibleTo(p);
    const outside = rows.filter((r) => !visible.includes(r.workstationCode));
    if (outside.length) throw new AppException('FORBIDDEN', `ticket ${outside.map((r) => r.number).join(', ')} is outside your scope`);
    return rows;
  }

  /** A first draft from the tickets: title, situation, analysis and suggestions from locale templates, for the author to edit. */
  async draft(p: Principal, numbers: string[], locale: string): Promise<SqmyDraft> {
    const rows = await this.visibleTickets(p, numbers);
    const names = await this.names.read();
    const t = (key: string, vars: Record<string, unknown>) => this.i18n.t(`reports.sqmy.${key}`, vars, locale);
    const separator = locale.startsWith('zh') ? '\u3001' : ', ';
    const list = (codes: Array<string | null>, map: Map<string, string>) => [...new Set(codes.filter((c): c is string => !!c).map((c) => map.get(c) ?? c))].join(separator);
    const short = (text: string, max: number) => maskPhonesInText(cutAtWord(firstSentence(text), max, segmentWords));
    // What the concerns are about, in the words the classifier found in them; a resident's first sentence says too little.
    const words = commonWords(rows.map((r) => r.keywords ?? []), 3);
    const topic = words.length ? words.join(separator) : short(rows[0].text, 16);
    const place = list(commonWords(rows.map((r) => (r.areaCode ? [r.areaCode] : [])), 2), names.area);
    const sector = list(commonWords(rows.map((r) => (r.sectorCode ? [r.sectorCode] : [])), 1), names.sector);
    const supports = rows.reduce((n, r) => n + r.supportCount, 0);
    const answered = rows.filter((r) => r.answeredAt !== null).length;
    // Being worked on means a member took it; one nobody took yet is waiting, and says so apart.
    const open = rows.filter((r) => r.answeredAt === null && r.assigneeUserid !== null && ['taken', 'in_progress'].includes(r.state)).length;
    const waiting = rows.filter((r) => r.state === 'submitted' && r.assigneeUserid === null).length;
    const analysis = t('analysis', { sectors: list(rows.map((r) => r.sectorCode), names.sector), count: rows.length, residents: rows.length + supports, topic, answered, open });
    return {
      title: t(place && sector ? 'title' : 'titlePlain', { topic, place, sector }),
      situation: [
        t('situation', { areas: list(rows.map((r) => r.areaCode), names.area), count: rows.length, supports }),
        ...rows.map((r, i) => t('situationLine', { index: i + 1, title: short(r.text, 30), number: r.number })),
      ].join('\n'),
      analysis: waiting ? `${analysis}${t('waiting', { waiting })}` : analysis,
      suggestions: t('suggestions', { topic }),
      tickets: rows.map((r) => r.number),
    };
  }

  async submit(p: Principal, body: SqmyDraft): Promise<SqmyView> {
    const rows = await this.visibleTickets(p, body.tickets);
    const workstationCode = p.workstationCode && rows.some((r) => r.workstationCode === p.workstationCode) ? p.workstationCode : rows[0].workstationCode;
    const ws = await this.org.workstation(workstationCode);
    const now = this.clock.now();
    const report = await inTransaction(this.repo.dataSource, async (em) => {
      const saved = await this.repo.insertReport(em, {
        title: body.title, situation: body.situation, analysis: body.analysis, suggestions: body.suggestions,
        authorUserid: p.userid, workstationCode, committeeCode: ws?.committeeCode ?? null, state: 'submitted',
        adoptedAt: null, forwardedTo: null, forwardedAt: null, instruction: null, instructedAt: null, version: 1, createdAt: now, updatedAt: now,
      }, rows.map((r) => r.id));
      await this.events(em, saved, rows.map((r) => r.id), 'submitted', p.userid, body.title);
      // Up the line: the committee's heads and the office hear of it in WeCom.
      const heads = saved.committeeCode ? await this.org.committeeHeads(saved.committeeCode) : [];
      const office = await this.org.activeMembersByRole('office_admin');
      const text = this.i18n.t('reports.sqmy.submitted', { workstation: ws?.name ?? workstationCode, title: body.title, count: rows.length, url: `${this.config.server.publicUrl}/console#/sqmy?id=${saved.id}` }, this.config.locale.default);
      for (const userid of new Set([...heads, ...office].map((m) => m.userid))) {
        await this.outbox.enqueue(em, { idempotencyKey: `sqmy:${saved.id}:submitted:${userid}`, channel: 'wecom_app', recipient: userid, kind: 'text', payload: { text } });
      }
      return saved;
    });
    return this.view(report);
  }

  private async events(em: EntityManager, report: SqmyReportEntity, ticketIds: number[], step: SqmyState, userid: string, reason: string): Promise<void> {
    const at = this.clock.now();
    await this.tickets.addEvents(em, ticketIds.map((ticketId) => ({
      ticketId, type: EVENT[step], actorKind: 'member' as const, actor: userid, at, before: null, after: { reportId: report.id, title: report.title, state: step }, reason,
    })));
  }

  /** Reports the principal may read: the office all, a committee head their committee's, others their workstation's. */
  async list(p: Principal): Promise<SqmyView[]> {
    const where = p.role === 'office_admin' ? {} : { workstations: await this.scope.workstationsVisibleTo(p), committee: p.role === 'committee_head' ? p.committeeCode : null };
    const rows = await this.repo.reports(where, 200);
    const names = await this.names.read();
    return rows.map((r) => ({ ...this.plain(r), shortTitle: cutAtWord(r.title, 36, segmentWords), workstationName: names.workstation.get(r.workstationCode) ?? null, authorName: names.member.get(r.authorUserid) ?? null, tickets: [] }));
  }

  async get(p: Principal, id: number): Promise<SqmyView> {
    const report = await this.repo.report(id);
    if (!report) throw notFound(id);
    await this.assertCanRead(p, report);
    return this.view(report);
  }

  private async assertCanRead(p: Principal, r: SqmyReportEntity): Promise<void> {
    if (p.role === 'office_admin' || (p.role === 'committee_head' && p.committeeCode === r.committeeCode)) return;
    await this.scope.assertCanSee(p, r.workstationCode);
  }

  /** The office, or the head of the report's committee, records what became of it. */
  async recordFate(p: Principal, id: number, fate: Fate): Promise<SqmyView> {
    const report = await this.repo.report(id);
    if (!report) throw notFound(id);
    if (!(p.role === 'office_admin' || (p.role === 'committee_head' && p.committeeCode === report.committeeCode))) {
      await this.assertCanRead(p, report);
      throw new AppException('FORBIDDEN', 'only the office or the committee head records a report\'s fate');
    }
    const now = this.clock.now();
    const changes: Partial<SqmyReportEntity> =
      fate.fate === 'adopted' ? { state: 'adopted', adoptedAt: report.adoptedAt ?? now }
        : fate.fate === 'forwarded' ? { state: 'forwarded', forwardedTo: fate.to, forwardedAt: now }
          : { state: 'instructed', instruction: fate.text, instructedAt: now };
    const reason = fate.fate === 'forwarded' ? fate.to : fate.fate === 'instructed' ? fate.text : report.title;
    const links = await this.repo.reportTickets(id);
    await inTransaction(this.repo.dataSource, async (em) => {
      if (!(await this.repo.updateReport(em, id, report.version, { ...changes, updatedAt: now }))) {
        throw new AppException('CONFLICT', `report #${id} changed meanwhile; reload and try again`);
      }
      await this.events(em, report, links.map((l) => l.id), fate.fate, p.userid, reason);
    });
    return this.view((await this.repo.report(id))!);
  }

  private plain(r: SqmyReportEntity): Omit<SqmyReportEntity, 'version'> {
    const { version: _version, ...rest } = r;
    return rest;
  }

  private async view(r: SqmyReportEntity): Promise<SqmyView> {
    const [tickets, ws, author] = await Promise.all([this.repo.reportTickets(r.id), this.org.workstation(r.workstationCode), this.org.member(r.authorUserid)]);
    const short = (text: string) => maskPhonesInText(cutAtWord(firstSentence(text), 30, segmentWords));
    return { ...this.plain(r), shortTitle: cutAtWord(r.title, 36, segmentWords), workstationName: ws?.name ?? null, authorName: author?.name ?? null, tickets: tickets.map((t) => ({ number: t.number, title: short(t.text), state: t.state })) };
  }
}
