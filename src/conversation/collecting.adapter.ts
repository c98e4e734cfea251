import { Activity, ActivityTypes, BotAdapter, ConversationReference, ResourceResponse, TurnContext } from 'botbuilder-core';
import type { BotReply, QuickReply } from './conversation.types';

const TURN_REPLIES = Symbol('minyi.turnReplies');

/**
 * A botbuilder adapter without a transport: `open()` starts one turn and hands back the list that collects what
 * the bot sends during it. Channels decide how to deliver those replies (the web chat answers the HTTP request,
 * WeCom uses the outbox). No middleware is registered on it, so a turn needs no `runMiddleware` callback.
 */
export class CollectingAdapter extends BotAdapter {
  private sequence = 0;

  open(activity: Partial<Activity>): { context: TurnContext; replies: BotReply[] } {
    const context = new TurnContext(this, activity);
    const replies: BotReply[] = [];
    context.turnState.set(TURN_REPLIES, replies);
    return { context, replies };
  }

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const replies = context.turnState.get(TURN_REPLIES) as BotReply[] | undefined;
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      responses.push({ id: `r${++this.sequence}` });
      if (activity.type !== ActivityTypes.Message || !replies) continue;
      const reply: BotReply = { type: 'message', text: activity.text ?? '' };
      const quick = quickRepliesOf(activity);
      if (quick.length > 0) reply.quick_replies = quick;
      if (reply.text || quick.length > 0) replies.push(reply);
    }
    return responses;
  }

  async updateActivity(): Promise<void> {
    throw new Error('CollectingAdapter.updateActivity(): chat replies cannot be edited');
  }

  async deleteActivity(): Promise<void> {
    throw new Error('CollectingAdapter.deleteActivity(): chat replies cannot be deleted');
  }

  /** Proactive messages go through the outbox, never through this adapter. */
  async continueConversation(_reference: Partial<ConversationReference>): Promise<void> {
    throw new Error('CollectingAdapter.continueConversation(): use the outbox for messages outside a turn');
  }
}

/** Botkit puts quick replies in `channelData.quick_replies`; botbuilder in `suggestedActions`. */
function quickRepliesOf(activity: Partial<Activity>): QuickReply[] {
  const fromBotkit = (activity.channelData as { quick_replies?: QuickReply[] } | undefined)?.quick_replies;
  if (Array.isArray(fromBotkit)) return fromBotkit.map((q) => ({ title: String(q.title), payload: String(q.payload) }));
  const actions = activity.suggestedActions?.actions ?? [];
  return actions.map((a) => ({ title: String(a.title ?? a.value), payload: String(a.value ?? a.title) }));
}
