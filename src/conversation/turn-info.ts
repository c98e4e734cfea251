import type { TurnContext } from 'botbuilder-core';
import type { AttachmentRef, ResidentRef } from '../common/resident';
import type { DialogSessionEntity } from './dialog-session.entity';

/** The resident and session of one turn (data, no services), carried in the botbuilder TurnContext to handlers. */
export interface TurnInfo {
  session: DialogSessionEntity;
  resident: ResidentRef;
  locale: string;
  attachments: AttachmentRef[];
  /** The message's id when its channel may deliver it again (ConversationTurn.turnId). */
  turnId?: string;
}

const TURN_INFO = Symbol('minyi.turnInfo');

export function setTurnInfo(context: TurnContext, info: TurnInfo): void {
  context.turnState.set(TURN_INFO, info);
}

export function turnInfo(context: TurnContext): TurnInfo {
  const info = context.turnState.get(TURN_INFO) as TurnInfo | undefined;
  if (!info) throw new Error('turnInfo(): the turn was not started by TurnPipeline');
  return info;
}
