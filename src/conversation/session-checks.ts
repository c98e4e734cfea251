import { saysCommand } from './answers';
import type { ConversationSettings } from './conversation.settings';
import { DIALOG } from './dialog-ids';
import type { DialogRuntime } from './dialog.runtime';
import { resumeOptions, saveDraft, takeDraft } from './drafts';
import type { PipelineTurn } from './global-intents';
import type { HandlerPorts } from './handler-ports';
import { consultReplyIn } from './handlers/consult.handlers';
import { residentHandle } from '../common/resident-handle';

/**
 * What the session's standing decides before any word is read: a person answering (hand-off), a script that
 * changed under a conversation, a plain answer to an invitation sent meanwhile, a resident back after a long
 * silence. Returns whether the turn was taken; `GlobalIntents` comes next.
 */
export class SessionChecks {
  constructor(
    private readonly runtime: DialogRuntime,
    private readonly settings: ConversationSettings,
    private readonly ports: Pick<HandlerPorts, 'i18n' | 'clock' | 'handoff' | 'invitations'>,
  ) {}

  async handle(t: PipelineTurn): Promise<boolean> {
    const { text, active, info } = t;
    const { session } = info;
    const { i18n } = this.ports;
    const meta = session.meta;
    const now = this.ports.clock.now();

    if (session.handoffMember) {
      // Only the end words on their own: everything else is a message for the member, whatever it contains.
      if (!t.understanding.saysExactly(text, i18n.words('commands.end_handoff'))) {
        // A person answers now; the bot stays silent and only passes the message on.
        if (text || info.attachments.length) await this.forward(t, session.handoffMember);
        return true;
      }
      session.handoffMember = null;
      await t.say('handoff.ended');
      if (meta.draft) await t.say('system.draft_waiting');
      await t.restart(DIALOG.MENU, { thread: 'options' });
      return true;
    }
    if (active && active.values._v !== this.runtime.version(active.id)) {
      await t.say('system.script_updated');
      // The answers given so far carry over to the new version of the filing dialog.
      if (saveDraft(session, active, now) && this.runtime.has(active.id)) await t.restart(active.id, resumeOptions(takeDraft(session)!));
      else await t.restart(active.id);
      return true;
    }
    const idle = !active || active.id === DIALOG.MENU || (!!session.lastSeenAt && now.getTime() - new Date(session.lastSeenAt).getTime() > this.settings.resumeAfterMs);
    if (idle && !meta.pendingResume) {
      // A plain answer to a consultation invitation or an outcome's rating request sent meanwhile, while one is awaited.
      const reply = consultReplyIn(text, i18n);
      if (reply) {
        const awaiting = await this.ports.invitations.awaiting(info.resident);
        if (reply.kind === 'invitation' ? awaiting.invitation : awaiting.outcome) {
          await t.restart(DIALOG.CONSULT_REPLY, { said: text });
          return true;
        }
      }
    }
    if (meta.pendingResume) {
      meta.pendingResume = false;
      if (t.heard.intent === 'resume' || saysCommand(i18n, 'commands.resume_continue', text)) {
        await t.resend(meta.lastPrompt);
        return true;
      }
      if (saysCommand(i18n, 'commands.resume_restart', text) && active) {
        await t.restart(active.id);
        return true;
      }
    } else if (active && session.lastSeenAt && now.getTime() - new Date(session.lastSeenAt).getTime() > this.settings.resumeAfterMs) {
      meta.pendingResume = true;
      const button = (key: string) => ({ title: i18n.t(key, {}, info.locale), payload: i18n.t(key, {}, info.locale) });
      await t.say('system.resume_offer', {}, [button('system.resume_continue_btn'), button('system.resume_restart_btn')]);
      return true;
    }
    return false;
  }

  /** While a member handles the conversation, the resident's messages go to them through the outbox. */
  private async forward(t: PipelineTurn, member: string): Promise<void> {
    const { i18n } = this.ports;
    const { info, text } = t;
    const body = text || i18n.t('handoff.attachment', { count: info.attachments.length });
    const forwarded = i18n.t('handoff.forward', { resident: residentHandle(info.resident.channel, info.resident.externalId), text: body });
    await this.ports.handoff.forward({ sessionKey: info.session.key, member, text: forwarded, at: this.ports.clock.now() });
  }
}
