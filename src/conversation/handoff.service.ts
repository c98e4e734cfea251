import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { OrgService } from '../org/org.service';
import type { MemberEntity } from '../org/member.entity';
import { OutboxService } from '../outbox/outbox.service';
import type { ResidentRef } from '../common/resident';
import type { HandoffPort } from './handler-ports';

/** The hand-off to a person, written to the outbox: the member's notice, the kf transfer, forwarded messages. */
@Injectable()
export class HandoffService implements HandoffPort {
  constructor(
    private readonly org: OrgService,
    private readonly outbox: OutboxService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  dutyMember(workstationCode: string, at: Date): Promise<MemberEntity | null> {
    return this.org.dutyMember(workstationCode, at);
  }

  async begin(h: { sessionKey: string; resident: ResidentRef; member: string; notice: string; at: Date }): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      await this.outbox.enqueue(em, {
        idempotencyKey: `handoff:${h.sessionKey}:${h.at.getTime()}`,
        channel: 'wecom_app',
        recipient: h.member,
        kind: 'text',
        payload: { text: h.notice },
      });
      // A WeChat resident is handed over inside Customer Service too, so the member can answer in WeCom itself.
      if (h.resident.channel === 'wecom_kf' && h.resident.openKfId) {
        await this.outbox.enqueue(em, {
          idempotencyKey: `handoff:${h.sessionKey}:${h.at.getTime()}:kf`,
          channel: 'wecom_kf',
          recipient: h.resident.externalId,
          openKfId: h.resident.openKfId,
          kind: 'kf_transfer',
          payload: { servicer: h.member },
        });
      }
    });
  }

  async forward(m: { sessionKey: string; member: string; text: string; at: Date }): Promise<void> {
    await this.dataSource.transaction((em) =>
      this.outbox.enqueue(em, {
        // Two messages may arrive in the same millisecond; each is its own outbox row.
        idempotencyKey: `handoff:${m.sessionKey}:${m.at.getTime()}:${randomBytes(4).toString('hex')}`,
        channel: 'wecom_app',
        recipient: m.member,
        kind: 'text',
        payload: { text: m.text },
      }),
    );
  }
}
