import { DataSource } from 'typeorm';
import { ManualClock } from '../../src/common/clock';
import { describeEachEngine } from '../support/database';
import { type Channel, webChannel, wecomAppChannel, wecomKfChannel } from '../support/typing/channels';
import { type ChannelRun, findingsMarkdown, runChannel } from '../support/typing/figures';
import { PromptReader } from '../support/typing/prompts';
import { lookUpStatus, runButtonResident } from '../support/typing/simulate';
import { startWecomApp } from '../support/wecom-app';

/**
 * Issue #12's targets, measured with 30 seeded residents who only type, per channel, on the real wire formats
 * (web API, signed WeCom app callbacks against the fake WeCom server, Customer Service with sync_msg/send_msg).
 * `npm run bench:typing` prints the same figures; test/support/typing/ holds the residents and the measuring.
 */
const RESIDENTS = 30;
const SEED = 20261203;
const BUTTON_TURNS_TODAY = 11;

describeEachEngine('residents who only type', (engine) => {
  let w: Awaited<ReturnType<typeof startWecomApp>>;
  let channels: Record<string, Channel>;
  let dataSource: DataSource;
  const runs = new Map<string, ChannelRun>();

  beforeAll(async () => {
    const clock = new ManualClock(new Date());
    w = await startWecomApp(engine, { clock });
    dataSource = w.t.app.get(DataSource);
    const target = { fake: w.fake, dataSource, post: w.post, clock };
    channels = { web: webChannel(w.t.url), wecom_app: wecomAppChannel(target), wecom_kf: wecomKfChannel(target, 'wkTEST01') };
  });
  afterAll(async () => w.close());

  /** Runs a channel's residents once; every target below reads the same run. */
  const run = async (name: string): Promise<ChannelRun> => {
    let r = runs.get(name);
    if (!r) {
      r = await runChannel(channels[name], dataSource, { seed: SEED, count: RESIDENTS, prefix: `e2e-${name}` });
      runs.set(name, r);
    }
    return r;
  };
  /** A target met, or its figure with what the residents typed and what the bot answered, in the failure. */
  const expectTarget = (r: ChannelRun, figure: Record<string, number | null>, met: boolean) =>
    expect({ figure, met, report: met ? '' : findingsMarkdown([r], `${r.figures.channel} [${engine}]`).slice(0, 6000) }).toEqual({ figure, met: true, report: '' });

  it('measures truly: a filing by buttons is found in the database, and its status by the documented command', async () => {
    const ctx = { reader: new PromptReader(), channel: channels.web, dataSource };
    const conversation = channels.web.open('e2e-control');
    const filed = await runButtonResident(ctx, conversation);
    expect(filed).not.toBeNull();
    expect(filed!.turns).toBeLessThanOrEqual(BUTTON_TURNS_TODAY);
    await expect(lookUpStatus(ctx, conversation, filed!.number, `查询 ${filed!.number}`)).resolves.toMatchObject({ found: true });
    // another resident asking for it, or a number that does not exist, does not count as found
    await expect(lookUpStatus(ctx, channels.web.open('e2e-control-other'), filed!.number, `查询 ${filed!.number}`)).resolves.toMatchObject({ found: false });
    await expect(lookUpStatus(ctx, conversation, filed!.number, '查询 SM20200101-9999')).resolves.toMatchObject({ found: false });
  });

  describe.each(['web', 'wecom_app', 'wecom_kf'])('%s', (name) => {
    it('every resident who filed finds the ticket in the database under their own id', async () => {
      const r = await run(name);
      const filed = r.results.filter((x) => x.filed);
      expect(filed.length).toBeGreaterThan(0);
      for (const x of filed) expect({ number: x.number, owned: x.owned }).toEqual({ number: x.number, owned: true });
      const numbers = filed.map((x) => x.number);
      expect(new Set(numbers).size).toBe(numbers.length);
    }, 240_000);

    it('at least 95 % of residents file a ticket', async () => {
      const r = await run(name);
      expectTarget(r, { filedShare: r.figures.filedShare }, r.figures.filedShare >= 0.95);
    }, 240_000);

    it('at most 0.2 misunderstood answers per resident', async () => {
      const r = await run(name);
      expectTarget(r, { misunderstoodPerResident: r.figures.misunderstoodPerResident }, r.figures.misunderstoodPerResident <= 0.2);
    }, 240_000);

    it('loses no draft', async () => {
      const r = await run(name);
      expectTarget(r, { draftsLost: r.figures.draftsLost }, r.figures.draftsLost === 0);
    }, 240_000);

    it('at least 95 % find their ticket and its state from a sentence', async () => {
      const r = await run(name);
      expectTarget(r, { statusFoundShare: r.figures.statusFoundShare }, r.figures.statusFoundShare >= 0.95);
    }, 240_000);

    it('a typed filing takes at most 2 turns more than a filing by buttons, which stays at 11 turns or fewer', async () => {
      const r = await run(name);
      const { buttonTurnsPerFiling, typedTurnsPerFilingMean } = r.figures;
      if (channels[name].hasButtons) {
        expect(buttonTurnsPerFiling).not.toBeNull();
        expect(buttonTurnsPerFiling).toBeLessThanOrEqual(BUTTON_TURNS_TODAY);
      }
      expect(typedTurnsPerFilingMean).not.toBeNull();
      expect(typedTurnsPerFilingMean).toBeLessThanOrEqual((buttonTurnsPerFiling ?? BUTTON_TURNS_TODAY) + 2);
    }, 240_000);
  });
});
