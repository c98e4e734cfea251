import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { ConsoleAuthRepository } from './console-auth.repository';

/** Records console actions (sign-ins, organisation edits) for the office. */
@Injectable()
export class ConsoleAuditService {
  constructor(
    private readonly repo: ConsoleAuthRepository,
    private readonly clock: Clock,
  ) {}

  async record(actorUserid: string | null, action: string, target: string | null, detail: Record<string, unknown> | null = null): Promise<void> {
    await this.repo.audit({ at: this.clock.now(), actorUserid, action, target, detail });
  }
}
