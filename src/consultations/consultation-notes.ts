import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';
import { I18nService } from '../i18n/i18n.service';
import { OrgRepository } from '../org/org.repository';
import { OutboxService } from '../outbox/outbox.service';
import type { Json, EventType } from '../tickets/ticket.types';
import { TicketsRepository } from '../tickets/tickets.repository';

/** Every linked ticket's timeline and every message of the loop, written in the caller's transaction. */
@Injectable()
export class ConsultationNotes {
  constructor(
    private readonly tickets: TicketsRepository,
    private readonly outbox: OutboxService,
    private readonly org: OrgRepository,
    readonly i18n: I18nService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get locale(): string {
    return this.config.locale.default;
  }

  url(path: string): string {
    return `${this.config.server.publicUrl.replace(/\/+$/, '')}${path}`;
  }

  t(key: string, vars: Record<string, unknown> = {}, locale = this.locale): string {
    return this.i18n.t(key, vars, locale);
  }

  async events(em: EntityManager, ticketIds: number[], type: EventType, actor: string | null, after: Record<string, Json>, reason: string | null = null): Promise<void> {
    const at = this.clock.now();
    const actorKind = actor === null ? 'system' as const : actor === 'resident' ? 'resident' as const : 'member' as const;
    await this.tickets.addEvents(em, ticketIds.map((ticketId) => ({ ticketId, type, actorKind, actor: actorKind === 'member' ? actor : null, at, before: null, after, reason })));
  }

  /** WeCom app text to members (or departments' contacts), once per key and recipient. */
  async toMembers(em: EntityManager, key: string, userids: Array<string | null | undefined>, text: string, notBefore?: Date): Promise<void> {
    for (const userid of new Set(userids.filter((u): u is string => !!u))) {
      await this.outbox.enqueue(em, { idempotencyKey: `${key}:${userid}`, channel: 'wecom_app', recipient: userid, kind: 'text', payload: { text }, notBefore });
    }
  }

  /** The committee's heads and the office: who supervises (du ban). */
  async supervisors(committeeCode: string | null): Promise<string[]> {
    const heads = committeeCode ? await this.org.committeeHeads(committeeCode) : [];
    const office = await this.org.activeMembersByRole('office_admin');
    return [...heads, ...office].map((m) => m.userid);
  }
}
