import { Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { Clock } from '../common/clock';
import { ConsoleAuth, CurrentPrincipal } from '../auth/console-auth.decorator';
import type { Principal } from '../auth/principal';
import { ZodBody } from '../common/zod-body';
import { BulletinSender, Recipient } from './bulletin-sender';
import { BulletinsService } from './bulletins.service';
import { UnitScope } from '../auth/unit-scope';
import type { ReportTargetEntity } from './report.entities';
import { ReportsRepository } from './reports.repository';
import * as s from './reports.schemas';
import { TargetsService } from './targets.service';

/** The office sets targets and bulletin recipients, and sends a bulletin now. */
@ApiTags('reports')
@ConsoleAuth('admin')
@Controller('api/admin/reports')
export class ReportsAdminController {
  constructor(
    private readonly targets: TargetsService,
    private readonly bulletins: BulletinsService,
    private readonly sender: BulletinSender,
    private readonly scope: UnitScope,
    private readonly repo: ReportsRepository,
    private readonly clock: Clock,
  ) {}

  @Put('targets')
  @ApiOperation({ summary: "Set a workstation's targets for a week or month (null clears a metric)" })
  async setTarget(@CurrentPrincipal() p: Principal, @ZodBody(s.targetSchema) body: z.infer<typeof s.targetSchema>): Promise<ReportTargetEntity> {
    await this.scope.unit('workstation', body.workstationCode);
    const period = this.bulletins.period(body.kind, body.period);
    return this.targets.save(body, period.key, p.userid);
  }

  @Get('recipients')
  @ApiOperation({ summary: 'Who receives bulletins: fixed ones from config/default.yaml and those set here' })
  recipients(): Promise<Recipient[]> {
    return this.sender.recipients();
  }

  @Put('recipients')
  @ApiOperation({ summary: 'Replace the bulletin recipients set in the console' })
  async setRecipients(@ZodBody(s.recipientsSchema) body: z.infer<typeof s.recipientsSchema>): Promise<Recipient[]> {
    for (const r of body.recipients) if (r.level !== 'city') await this.scope.unit(r.level, r.unit);
    await this.repo.replaceRecipients(body.recipients.map((r) => ({ userid: r.userid, level: r.level, unitCode: r.level === 'city' ? '' : r.unit })), this.clock.now());
    return this.sender.recipients();
  }

  @Post('bulletins/send')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a bulletin to every recipient now (default: the last completed period); never twice per period and recipient' })
  send(@ZodBody(s.sendSchema) body: z.infer<typeof s.sendSchema>): Promise<{ enqueued: number; already: number }> {
    return this.sender.send(this.bulletins.period(body.kind, body.period));
  }
}
