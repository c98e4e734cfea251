import { DataSource } from 'typeorm';
import { TicketLifecycleService } from '../../../src/tickets/lifecycle/ticket-lifecycle.service';
import { ACTIVITIES, WAYS_OF_WORKING } from '../../../src/tickets/ticket.types';
import type { TestApp } from '../../support/app';

/** The ticket's row as stored, by its number. */
export async function ticketRow(t: TestApp, number: string): Promise<Record<string, unknown>> {
  return ((await t.app.get(DataSource).query('SELECT * FROM ticket WHERE number = ?', [number])) as Array<Record<string, unknown>>)[0];
}

/** A member of the ticket's studio takes it and answers it, so the resident can rate it. */
export async function answerTicket(t: TestApp, number: string, reply = '已联系供电所，路灯已于本周修复。'): Promise<void> {
  const ds = t.app.get(DataSource);
  const [ticket] = (await ds.query('SELECT workstationCode FROM ticket WHERE number = ?', [number])) as Array<{ workstationCode: string }>;
  const [member] = (await ds.query('SELECT userid FROM member WHERE workstationCode = ? AND active = ? ORDER BY userid', [ticket.workstationCode, true])) as Array<{ userid: string }>;
  const lifecycle = t.app.get(TicketLifecycleService);
  await lifecycle.take(number, member.userid, { way: WAYS_OF_WORKING[0], activity: ACTIVITIES[0] });
  await lifecycle.answer(number, member.userid, { reply });
}
