import type { Rating, TicketStateName } from './tickets.port';

/** Codes in code, labels in locales (`tickets.way.*`, `tickets.activity.*`, `tickets.outcome.*`). */
export const WAYS_OF_WORKING = ['bridge', 'expert', 'welfare'] as const;
export type WayOfWorking = (typeof WAYS_OF_WORKING)[number];

export const ACTIVITIES = ['micro_consultation', 'micro_research', 'micro_inspection', 'micro_welfare'] as const;
export type Activity = (typeof ACTIVITIES)[number];

export const OUTCOMES = ['resolved', 'referred', 'proposal', 'sqmy_report', 'not_accepted'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const PRIORITIES = ['normal', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const NOTE_KINDS = ['note', 'department_contacted', 'consultation', 'reply', 'addition'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

export const RATINGS: readonly Rating[] = ['satisfied', 'basically_satisfied', 'not_satisfied'];

export type TicketState = TicketStateName;
export const OPEN_STATES: readonly TicketState[] = ['submitted', 'taken', 'in_progress'];

export type EventType =
  | 'created'
  | 'routed'
  | 'taken'
  | 'started'
  | 'note_added'
  | 'information_added'
  | 'answered'
  | 'closed'
  | 'returned'
  | 'rerouted'
  | 'merged'
  | 'merge_received'
  | 'extended'
  | 'reopened'
  | 'rated'
  | 'cohandler_added'
  | 'supported'
  | 'reminded'
  | 'supervised'
  // A social-conditions report speaks for the ticket (src/reports/), and what became of it.
  | 'sqmy_submitted'
  | 'sqmy_adopted'
  | 'sqmy_forwarded'
  | 'sqmy_instructed'
  // Consultations and proposals (src/consultations/, src/proposals/): each step of the loop on every linked ticket.
  | 'topic_created'
  | 'topic_selected'
  | 'consultation_planned'
  | 'consultation_rescheduled'
  | 'consultation_cancelled'
  | 'invitation_answered'
  | 'consultation_held'
  | 'action_done'
  | 'action_escalated'
  | 'proposal_submitted'
  | 'proposal_registered'
  | 'proposal_replied'
  | 'proposal_escalated'
  | 'proposal_rated'
  | 'outcome_told'
  | 'outcome_rated';

/** Who did something: a member (WeCom userid), the resident who filed, or minyi itself (jobs). */
export type Actor = { kind: 'member'; userid: string } | { kind: 'resident' } | { kind: 'system' };

export const SYSTEM: Actor = { kind: 'system' };
export const RESIDENT: Actor = { kind: 'resident' };
export const member = (userid: string): Actor => ({ kind: 'member', userid });

/** A JSON value stored in audit rows. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
