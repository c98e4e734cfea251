import { DataSource } from 'typeorm';
import { TurnPipeline } from '../../src/conversation/turn.pipeline';
import { ResidentTicketsService } from '../../src/tickets/resident/resident-tickets.service';
import { startTestApp, TestApp } from '../support/app';
import { describeEachEngine } from '../support/database';
import { describeConcern, FILING_STEPS, TICKET_NUMBER } from '../support/load-residents';

/** WeCom may hand minyi the same message again (a crash before it was marked done): one effect, same answer. */
describeEachEngine('a message handled twice', (engine) => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp(engine)));
  afterAll(async () => t.close());

  it('answers the same and does not move the dialog on when a turn comes again with the same id', async () => {
    const conversation = t.app.get(TurnPipeline);
    const user = 'redeliver-1';
    const say = (text: string, turnId: string) => conversation.handle({ channel: 'wecom_app', user, text, turnId });
    let replies: Awaited<ReturnType<typeof say>> = [];
    for (const [k, step] of FILING_STEPS.entries()) {
      replies = await say(step || describeConcern(1), `inbox:${k}`);
      // every message twice: the second answer repeats the first, and the walk still ends with one ticket
      expect(await say(step || describeConcern(1), `inbox:${k}`)).toEqual(replies);
    }
    expect(replies.map((r) => r.text).join('\n')).toMatch(TICKET_NUMBER);
    const n = await t.app.get(DataSource).query(`SELECT COUNT(*) AS n FROM ticket WHERE residentExternalId = ?`, [user]);
    expect(Number(n[0].n)).toBe(1);
  });

  it('files once for one source message, even when asked to file again', async () => {
    const tickets = t.app.get(ResidentTicketsService);
    const concern = {
      resident: { channel: 'wecom_app' as const, externalId: 'redeliver-2' },
      text: '路灯坏了一个多月，晚上很黑',
      anonymous: true,
      consent: true,
      sourceKey: 'inbox:999001',
    };
    const first = await tickets.fileConcern(concern);
    const again = await tickets.fileConcern(concern);
    expect(again.ticket.number).toBe(first.ticket.number);
    const other = await tickets.fileConcern({ ...concern, sourceKey: 'inbox:999002' });
    expect(other.ticket.number).not.toBe(first.ticket.number);
    const n = await t.app.get(DataSource).query(`SELECT COUNT(*) AS n FROM ticket WHERE residentExternalId = 'redeliver-2'`);
    expect(Number(n[0].n)).toBe(2);
  });
});
