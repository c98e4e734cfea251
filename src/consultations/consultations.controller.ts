import { Controller, Get, HttpCode, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { ConsoleAuth, CurrentPrincipal } from '../auth/console-auth.decorator';
import type { Principal } from '../auth/principal';
import { ZodBody, ZodQuery } from '../common/zod-body';
import { UnitScope } from '../auth/unit-scope';
import { CalendarService, CalendarView } from './calendar.service';
import { ConsultationFigures, ConsultationFiguresService } from './consultation-figures';
import { ConsultationsService, ConsultationView } from './consultations.service';
import * as s from './consultations.schemas';
import type { DepartmentEntity } from './consultation.entities';
import { DepartmentsService } from './departments.service';
import { OutcomeService } from './outcome.service';
import { TopicsService, TopicView } from './topics.service';

/** Topics, consultations, minutes, agreed actions and their tracking, for every console role within its scope. */
@ApiTags('consultations')
@ConsoleAuth('member')
@Controller('api/member')
export class ConsultationsController {
  constructor(
    private readonly topics: TopicsService,
    private readonly consultations: ConsultationsService,
    private readonly outcomes: OutcomeService,
    private readonly departments: DepartmentsService,
    private readonly calendar: CalendarService,
    private readonly figures: ConsultationFiguresService,
    private readonly scope: UnitScope,
  ) {}

  @Post('topics')
  @ApiOperation({ summary: 'A topic from one or several tickets or a hot topic; the residents who raised or supported them come with it' })
  createTopic(@CurrentPrincipal() p: Principal, @ZodBody(s.topicSchema) body: z.infer<typeof s.topicSchema>): Promise<TopicView> {
    return this.topics.create(p, body);
  }

  @Get('topics')
  @ApiOperation({ summary: 'Topics in scope, newest first' })
  listTopics(@CurrentPrincipal() p: Principal): Promise<TopicView[]> {
    return this.topics.list(p);
  }

  @Get('topics/:id')
  getTopic(@CurrentPrincipal() p: Principal, @Param('id', ParseIntPipe) id: number): Promise<TopicView> {
    return this.topics.get(p, id);
  }

  @Post('topics/:id/select')
  @HttpCode(200)
  @ApiOperation({ summary: 'The studio takes up the topic with the kind of consultation and activity, and invites co-hosts' })
  select(@CurrentPrincipal() p: Principal, @Param('id', ParseIntPipe) id: number, @ZodBody(s.selectSchema) body: z.infer<typeof s.selectSchema>): Promise<TopicView> {
    return this.topics.select(p, id, body);
  }

  @Post('topics/:id/consultations')
  @ApiOperation({ summary: "Plan a consultation: members, departments, and the topic's residents invited in their chat" })
  plan(@CurrentPrincipal() p: Principal, @Param('id', ParseIntPipe) id: number, @ZodBody(s.consultationSchema) body: z.infer<typeof s.consultationSchema>): Promise<ConsultationView> {
    return this.consultations.create(p, id, body);
  }

  @Post('topics/:id/outcome')
  @HttpCode(200)
  @ApiOperation({ summary: 'Tell every resident of the topic the outcome in their chat and ask them to rate it' })
  outcome(@CurrentPrincipal() p: Principal, @Param('id', ParseIntPipe) id: number, @ZodBody(s.outcomeSchema) body: z.infer<typeof s.outcomeSchema>): Promise<TopicView> {
    return this.outcomes.tell(p, id, body.outcome);
  }

  @Get('consultations/calendar')
  @ApiOperation({ summary: "A studio's consultations and reception duty day by day" })
  async calendarOf(@CurrentPrincipal() p: Principal, @ZodQuery(s.calendarQuerySchema) q: z.infer<typeof s.calendarQuerySchema>): Promise<CalendarView> {
    return this.calendar.view(await this.scope.resolve(p, { workstation: q.workstation }), q.from, q.to);
  }

  @Get('consultations/figures')
  @ApiOperation({ summary: 'Consultations held, residents and departments taking part, actions on time, proposals adopted, in a unit and period' })
  async figuresOf(@CurrentPrincipal() p: Principal, @ZodQuery(s.figuresQuerySchema) q: z.infer<typeof s.figuresQuerySchema>): Promise<ConsultationFigures> {
    const unit = await this.scope.resolve(p, q);
    return this.figures.figures({ from: q.from, to: q.to, workstations: unit.workstations });
  }

  @Get('consultations/:id')
  getConsultation(@CurrentPrincipal() p: Principal, @Param('id', ParseIntPipe) id: number): Promise<ConsultationView> {
    return this.consultations.get(p, id);
  }

  @Post('consultations/:id/minutes')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record the minutes and the agreed actions (owner, what, deadline); each is registered and tracked' })
  minutes(@CurrentPrincipal() p: Principal, @Param('id', ParseIntPipe) id: number, @ZodBody(s.minutesSchema) body: z.infer<typeof s.minutesSchema>): Promise<ConsultationView> {
    return this.consultations.record(p, id, body);
  }

  @Post('consultations/:id/reschedule')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move a planned consultation: everyone invited is told in their chat, residents are asked again, the reminder follows' })
  reschedule(@CurrentPrincipal() p: Principal, @Param('id', ParseIntPipe) id: number, @ZodBody(s.rescheduleSchema) body: z.infer<typeof s.rescheduleSchema>): Promise<ConsultationView> {
    return this.consultations.reschedule(p, id, body);
  }

  @Post('consultations/:id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Call off a planned consultation: everyone invited who had not declined is told; no reminder is sent' })
  cancel(@CurrentPrincipal() p: Principal, @Param('id', ParseIntPipe) id: number, @ZodBody(s.cancelSchema) body: z.infer<typeof s.cancelSchema>): Promise<ConsultationView> {
    return this.consultations.cancel(p, id, body);
  }

  @Post('actions/:id/track')
  @HttpCode(200)
  @ApiOperation({ summary: 'Follow-up on an agreed action (progress), or close it with evidence (done: true)' })
  track(@CurrentPrincipal() p: Principal, @Param('id', ParseIntPipe) id: number, @ZodBody(s.trackSchema) body: z.infer<typeof s.trackSchema>): Promise<ConsultationView> {
    return this.consultations.track(p, id, body);
  }

  @Post('actions/:id/link')
  @HttpCode(200)
  @ApiOperation({ summary: "A one-time link for the owning department to report progress without a console account" })
  link(@CurrentPrincipal() p: Principal, @Param('id', ParseIntPipe) id: number): Promise<{ url: string }> {
    return this.consultations.link(p, id);
  }

  @Get('departments')
  @ApiOperation({ summary: 'The directory of departments (active ones)' })
  listDepartments(): Promise<DepartmentEntity[]> {
    return this.departments.list(true);
  }
}
