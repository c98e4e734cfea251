import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { AppException } from '../../common/app.exception';
import { ZodBody } from '../../common/zod-body';
import { ConsultationsService } from '../consultations.service';
import * as s from '../consultations.schemas';
import { DepartmentTask, TrackingService } from '../tracking.service';
import { ProposalsService } from './proposals.service';

/**
 * Departments without a console account report through a one-time link: read the task, then report progress
 * or completion (an action's evidence, a proposal's reply) once. Outside /api/member, so no session is needed.
 */
@ApiTags('departments')
@Controller('api/department')
export class DepartmentLinkController {
  constructor(
    private readonly tracking: TrackingService,
    private readonly consultations: ConsultationsService,
    private readonly proposals: ProposalsService,
  ) {}

  @Get('task')
  @ApiOperation({ summary: 'What the link is about: the action or proposal, its deadline and its record so far' })
  async task(@Query('token') token: string): Promise<DepartmentTask> {
    const task = await this.tracking.task(token ?? '');
    if (!task) throw new AppException('NOT_FOUND', 'this link is unknown, used or expired; ask the studio for a new one');
    return task;
  }

  @Post('report')
  @HttpCode(200)
  @ApiOperation({ summary: 'Report progress, or done (evidence or reply), once per link' })
  async report(@ZodBody(s.departmentReportSchema) body: z.infer<typeof s.departmentReportSchema>): Promise<{ ok: true }> {
    await this.tracking.report(body.token, body, (em, item, author, text) =>
      item.subject === 'action' ? this.consultations.completeAction(em, item, author, text) : this.proposals.completeProposal(em, item, author, text));
    return { ok: true };
  }
}
