import type { TurnContext } from 'botbuilder-core';
import type { AttachmentRef, ResidentRef } from '../common/resident';
import type { DialogSessionEntity } from './dialog-session.entity';
import type { HandlerDeps } from './handlers/handler.types';

/** What one turn knows besides the activity, stashed in the botbuilder TurnContext for handlers. */
export interface TurnInfo {
  session: DialogSessionEntity;
  resident: ResidentRef;
  locale: string;
  attachments: AttachmentRef[];
  deps: HandlerDeps;
  /** The message's id when its channel may deliver it again (ConversationTurn.turnId). */
  turnId?: string;
}

const TURN_INFO = Symbol('minyi.turnInfo');

export function setTurnInfo(context: TurnContext, info: TurnInfo): void {
  context.turnState.set(TURN_INFO, info);
}

export function turnInfo(context: TurnContext): TurnInfo {
  const info = context.turnState.get(TURN_INFO) as TurnInfo | undefined;
  if (!info) throw new Error('turnInfo(): the turn was not started by ConversationService');
  return info;
}
