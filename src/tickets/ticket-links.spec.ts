import { RATINGS } from './ticket.types';
import { parseRatingId, parseTakeKey, parseTicketHash, ratingId, safeConsoleHash, takeKey, ticketHash, ticketUrl } from './ticket-links';

describe('ticket wire formats', () => {
  const number = 'SM20261203-0042';

  it('reads back every console link it builds, with and without an action, behind any public URL', () => {
    for (const link of [{ number }, { number, action: 'reroute' as const }]) {
      expect(parseTicketHash(ticketHash(link))).toEqual(link);
      for (const base of ['https://minyi.example.cn', 'https://minyi.example.cn/', 'http://127.0.0.1:3000']) {
        const url = ticketUrl(base, link);
        expect(url.startsWith(`${base.replace(/\/$/, '')}/console#/ticket?`)).toBe(true);
        expect(parseTicketHash(url)).toEqual(link);
      }
    }
  });

  it('does not read other routes or unknown actions as a ticket link', () => {
    expect(parseTicketHash('#/tickets/SM20261203-0042')).toBeNull();
    expect(parseTicketHash('#/queue')).toBeNull();
    expect(parseTicketHash('#/ticket?number=SM20261203-0042&do=delete')).toBeNull();
    expect(parseTicketHash('#/ticket?number=<script>')).toBeNull();
    expect(parseTicketHash('/console/ticket?number=SM20261203-0042')).toBeNull();
  });

  it('keeps only console hash routes as the place to land after signing in', () => {
    expect(safeConsoleHash(ticketHash({ number, action: 'reroute' }))).toBe('#/ticket?number=SM20261203-0042&do=reroute');
    expect(safeConsoleHash('#/queue')).toBe('#/queue');
    for (const bad of ['https://evil.example/#/ticket', '//evil.example', '#//evil.example', '#/x"><img src=x>', 'javascript:alert(1)', '', 42, null]) {
      expect(safeConsoleHash(bad)).toBeNull();
    }
  });

  it('reads back the take key and every rating id, and nothing else', () => {
    expect(parseTakeKey(takeKey(number))).toBe(number);
    expect(parseTakeKey('ticket:take:')).toBeNull();
    for (const rating of RATINGS) expect(parseRatingId(ratingId(number, rating))).toEqual({ number, rating });
    expect(parseRatingId('rate:SM20261203-0042:great')).toBeNull();
    expect(parseRatingId('满意')).toBeNull();
    expect(parseRatingId(`rate:${number}`)).toBeNull();
  });
});
