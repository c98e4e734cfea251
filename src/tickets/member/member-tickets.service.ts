import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { maskName, maskPhone, maskResidentText } from '../../common/privacy';
import type { Principal } from '../../auth/principal';
import { ScopeService } from '../../auth/scope.service';
import { AppException } from '../../common/app.exception';
import { MediaFileEntity } from '../../media/media-file.entity';
import { MediaStore } from '../../media/media.store';
import { OrgRepository } from '../../org/org.repository';
import type { TicketEntity } from '../ticket.entity';
import type { TicketCohandlerEntity, TicketEventEntity, TicketNoteEntity } from '../ticket-parts.entity';
import { OPEN_STATES, type TicketState } from '../ticket.types';
import type { AttachmentRef } from '../../common/resident';
import { concernProfile, profileSimilarity } from '../resident/similarity';
import { TICKETS_CONFIG, type TicketsConfig } from '../../config/tickets.config';
import { TicketsRepository } from '../tickets.repository';

const QUEUE_LIMIT = 500;

export interface QueueFilter {
  state?: TicketState;
  /** Only tickets the caller has taken. */
  mine?: boolean;
  sector?: string;
  area?: string;
  overdue?: boolean;
}

/** One row of a member's queue; the resident's name and phone are always masked here. */
export interface QueueItem {
  number: string;
  title: string;
  state: TicketState;
  priority: TicketEntity['priority'];
  sectorCode: string | null;
  sectorName: string | null;
  areaCode: string | null;
  areaName: string | null;
  workstationCode: string;
  workstationName: string;
  takeDeadline: Date | null;
  answerDeadline: Date | null;
  /** The deadline that runs now: taking while submitted, answering while taken or in progress. */
  deadline: Date | null;
  overdue: boolean;
  assigneeUserid: string | null;
  assigneeName: string | null;
  residentName: string | null;
  residentPhone: string | null;
  supportCount: number;
  createdAt: Date;
}

export interface TicketView extends QueueItem {
  text: string;
  address: string | null;
  since: string | null;
  affected: string | null;
  /** The resident asked not to be named: the console says so rather than showing an empty name. */
  anonymous: boolean;
  rating: TicketEntity['rating'];
  ratingComment: string | null;
  wayOfWorking: TicketEntity['wayOfWorking'];
  activity: TicketEntity['activity'];
  outcome: TicketEntity['outcome'];
  extensionCount: number;
  /** The words that decided the classification, heaviest first. */
  keywords: Array<{ word: string; weight: number }>;
  routingReasons: string[];
  attachments: AttachmentRef[];
  /** Members as their names, never their userids. */
  events: Array<TicketEventEntity & { actorName: string | null }>;
  notes: Array<TicketNoteEntity & { authorName: string | null }>;
  cohandlers: TicketCohandlerEntity[];
  /** The caller is the assignee: the resident's contact is shown whole. */
  mine: boolean;
  /**
   * The ticket is still at one of the caller's studios. False right after the caller re-routed it or returned it
   * to the office's triage desk: the page then offers no more moves on it.
   */
  here: boolean;
  /** Tickets in the caller's scope that are the same concern in other words, most alike first. */
  similar: SimilarTicket[];
}

export interface SimilarTicket {
  number: string;
  title: string;
  state: TicketState;
  workstationName: string;
  createdAt: Date;
  /** How alike the residents' words are (concernSimilarity), 0–1. */
  score: number;
}

const SIMILAR_SHOWN = 5;

/**
 * The members' side of the console over tickets: queues and tickets within the caller's scope (ScopeService).
 * A ticket outside it answers 404 exactly like one that does not exist.
 */
@Injectable()
export class MemberTicketsService {
  constructor(
    private readonly repo: TicketsRepository,
    private readonly scope: ScopeService,
    private readonly org: OrgRepository,
    private readonly clock: Clock,
    @Inject(TICKETS_CONFIG) private readonly config: TicketsConfig,
  ) {}

  /** Open tickets by default (`all` for every state), the nearest deadline first; overdue ones lead. */
  async queue(principal: Principal, filter: QueueFilter, all = false): Promise<QueueItem[]> {
    const workstationCodes = await this.scope.workstationsVisibleTo(principal);
    // A member's own tickets stay in view after the answer too: closing them is still theirs to do.
    const states = filter.state ? [filter.state] : all ? undefined : filter.mine ? [...OPEN_STATES, 'answered' as const] : OPEN_STATES;
    const rows = await this.repo.queue({
      workstationCodes, states, sectorCode: filter.sector, areaCode: filter.area, assigneeUserid: filter.mine ? principal.userid : undefined, limit: QUEUE_LIMIT,
    });
    const names = await this.names(rows);
    let items = rows.map((t) => this.item(t, names, null));
    if (filter.overdue !== undefined) items = items.filter((i) => i.overdue === filter.overdue);
    if (all) return items;
    const at = (i: QueueItem) => i.deadline?.getTime() ?? Number.MAX_SAFE_INTEGER;
    return items.sort((a, b) => at(a) - at(b) || a.number.localeCompare(b.number));
  }

  /** What the filters and the reroute form offer; labels of ways, activities and outcomes live in the locales. */
  async options(): Promise<TicketOptions> {
    const [sectors, areas, committees, workstations] = await Promise.all([
      this.org.activeSectors(), this.org.activeAreas(), this.org.activeCommittees(), this.org.activeWorkstations(),
    ]);
    const pick = (rows: Array<{ code: string; name: string }>) => rows.map(({ code, name }) => ({ code, name }));
    const triage = workstations.find((w) => w.kind === 'triage');
    return {
      sectors: pick(sectors), areas: pick(areas), committees: pick(committees), workstations: workstations.map(({ code, name, kind }) => ({ code, name, kind })), triageDesk: triage ? { code: triage.code, name: triage.name } : null,
    };
  }

  async show(principal: Principal, number: string): Promise<TicketView> {
    return this.view(await this.visible(principal, number), principal);
  }

  /** A stored photo or file of a ticket in the caller's scope, by its place in the ticket's attachments. */
  async attachment(principal: Principal, number: string, index: number): Promise<MediaFileEntity> {
    const ticket = await this.visible(principal, number);
    const ref = (ticket.attachments ?? [])[index]?.ref ?? '';
    const media = await new MediaStore(this.repo.dataSource).byAttachment(ref);
    if (!media) throw new AppException('NOT_FOUND', `ticket ${number} has no stored attachment ${index}`);
    return media;
  }

  /** Runs a move as the principal on a ticket in scope, then shows the ticket as it is now. */
  async act(principal: Principal, number: string, move: (userid: string) => Promise<TicketEntity>): Promise<TicketView> {
    await this.visible(principal, number);
    return this.view(await move(principal.userid), principal);
  }

  /** The ticket if its lead or a co-handling workstation is in the caller's scope; else 404. */
  private async visible(principal: Principal, number: string): Promise<TicketEntity> {
    const ticket = await this.repo.findByNumber(number);
    if (ticket) {
      const codes = await this.scope.workstationsVisibleTo(principal);
      if (codes.includes(ticket.workstationCode)) return ticket;
      const cohandlers = await this.repo.cohandlers(ticket.id);
      if (cohandlers.some((c) => codes.includes(c.workstationCode))) return ticket;
    }
    throw new AppException('NOT_FOUND', `ticket ${number} not found`);
  }

  private async view(t: TicketEntity, principal: Principal): Promise<TicketView> {
    const [events, notes, cohandlers, codes] = await Promise.all([
      this.repo.events(t.id), this.repo.notes(t.id), this.repo.cohandlers(t.id), this.scope.workstationsVisibleTo(principal),
    ]);
    const names = await this.names([t], [...events.map((e) => e.actor), ...notes.map((n) => n.author)]);
    const mine = t.assigneeUserid === principal.userid;
    const here = codes.includes(t.workstationCode) || cohandlers.some((c) => codes.includes(c.workstationCode));
    const keywords = [...(t.explanation?.keywords ?? [])].sort((a, b) => b.weight - a.weight);
    // Until a member takes the ticket, every field a resident wrote goes through the one masking function.
    const shown = mine ? (s: string) => s : residentTextMask(t);
    const maybe = (s: string | null) => (s === null ? null : shown(s));
    return {
      ...this.item(t, names, principal.userid),
      text: shown(t.text),
      address: maybe(t.address),
      since: maybe(t.since),
      affected: maybe(t.affected),
      anonymous: t.anonymous,
      rating: t.rating,
      ratingComment: t.ratingComment === null ? null : shown(t.ratingComment),
      wayOfWorking: t.wayOfWorking,
      activity: t.activity,
      outcome: t.outcome,
      extensionCount: t.extensionCount,
      keywords,
      routingReasons: t.explanation?.reasons ?? [],
      attachments: t.attachments ?? [],
      events: events.map((e) => ({
        ...e, actorName: (e.actor && names.members.get(e.actor)) || null, reason: maybe(e.reason), before: maskValues(e.before, shown), after: maskValues(e.after, shown),
      })),
      notes: notes.map((n) => ({ ...n, authorName: names.members.get(n.author) ?? null, text: shown(n.text) })),
      cohandlers,
      mine,
      here,
      similar: await this.similar(t, codes, names),
    };
  }

  private async similar(t: TicketEntity, workstationCodes: string[], names: Names): Promise<SimilarTicket[]> {
    const candidates = await this.repo.recentAt(workstationCodes, this.config.similar.candidates);
    const profile = concernProfile(t.text, this.config.similar);
    return candidates
      .filter((c) => c.id !== t.id)
      .map((c) => ({ c, score: profileSimilarity(profile, concernProfile(c.text, this.config.similar)) }))
      .filter((x) => x.score >= this.config.similar.threshold)
      .sort((a, b) => b.score - a.score || b.c.id - a.c.id)
      .slice(0, SIMILAR_SHOWN)
      .map(({ c, score }) => ({
        number: c.number,
        title: residentTextMask(c)(c.title),
        state: c.state,
        workstationName: names.workstations.get(c.workstationCode) ?? c.workstationCode,
        createdAt: c.createdAt,
        score: Math.round(score * 100) / 100,
      }));
  }

  private item(t: TicketEntity, names: Names, viewer: string | null): QueueItem {
    const deadline = t.state === 'submitted' ? t.takeDeadline : t.state === 'taken' || t.state === 'in_progress' ? t.answerDeadline : null;
    const whole = viewer !== null && viewer === t.assigneeUserid;
    return {
      number: t.number,
      title: whole ? t.title : residentTextMask(t)(t.title),
      state: t.state,
      priority: t.priority,
      sectorCode: t.sectorCode,
      sectorName: (t.sectorCode && names.sectors.get(t.sectorCode)) || null,
      areaCode: t.areaCode,
      areaName: (t.areaCode && names.areas.get(t.areaCode)) || null,
      workstationCode: t.workstationCode,
      workstationName: names.workstations.get(t.workstationCode) ?? t.workstationCode,
      takeDeadline: t.takeDeadline,
      answerDeadline: t.answerDeadline,
      deadline,
      overdue: deadline !== null && deadline.getTime() < this.clock.now().getTime(),
      assigneeUserid: t.assigneeUserid,
      assigneeName: (t.assigneeUserid && names.members.get(t.assigneeUserid)) || null,
      residentName: whole ? t.residentName : maskName(t.residentName),
      residentPhone: whole ? t.residentPhone : maskPhone(t.residentPhone),
      supportCount: t.supportCount,
      createdAt: t.createdAt,
    };
  }

  /** Names of the rows' sectors, studios, areas and assignees, and of `people` (event actors, note authors). */
  private async names(rows: TicketEntity[], people: Array<string | null> = []): Promise<Names> {
    const userids = [...new Set([...rows.map((t) => t.assigneeUserid), ...people].filter((u): u is string => !!u))];
    const [{ sectors, workstations }, areas, members] = await Promise.all([this.repo.names(), this.org.activeAreas(), this.org.memberNames(userids)]);
    return { sectors, workstations, areas: new Map(areas.map((a) => [a.code, a.name])), members };
  }
}

/** Masks phones, ID numbers and the filer's own name in text the filer wrote, for members who have not taken it. */
export const residentTextMask = (t: Pick<TicketEntity, 'residentName'>) => (text: string): string => maskResidentText(text, [t.residentName]);

/** Every string inside an event's before/after record, through `mask`; numbers a resident typed stay strings. */
function maskValues<T>(value: T, mask: (s: string) => string): T {
  if (typeof value === 'string') return mask(value) as T;
  if (Array.isArray(value)) return value.map((v) => maskValues(v, mask)) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskValues(v, mask)])) as T;
  return value;
}

type Named = Array<{ code: string; name: string }>;
export interface TicketOptions {
  sectors: Named;
  areas: Named;
  committees: Named;
  /** With their kind, so a form can leave out the office's triage desk. */
  workstations: Array<{ code: string; name: string; kind: string }>;
  /** Where a returned ticket goes, named before the member confirms the return. */
  triageDesk: { code: string; name: string } | null;
}

interface Names {
  sectors: Map<string, string>;
  workstations: Map<string, string>;
  areas: Map<string, string>;
  members: Map<string, string>;
}
