/**
 * The wire formats that name a ticket outside the server: console deep links, member-card button keys and the
 * resident's rating menu ids. Builder and parser live together so a link or id that is built can always be read
 * back (ticket-links.spec.ts round-trips each); the console's hash router reads the same deep-link form.
 */
import type { Rating } from './tickets.port';
import { RATINGS } from './ticket.types';

/** Ticket numbers as minyi writes them (SM20261128-0007); ids and links accept nothing else. */
const NUMBER = '[A-Z]{2}\\d{8}-\\d{4}';

export type TicketLinkAction = 'reroute';
const ACTIONS: readonly TicketLinkAction[] = ['reroute'];

export interface TicketLink {
  number: string;
  /** A move the page opens at once (the card's re-route button opens the re-route dialog). */
  action?: TicketLinkAction;
}

/** `#/ticket?number=<n>[&do=<action>]`: the console's route for one ticket. */
export function ticketHash(link: TicketLink): string {
  const query = new URLSearchParams({ number: link.number });
  if (link.action) query.set('do', link.action);
  return `#/ticket?${query.toString()}`;
}

/** The absolute console URL of a ticket, for link buttons on member cards. */
export function ticketUrl(publicUrl: string, link: TicketLink): string {
  return `${publicUrl.replace(/\/+$/, '')}/console${ticketHash(link)}`;
}

/** The ticket a console hash (or full URL ending in one) opens; null for any other route. */
export function parseTicketHash(value: string): TicketLink | null {
  const hash = value.slice(value.indexOf('#'));
  const m = /^#\/ticket\?(.*)$/.exec(hash);
  if (!value.includes('#') || !m) return null;
  const query = new URLSearchParams(m[1]);
  const number = query.get('number') ?? '';
  if (!new RegExp(`^${NUMBER}$`).test(number)) return null;
  const action = query.get('do');
  if (action === null) return { number };
  const known = ACTIONS.find((a) => a === action);
  return known ? { number, action: known } : null;
}

/**
 * Where to land after signing in: only a console hash route (`#/…` with URL-safe characters), so a crafted
 * `next` can never send the browser to another site or inject into the page; anything else is dropped.
 */
export function safeConsoleHash(next: unknown): string | null {
  if (typeof next !== 'string' || next.length > 300) return null;
  return /^#\/[A-Za-z0-9/_?=&%.~-]*$/.test(next) && !next.startsWith('#//') ? next : null;
}

/** The drop-down question on a member's ticket card whose choice is the way of working. */
export const WAY_QUESTION = 'way';

/** The take button on a member's ticket card. */
export function takeKey(number: string): string {
  return `ticket:take:${number}`;
}

export function parseTakeKey(key: string): string | null {
  return new RegExp(`^ticket:take:(${NUMBER})$`).exec(key)?.[1] ?? null;
}

/** One option of the rating menu sent with an answer (WeCom Customer Service msgmenu, web chat buttons). */
export function ratingId(number: string, rating: Rating): string {
  return `rate:${number}:${rating}`;
}

export function parseRatingId(id: string): { number: string; rating: Rating } | null {
  const m = new RegExp(`^rate:(${NUMBER}):([a-z_]+)$`).exec(id.trim());
  const rating = m && RATINGS.find((r) => r === m[2]);
  return m && rating ? { number: m[1], rating } : null;
}
