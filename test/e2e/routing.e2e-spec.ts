import { Classifier, type Classification } from '../../src/classification/classifier';
import { parseLexicon } from '../../src/classification/lexicon';
import { whitespaceTokenizer } from '../../src/classification/tokenizer';
import { ClassificationService } from '../../src/classification/classification.service';
import { loadCorrections, recordSectorAnswer } from '../../src/tickets/lifecycle/corrections';
import { DataSource } from 'typeorm';
import { loadOrgConfig } from '../../src/org/org-config';
import { OrgService } from '../../src/org/org.service';
import { RoutingService } from '../../src/routing/routing.service';
import { ManualClock } from '../../src/common/clock';
import { startTestApp, TestApp } from '../support/app';
import { describeEachEngine } from '../support/database';

const confident = (sector: string): Classification => ({
  sector, confidence: 0.9, top3: [], keywords: [], bias: 0, otherContribution: 0, triage: false, reason: null,
  runnerUp: null, closeCall: false, truncated: false,
});

/** A hand-written two-sector lexicon with the triage thresholds the classifier applies. */
const lexicon = parseLexicon({
  version: 1,
  tokenizer: { hmm: false },
  features: { titleWeight: 1, phrases: false, normalise: false },
  training: null,
  calibration: { temperature: 1 },
  thresholds: { minConfidence: 0.6, minMargin: 0.3 },
  maxChars: 1000,
  sectors: {
    城乡建设: { bias: 0, curated: {}, keywords: { 物业: 3, 电梯: 2 } },
    环境保护: { bias: 0, curated: {}, keywords: { 污染: 3, 噪音: 2 } },
  },
});

describeEachEngine('routing', (engine) => {
  let t: TestApp;
  let org: OrgService;
  const config = loadOrgConfig();

  beforeAll(async () => {
    t = await startTestApp(engine, { clock: new ManualClock() });
    org = t.app.get(OrgService);
  });
  afterAll(() => t.close());

  it.each(config.sectors.map((s) => [s.name, s.code] as const))('routes %s to the committee covering it and that committee\'s studio', async (name, code) => {
    const routing = new RoutingService(org);
    const committee = config.committees.find((c) => c.sectors.includes(code))!;
    const studio = config.workstations.find((w) => w.committee === committee.code && w.kind === 'studio')!;
    const d = await routing.decide(confident(name), null, null);
    expect(d).toMatchObject({ triage: false, sector: { code, name }, committee: { code: committee.code }, workstation: { code: studio.code } });
    expect(d.reasons).toEqual([`sector:classifier:${code}:0.900`, `committee:${committee.code}`, `workstation:committee-default:${studio.code}`]);
    // and the studio serving the area wins over the committee's first studio when there is one
    for (const area of studio.areas) expect((await routing.decide(confident(name), area, null)).workstation.code).toBe(studio.code);
  });

  it('sends low-confidence and close-call messages to triage, confident ones to the studio (real classifier thresholds)', async () => {
    const routing = new RoutingService(org, new Classifier(lexicon, whitespaceTokenizer));
    const sure = await routing.route({ text: '物业 电梯 坏了', areaCode: 'xisha' });
    expect(sure).toMatchObject({ triage: false, sector: { code: 'urban' }, workstation: { code: 'ws-xisha' } });
    const close = await routing.route({ text: '物业 污染', areaCode: 'xisha' });
    expect(close.classification).toMatchObject({ triage: true, reason: 'low-confidence', confidence: 0.5 }); // below minConfidence 0.6
    expect(close).toMatchObject({ triage: true, sector: null, committee: null, workstation: { code: 'triage' } });
    expect(close.reasons[0]).toBe('triage:low-confidence:0.500');
    const none = await routing.route({ text: '你好 请问', areaCode: null });
    expect(none).toMatchObject({ triage: true, workstation: { code: 'triage' } });
    // the resident's choice wins over the classifier
    const chosen = await routing.route({ text: '物业 电梯 坏了', areaCode: 'daliuta', chosenSector: '劳动和社会保障' });
    expect(chosen).toMatchObject({ triage: false, sector: { code: 'labour' }, workstation: { code: 'ws-daliuta' } });
    expect(chosen.reasons).toContain('sector:chosen-by-resident:labour');
  });

  it('applies routing overrides for (sector, area) before the committee\'s studios', async () => {
    const routing = new RoutingService(org);
    const urbanXisha = await routing.decide(confident('城乡建设'), 'xisha', null);
    expect(urbanXisha).toMatchObject({ committee: { code: 'social' }, workstation: { code: 'ws-xisha' } });
    expect(urbanXisha.reasons).toContain('workstation:override:urban/xisha:ws-xisha');
    expect((await routing.decide(confident('城乡建设'), 'binhe', null)).workstation.code).toBe('ws-daliuta');
    expect((await routing.decide(confident('劳动和社会保障'), 'daliuta', null)).workstation.code).toBe('ws-daliuta');
    expect((await routing.decide(confident('劳动和社会保障'), 'binhe', null)).workstation.code).toBe('ws-xisha');
  });

  it('an unknown sector, or no classifier at all, goes to triage; the area is found in the text when not given', async () => {
    const routing = new RoutingService(org);
    expect((await routing.decide(confident('不存在的领域'), null, null)).workstation.code).toBe('triage');
    const d = await routing.route({ text: '大柳塔镇的路灯坏了', chosenSector: '交通运输' });
    expect(d.areaCode).toBe('daliuta');
    expect(d.reasons[0]).toBe('area:found-in-text:daliuta');
    expect((await routing.route({ text: '路灯坏了' })).workstation.code).toBe('triage');
  });

  it('asks the resident between two close sectors, routes the answer, and keeps it as a labelled example', async () => {
    const routing = new RoutingService(org, t.app.get(ClassificationService));
    const text = '路修好了公交车还是不来';
    const unsure = await routing.route({ text });
    expect(unsure.classification.closeCall).toBe(true);
    const pair = [unsure.question?.first.code, unsure.question?.second.code].sort();
    expect(pair).toEqual(['transport', 'urban']);
    expect(unsure.reasons).toContain(`question:close-call:${unsure.question?.first.code}/${unsure.question?.second.code}`);

    const answered = await routing.route({ text, chosenSector: '交通运输' });
    expect(answered).toMatchObject({ question: null, triage: false, sector: { code: 'transport' }, committee: { code: 'economy' } });

    const sure = await routing.route({ text: '县城到镇上的公交车一天只有两班，赶不上就得等一天' });
    expect(sure).toMatchObject({ question: null, sector: { code: 'transport' } });

    const db = t.app.get(DataSource);
    const before = await loadCorrections(db);
    await recordSectorAnswer(
      db,
      { ticketId: 4242, title: '', text, classifiedAs: unsure.classification.sector, chosen: '交通运输', residentId: 'web:resident-7' },
      new Date('2026-12-03T02:00:00Z'),
    );
    expect((await loadCorrections(db)).slice(before.length)).toEqual([{ label: '交通运输', title: '', text }]);
  });
});

