import { maskName } from '../../common/privacy';
import { residentHandle } from '../../common/resident-handle';
import { sessionWorkstation } from './common.handlers';
import { handler } from './handler.types';

export const handoffHandlers = {
  /** Tells the studio's duty member (outbox) and hands the conversation to them until the resident ends it. */
  startHandoff: handler(async (ctx) => {
    const ws = await sessionWorkstation(ctx);
    const now = ctx.ports.clock.now();
    const member = ws ? await ctx.ports.handoff.dutyMember(ws.code, now) : null;
    if (!ws || !member) {
      await ctx.say('handoff.unavailable');
      return ctx.stop();
    }
    const notice = ctx.ports.i18n.t('handoff.member_notice', { resident: residentHandle(ctx.resident.channel, ctx.resident.externalId), channel: ctx.resident.channel, workstation: ws.name });
    await ctx.ports.handoff.begin({ sessionKey: ctx.session.key, resident: ctx.resident, member: member.userid, notice, at: now });
    ctx.session.workstationCode = ws.code;
    ctx.session.handoffMember = member.userid;
    await ctx.say('handoff.started', { member: maskName(member.name), workstation: ws.name });
    await ctx.stop();
  }),
};
