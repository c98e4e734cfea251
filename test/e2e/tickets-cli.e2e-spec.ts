import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ManualClock } from '../../src/common/clock';
import { aConcern, ticketsOf } from '../factories/ticket.factory';
import { startTestApp } from '../support/app';
import { describeEachEngine } from '../support/database';

const run = promisify(execFile);
const CLI = join(__dirname, '../../dist/cli.js');

describeEachEngine('tickets: CLI', (engine) => {
  it('lists tickets as JSON with their numbers and shows one with its events, oldest first', async () => {
    expect(existsSync(CLI)).toBe(true); // `npm test` builds dist first
    const t = await startTestApp(engine, { clock: new ManualClock(new Date('2026-12-01T01:00:00Z')) });
    const s = ticketsOf(t.app);
    const a = await s.resident.fileConcern(aConcern());
    const b = await s.resident.fileConcern(aConcern({ areaCode: 'xisha', chosenSector: '政法与社会治理' }));
    await s.lifecycle.take(b.ticket.number, 'wujing', { way: 'bridge', activity: 'micro_consultation' });
    await t.close({ keepDatabase: true });
    try {
      const env = { ...process.env, DATABASE_URL: t.db.url, LOG_LEVEL: 'silent' };
      const all = JSON.parse((await run('node', [CLI, 'tickets', 'list', '--json'], { env })).stdout) as Array<{ number: string; state: string }>;
      expect(all.map((x) => x.number)).toEqual([b.ticket.number, a.ticket.number]);
      const taken = JSON.parse((await run('node', [CLI, 'tickets', 'list', '--state', 'taken', '--json'], { env })).stdout) as Array<{ number: string }>;
      expect(taken.map((x) => x.number)).toEqual([b.ticket.number]);
      const ws = JSON.parse((await run('node', [CLI, 'tickets', 'list', '--workstation', 'ws-binhe', '--limit', '5', '--json'], { env })).stdout) as Array<{ number: string }>;
      expect(ws.map((x) => x.number)).toEqual([a.ticket.number]);
      const shown = JSON.parse((await run('node', [CLI, 'tickets', 'show', b.ticket.number, '--json'], { env })).stdout);
      expect(shown).toMatchObject({ number: b.ticket.number, state: 'taken', residentPhone: '139****5678' });
      expect(shown.events.map((e: { type: string }) => e.type)).toEqual(['created', 'routed', 'taken']);
      await expect(run('node', [CLI, 'tickets', 'show', 'SM20990101-0001', '--json'], { env })).rejects.toMatchObject({ code: 1 });
    } finally {
      await t.db.drop();
    }
  });
});
