import { Controller, Get, HttpCode, Param, ParseIntPipe, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { ConsoleAuth, CurrentPrincipal } from '../../auth/console-auth.decorator';
import type { Principal } from '../../auth/principal';
import { ZodBody, ZodQuery } from '../../common/zod-body';
import * as s from './member-tickets.schemas';
import { MemberTicketsService, QueueItem, TicketOptions, TicketView } from './member-tickets.service';
import { TicketDispositionService } from '../lifecycle/ticket-disposition.service';
import { TicketLifecycleService } from '../lifecycle/ticket-lifecycle.service';
import { TicketRerouteService } from '../lifecycle/ticket-reroute.service';

/** Members' queues and tickets in the console; every route answers 404 for a ticket outside the caller's scope. */
@ApiTags('member')
@ConsoleAuth('member')
@Controller('api/member')
export class MemberTicketsController {
  constructor(
    private readonly tickets: MemberTicketsService,
    private readonly lifecycle: TicketLifecycleService,
    private readonly disposition: TicketDispositionService,
    private readonly rerouting: TicketRerouteService,
  ) {}

  @Get('queue')
  @ApiOperation({ summary: "Open tickets of the caller's workstations, nearest deadline first; resident contact masked" })
  queue(@CurrentPrincipal() p: Principal, @ZodQuery(s.queueQuerySchema) q: s.QueueQuery): Promise<QueueItem[]> {
    return this.tickets.queue(p, q);
  }

  @Get('tickets')
  @ApiOperation({ summary: "Tickets of the caller's workstations in every state, newest first" })
  list(@CurrentPrincipal() p: Principal, @ZodQuery(s.queueQuerySchema) q: s.QueueQuery): Promise<QueueItem[]> {
    return this.tickets.queue(p, q, true);
  }

  @Get('mine')
  @ApiOperation({ summary: 'Tickets the caller has taken and not yet closed, nearest deadline first' })
  mine(@CurrentPrincipal() p: Principal, @ZodQuery(s.queueQuerySchema) q: s.QueueQuery): Promise<QueueItem[]> {
    return this.tickets.queue(p, { ...q, mine: true });
  }

  @Get('ticket-options')
  @ApiOperation({ summary: 'Sectors, areas, committees and workstations for filters and re-routing' })
  options(): Promise<TicketOptions> {
    return this.tickets.options();
  }

  @Get('tickets/:number')
  @ApiOperation({ summary: "A ticket with its timeline, notes and deciding keywords; the resident's contact whole only for the assignee" })
  show(@CurrentPrincipal() p: Principal, @Param('number') number: string): Promise<TicketView> {
    return this.tickets.show(p, number);
  }

  @Get('tickets/:number/attachments/:index')
  @ApiOperation({ summary: "A photo or file the resident sent, as stored (WeCom media is copied on arrival)" })
  async attachment(@CurrentPrincipal() p: Principal, @Param('number') number: string, @Param('index', ParseIntPipe) index: number, @Res() reply: FastifyReply): Promise<void> {
    const media = await this.tickets.attachment(p, number, index);
    // Served as the stored type and never sniffed into HTML: a resident's upload must not run in the console.
    await reply
      .header('content-type', media.contentType)
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('cache-control', 'private, max-age=3600')
      .header('content-disposition', media.contentType.startsWith('image/') ? 'inline' : 'attachment')
      .send(Buffer.from(media.dataBase64, 'base64'));
  }

  @Post('tickets/:number/take')
  @HttpCode(200)
  @ApiOperation({ summary: 'Take with a way of working and an activity; 409 ALREADY_TAKEN names the assignee' })
  take(@CurrentPrincipal() p: Principal, @Param('number') number: string, @ZodBody(s.takeSchema) body: z.infer<typeof s.takeSchema>): Promise<TicketView> {
    return this.tickets.act(p, number, (userid) => this.lifecycle.take(number, userid, body));
  }

  @Post('tickets/:number/note')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record work; the first note starts the work' })
  note(@CurrentPrincipal() p: Principal, @Param('number') number: string, @ZodBody(s.noteSchema) body: z.infer<typeof s.noteSchema>): Promise<TicketView> {
    return this.tickets.act(p, number, (userid) => this.lifecycle.addNote(number, userid, body));
  }

  @Post('tickets/:number/answer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Answer the resident; only the assignee' })
  answer(@CurrentPrincipal() p: Principal, @Param('number') number: string, @ZodBody(s.answerSchema) body: z.infer<typeof s.answerSchema>): Promise<TicketView> {
    return this.tickets.act(p, number, (userid) => this.lifecycle.answer(number, userid, body));
  }

  @Post('tickets/:number/close')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close with an outcome; before an answer only not_accepted with a reason' })
  close(@CurrentPrincipal() p: Principal, @Param('number') number: string, @ZodBody(s.closeSchema) body: z.infer<typeof s.closeSchema>): Promise<TicketView> {
    return this.tickets.act(p, number, (userid) => this.disposition.close(number, userid, body));
  }

  @Post('tickets/:number/extend')
  @HttpCode(200)
  @ApiOperation({ summary: 'Extend the answer deadline, with a reason' })
  extend(@CurrentPrincipal() p: Principal, @Param('number') number: string, @ZodBody(s.reasonSchema) body: z.infer<typeof s.reasonSchema>): Promise<TicketView> {
    return this.tickets.act(p, number, (userid) => this.lifecycle.extend(number, userid, body.reason));
  }

  @Post('tickets/:number/reroute')
  @HttpCode(200)
  @ApiOperation({ summary: 'Re-route an untaken ticket to a workstation, committee or sector' })
  reroute(@CurrentPrincipal() p: Principal, @Param('number') number: string, @ZodBody(s.rerouteSchema) body: z.infer<typeof s.rerouteSchema>): Promise<TicketView> {
    return this.tickets.act(p, number, (userid) => this.rerouting.reroute(number, userid, body));
  }

  @Post('tickets/:number/merge')
  @HttpCode(200)
  @ApiOperation({ summary: 'Merge an open ticket into another open one the caller can see: its resident becomes a supporter there' })
  async merge(@CurrentPrincipal() p: Principal, @Param('number') number: string, @ZodBody(s.mergeSchema) body: z.infer<typeof s.mergeSchema>): Promise<TicketView> {
    await this.tickets.show(p, body.into);
    return this.tickets.act(p, number, (userid) => this.disposition.merge(number, userid, body.into, body.reason));
  }

  @Post('tickets/:number/cohandlers')
  @HttpCode(200)
  @ApiOperation({ summary: 'Ask another studio to co-handle a taken ticket; its members see it and are told' })
  addCohandler(@CurrentPrincipal() p: Principal, @Param('number') number: string, @ZodBody(s.cohandlerSchema) body: z.infer<typeof s.cohandlerSchema>): Promise<TicketView> {
    return this.tickets.act(p, number, (userid) => this.lifecycle.addCoHandler(number, userid, body));
  }

  @Post('tickets/:number/return')
  @HttpCode(200)
  @ApiOperation({ summary: "Return a taken ticket to the office's triage queue, with a reason" })
  giveBack(@CurrentPrincipal() p: Principal, @Param('number') number: string, @ZodBody(s.reasonSchema) body: z.infer<typeof s.reasonSchema>): Promise<TicketView> {
    return this.tickets.act(p, number, (userid) => this.disposition.returnToTriage(number, userid, body.reason));
  }
}
