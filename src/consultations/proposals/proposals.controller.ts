import { Controller, Get, HttpCode, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { ConsoleAuth, CurrentPrincipal } from '../../auth/console-auth.decorator';
import type { Principal } from '../../auth/principal';
import { ZodBody } from '../../common/zod-body';
import * as s from '../consultations.schemas';
import { ProposalsService, ProposalView } from './proposals.service';

/** Proposals: a member converts a consultation into one; the office registers it and records the reply. */
@ApiTags('proposals')
@ConsoleAuth('member')
@Controller('api/member/proposals')
export class ProposalsController {
  constructor(private readonly proposals: ProposalsService) {}

  @Post()
  @ApiOperation({ summary: 'Submit a proposal (title, reasons, suggestions, co-signers), usually from a consultation' })
  create(@CurrentPrincipal() p: Principal, @ZodBody(s.proposalSchema) body: z.infer<typeof s.proposalSchema>): Promise<ProposalView> {
    return this.proposals.create(p, body);
  }

  @Get()
  list(@CurrentPrincipal() p: Principal): Promise<ProposalView[]> {
    return this.proposals.list(p);
  }

  @Get(':id')
  get(@CurrentPrincipal() p: Principal, @Param('id', ParseIntPipe) id: number): Promise<ProposalView> {
    return this.proposals.get(p, id);
  }

  @Post(':id/register')
  @HttpCode(200)
  @ApiOperation({ summary: 'The office registers the proposal: number, handling department, reply deadline; tracking starts' })
  register(@CurrentPrincipal() p: Principal, @Param('id', ParseIntPipe) id: number, @ZodBody(s.registerSchema) body: z.infer<typeof s.registerSchema>): Promise<ProposalView> {
    return this.proposals.register(p, id, body);
  }

  @Post(':id/reply')
  @HttpCode(200)
  @ApiOperation({ summary: "The office records the department's reply" })
  reply(@CurrentPrincipal() p: Principal, @Param('id', ParseIntPipe) id: number, @ZodBody(s.replySchema) body: z.infer<typeof s.replySchema>): Promise<ProposalView> {
    return this.proposals.reply(p, id, body.reply);
  }

  @Post(':id/satisfaction')
  @HttpCode(200)
  @ApiOperation({ summary: "The sponsor's satisfaction with the reply" })
  satisfaction(@CurrentPrincipal() p: Principal, @Param('id', ParseIntPipe) id: number, @ZodBody(s.satisfactionSchema) body: z.infer<typeof s.satisfactionSchema>): Promise<ProposalView> {
    return this.proposals.satisfaction(p, id, body.satisfaction);
  }
}
