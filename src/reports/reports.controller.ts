import { Controller, Get, HttpCode, Param, ParseIntPipe, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { ConsoleAuth, CurrentPrincipal } from '../auth/console-auth.decorator';
import type { Principal } from '../auth/principal';
import { ZodBody, ZodQuery } from '../common/zod-body';
import { I18nService } from '../i18n/i18n.service';
import { BulletinExport } from './bulletin-export';
import { Bulletin, BulletinsService } from './bulletins.service';
import { DashboardsService, DashboardView, OverdueItem, TopicView } from './dashboards.service';
import { UnitChoices, UnitScope } from '../auth/unit-scope';
import * as s from './reports.schemas';
import { SqmyDraft, SqmyReportsService, SqmyView } from './sqmy-reports.service';
import { TargetProgress, TargetsService } from './targets.service';

/**
 * Dashboards, bulletins, targets and social-conditions reports for every console role, each scoped: the office
 * sees the city, a committee head their committee, members and staff their workstation (403 beyond).
 */
@ApiTags('reports')
@ConsoleAuth('member')
@Controller('api/member/reports')
export class ReportsController {
  constructor(
    private readonly scope: UnitScope,
    private readonly dashboards: DashboardsService,
    private readonly bulletins: BulletinsService,
    private readonly exporter: BulletinExport,
    private readonly targets: TargetsService,
    private readonly sqmy: SqmyReportsService,
    private readonly i18n: I18nService,
  ) {}

  @Get('scopes')
  @ApiOperation({ summary: "The units the caller may report on: their own, and for the office or a committee head the ones below" })
  scopes(@CurrentPrincipal() p: Principal): Promise<UnitChoices> {
    return this.scope.choices(p);
  }

  @Get('dashboard')
  @ApiOperation({ summary: 'Figures of a unit (city, committee or workstation) with its drill-down, volumes by sector and area per period' })
  async dashboard(@CurrentPrincipal() p: Principal, @ZodQuery(s.dashboardQuerySchema) q: s.DashboardQuery): Promise<DashboardView> {
    return this.dashboards.dashboard(await this.scope.resolve(p, q), q.period, { from: q.from, to: q.to });
  }

  @Get('overdue')
  @ApiOperation({ summary: "Open tickets past a deadline in the unit, most overdue first" })
  async overdue(@CurrentPrincipal() p: Principal, @ZodQuery(s.unitQuerySchema) q: z.infer<typeof s.unitQuerySchema>): Promise<OverdueItem[]> {
    return this.dashboards.overdue(await this.scope.resolve(p, q));
  }

  @Get('hot-topics')
  @ApiOperation({ summary: 'Clusters of similar concerns in the unit (default: the last 30 days)' })
  async hotTopics(@CurrentPrincipal() p: Principal, @ZodQuery(s.topicsQuerySchema) q: z.infer<typeof s.topicsQuerySchema>): Promise<TopicView[]> {
    return this.dashboards.hotTopics(await this.scope.resolve(p, q), { from: q.from, to: q.to });
  }

  @Get('bulletin')
  @ApiOperation({ summary: 'A weekly or monthly bulletin of a unit: figures, ranking, overdue items, topics, targets, summary' })
  async bulletin(@CurrentPrincipal() p: Principal, @ZodQuery(s.bulletinQuerySchema) q: s.BulletinQuery): Promise<Bulletin> {
    return this.bulletins.build(await this.scope.resolve(p, q), this.bulletins.period(q.kind, q.period), this.i18n.resolveLocale(q.lang));
  }

  @Get('bulletin/export')
  @ApiOperation({ summary: "The bulletin's tickets and ranking as XLSX; residents' names and phones masked" })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async export(@CurrentPrincipal() p: Principal, @ZodQuery(s.bulletinQuerySchema) q: s.BulletinQuery, @Res() reply: FastifyReply): Promise<void> {
    const locale = this.i18n.resolveLocale(q.lang);
    const bulletin = await this.bulletins.build(await this.scope.resolve(p, q), this.bulletins.period(q.kind, q.period), locale);
    const body = await this.exporter.xlsx(bulletin, locale);
    const name = `minyi-${bulletin.kind}-${bulletin.unit.code ?? 'city'}-${bulletin.period.key}.xlsx`;
    void reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${name}"`)
      .header('cache-control', 'no-store')
      .send(body);
  }

  @Get('targets')
  @ApiOperation({ summary: "Targets of the unit's workstations for a week or month, with actual figures and progress" })
  async targetProgress(@CurrentPrincipal() p: Principal, @ZodQuery(s.targetsQuerySchema) q: z.infer<typeof s.targetsQuerySchema>): Promise<{ period: string; items: Array<TargetProgress & { name: string }> }> {
    const unit = await this.scope.resolve(p, q);
    const period = this.bulletins.period(q.kind, q.period ?? this.bulletins.currentKey(q.kind));
    return { period: period.key, items: await this.bulletins.targetProgress(unit, period) };
  }

  @Post('sqmy/draft')
  @HttpCode(200)
  @ApiOperation({ summary: 'A first draft of a social-conditions report from tickets in scope (not saved)' })
  draft(@CurrentPrincipal() p: Principal, @ZodBody(s.draftSchema) body: z.infer<typeof s.draftSchema>): Promise<SqmyDraft> {
    return this.sqmy.draft(p, body.tickets, this.i18n.resolveLocale(body.lang));
  }

  @Post('sqmy')
  @ApiOperation({ summary: 'Submit a social-conditions report to the committee and the office; linked tickets get an event' })
  submit(@CurrentPrincipal() p: Principal, @ZodBody(s.sqmySchema) body: z.infer<typeof s.sqmySchema>): Promise<SqmyView> {
    return this.sqmy.submit(p, body);
  }

  @Get('sqmy')
  @ApiOperation({ summary: 'Social-conditions reports in scope, newest first' })
  list(@CurrentPrincipal() p: Principal): Promise<SqmyView[]> {
    return this.sqmy.list(p);
  }

  @Get('sqmy/:id')
  @ApiOperation({ summary: 'One report with its tickets' })
  get(@CurrentPrincipal() p: Principal, @Param('id', ParseIntPipe) id: number): Promise<SqmyView> {
    return this.sqmy.get(p, id);
  }

  @Post('sqmy/:id/fate')
  @HttpCode(200)
  @ApiOperation({ summary: "Record a report's fate (adopted, forwarded, leader's instruction); the office or the committee head" })
  fate(@CurrentPrincipal() p: Principal, @Param('id', ParseIntPipe) id: number, @ZodBody(s.fateSchema) body: z.infer<typeof s.fateSchema>): Promise<SqmyView> {
    return this.sqmy.recordFate(p, id, body);
  }
}
