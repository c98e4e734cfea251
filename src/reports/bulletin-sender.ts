import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { Clock } from '../common/clock';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';
import type { JobPayload } from '../jobs/job.entity';
import { JobScheduler } from '../jobs/job-scheduler';
import { OutboxService } from '../outbox/outbox.service';
import { inTransaction } from '../tickets/lifecycle/transaction';
import { BulletinsService } from './bulletins.service';
import { nextPeriod, periodContaining, ReportPeriod } from './periods';
import type { UnitLevel } from '../auth/unit-scope';
import type { BulletinKind } from './report.entities';
import { UnitScope, Unit } from '../auth/unit-scope';
import { ReportsRepository } from './reports.repository';

export const BULLETIN_JOB = 'reports.bulletin';
/** Bulletins go out at 09:00 China time on Monday (weekly) and on the 1st (monthly). */
const SEND_AFTER_PERIOD_MS = 9 * 3600_000;

export interface Recipient {
  userid: string;
  level: UnitLevel;
  unit: string;
  /** config: from config/default.yaml (read-only in the console); console: set by the office. */
  source: 'config' | 'console';
}

/** Sends bulletins as WeCom markdown through the outbox, by hand or from the durable weekly and monthly jobs. */
@Injectable()
export class BulletinSender implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(BulletinSender.name);

  constructor(
    private readonly bulletins: BulletinsService,
    private readonly scope: UnitScope,
    private readonly repo: ReportsRepository,
    private readonly outbox: OutboxService,
    private readonly scheduler: JobScheduler,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.scheduler.handle(BULLETIN_JOB, (payload) => this.onDue(payload as { kind: BulletinKind; period: string }));
  }

  /** Makes sure the next weekly and monthly sends are scheduled (once: the unique key names the period). */
  async onApplicationBootstrap(): Promise<void> {
    for (const kind of ['weekly', 'monthly'] as const) await this.scheduleAfter(periodContaining(kind, this.clock.now()));
  }

  private scheduleAfter(period: ReportPeriod): Promise<boolean> {
    return this.scheduler.schedule(this.repo.dataSource.manager, {
      kind: BULLETIN_JOB,
      dueAt: new Date(period.to.getTime() + SEND_AFTER_PERIOD_MS),
      payload: { kind: period.kind, period: period.key } as unknown as JobPayload,
      uniqueKey: `${BULLETIN_JOB}:${period.kind}:${period.key}`,
    });
  }

  private async onDue(payload: { kind: BulletinKind; period: string }): Promise<void> {
    const period = this.bulletins.period(payload.kind, payload.period);
    const sent = await this.send(period);
    this.logger.log(`${payload.kind} bulletin ${period.key}: ${sent.enqueued} enqueued`);
    await this.scheduleAfter(nextPeriod(period));
  }

  async recipients(): Promise<Recipient[]> {
    const fixed: Recipient[] = this.config.reports.bulletinRecipients.map((r) => ({ userid: r.userid, level: r.level, unit: r.level === 'city' ? '' : r.unit, source: 'config' }));
    const stored: Recipient[] = (await this.repo.recipients()).map((r) => ({ userid: r.userid, level: r.level, unit: r.unitCode, source: 'console' }));
    return [...fixed, ...stored];
  }

  /**
   * One markdown message per recipient, in one transaction. The idempotency key names the period, unit and
   * recipient, so the job and "send now" never deliver the same bulletin twice.
   */
  async send(period: ReportPeriod): Promise<{ enqueued: number; already: number }> {
    const recipients = await this.recipients();
    if (recipients.length === 0) return { enqueued: 0, already: 0 };
    const texts = new Map<string, string>();
    for (const r of recipients) {
      const unitKey = `${r.level}:${r.unit}`;
      if (texts.has(unitKey)) continue;
      const unit: Unit = await this.scope.unit(r.level, r.level === 'city' ? null : r.unit);
      const bulletin = await this.bulletins.build(unit, period, this.config.locale.default);
      const query = new URLSearchParams({ kind: period.kind, period: period.key, ...(r.level === 'committee' ? { committee: r.unit } : {}), ...(r.level === 'workstation' ? { workstation: r.unit } : {}) });
      texts.set(unitKey, this.bulletins.markdown(bulletin, this.config.locale.default, `${this.config.server.publicUrl}/console#/bulletins?${query}`));
    }
    let enqueued = 0;
    await inTransaction(this.repo.dataSource, async (em) => {
      enqueued = 0;
      for (const r of recipients) {
        const written = await this.outbox.enqueue(em, {
          idempotencyKey: `bulletin:${period.kind}:${period.key}:${r.level}:${r.unit}:${r.userid}`,
          channel: 'wecom_app',
          recipient: r.userid,
          kind: 'markdown',
          payload: { text: texts.get(`${r.level}:${r.unit}`)! },
        });
        if (written) enqueued++;
      }
    });
    return { enqueued, already: recipients.length - enqueued };
  }
}
