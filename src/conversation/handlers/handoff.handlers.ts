import { maskName } from '../../common/privacy';
import { residentHandle } from '../../common/resident-handle';
import { sessionWorkstation } from './common.handlers';
import { handler } from './handler.types';

export const handoffHandlers = {
  /** Tells the studio's duty member (outbox) and hands the conversation to them until the resident ends it. */
  startHandoff: handler(async (ctx) => {
    const ws = await sessionWorkstation(ctx);
    const now = ctx.deps.clock.now();
    const member = ws ? await ctx.deps.org.dutyMember(ws.code, now) : null;
    if (!ws || !member) {
      await ctx.say('handoff.unavailable');
      return ctx.stop();
    }
    await ctx.deps.dataSource.transaction(async (em) => {
      await ctx.deps.outbox.enqueue(em, {
        idempotencyKey: `handoff:${ctx.session.key}:${now.getTime()}`,
        channel: 'wecom_app',
        recipient: member.userid,
        kind: 'text',
        payload: { text: ctx.deps.i18n.t('handoff.member_notice', { resident: residentHandle(ctx.resident.channel, ctx.resident.externalId), channel: ctx.resident.channel, workstation: ws.name }) },
      });
      // A WeChat resident is handed over inside Customer Service too, so the member can answer in WeCom itself.
      if (ctx.resident.channel === 'wecom_kf' && ctx.resident.openKfId) {
        await ctx.deps.outbox.enqueue(em, {
          idempotencyKey: `handoff:${ctx.session.key}:${now.getTime()}:kf`,
          channel: 'wecom_kf',
          recipient: ctx.resident.externalId,
          openKfId: ctx.resident.openKfId,
          kind: 'kf_transfer',
          payload: { servicer: member.userid },
        });
      }
    });
    ctx.session.workstationCode = ws.code;
    ctx.session.handoffMember = member.userid;
    await ctx.say('handoff.started', { member: maskName(member.name), workstation: ws.name });
    await ctx.stop();
  }),
};
