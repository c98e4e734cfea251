import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import { ClassificationCorrectionEntity } from '../../src/tickets/ticket-parts.entity';
import { startTestApp, TestApp } from '../support/app';
import { createTestDatabase, describeEachEngine } from '../support/database';
import { waitFor } from '../support/wait';
import { call, Session, signInAs } from './console.support';

interface TestResult { sector: string | null; committee: string | null; confidence: number; keywords: Array<{ word: string; weight: number }> }
interface Row { word: string; weight: number; learned: number | null; override: number | null }
interface Candidate { id: number; status: string; evaluation: { examples: number; heldOut: number; fromCsv: number; current: { macroF1: number; accuracy: number }; candidate: { macroF1: number; accuracy: number } } }

const LAMP = '小区门口的路灯坏了一个月，晚上很黑';

/** A small labelled CSV: three sectors, a dozen messages each, built from distinct sentence parts. */
function trainingCsv(): string {
  const parts: Record<string, string[]> = {
    城乡建设: ['路灯不亮', '小区物业不管', '楼道漏水', '房屋开裂'],
    教育文体: ['学校收费', '老师补课', '幼儿园入学', '校车拥挤'],
    卫生计生: ['医院排队', '医生态度', '药价太贵', '疫苗预约'],
  };
  const rows = ['id,label,title,text'];
  let id = 0;
  for (const [label, words] of Object.entries(parts)) {
    for (let i = 0; i < 12; i++) rows.push(`${++id},${label},${words[i % 4]},${words[i % 4]}的问题，${words[(i + 1) % 4]}也要解决 ${i}`);
  }
  return rows.join('\n');
}

describeEachEngine('console lexicon API', (engine) => {
  let t: TestApp;
  let admin: Session;
  const as = (s: Session) => ({ cookie: s.cookie, csrf: s.csrf });
  const send = (method: string, path: string, body?: unknown, s = admin, app = t) => call(app.url, path, { method, body, ...as(s) });
  const classify = async (text: string, s = admin, app = t) => (await send('POST', '/api/admin/lexicon/test', { text }, s, app)).json as TestResult;

  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await signInAs(t, 'office01');
  });
  afterAll(async () => t?.close());

  it('lists sectors and pages a sector\'s words, searchable', async () => {
    const { sectors } = (await send('GET', '/api/admin/lexicon/sectors')).json as { sectors: Array<{ name: string; keywords: number }> };
    expect(sectors.find((s) => s.name === '城乡建设')!.keywords).toBeGreaterThan(1000);
    const page = (await send('GET', `/api/admin/lexicon/sectors/${encodeURIComponent('城乡建设')}/keywords?page=2&size=20`)).json as { total: number; items: Row[] };
    expect(page.items).toHaveLength(20);
    expect(page.items[0].weight).toBeGreaterThanOrEqual(page.items[19].weight);
    const found = (await send('GET', `/api/admin/lexicon/sectors/${encodeURIComponent('城乡建设')}/keywords?q=${encodeURIComponent('路灯')}`)).json as { items: Row[] };
    expect(found.items.map((r) => r.word)).toContain('路灯');
    expect((await send('GET', '/api/admin/lexicon/sectors/nosuch/keywords')).status).toBe(404);
  });

  it('a keyword boost changes a classification at once, on this and on another instance', async () => {
    const before = await classify(LAMP);
    expect(before.sector).toBe('城乡建设');
    expect(before.committee).toEqual(expect.any(String));
    expect(before.keywords.map((k) => k.word)).toContain('路灯');

    const db = await createTestDatabase(engine);
    const a = await startTestApp(engine, { db });
    const b = await startTestApp(engine, { db });
    try {
      const [sa, sb] = [await signInAs(a, 'office01'), await signInAs(b, 'office01')];
      expect((await classify(LAMP, sb, b)).sector).toBe('城乡建设');
      const boosted = await send('PUT', `/api/admin/lexicon/sectors/${encodeURIComponent('交通运输')}/keywords/${encodeURIComponent('路灯')}`, { weight: 8 }, sa, a);
      expect(boosted.json).toMatchObject({ word: '路灯', weight: 8, override: 8 });
      expect((await classify(LAMP, sa, a)).sector).toBe('交通运输');
      await waitFor(async () => (await classify(LAMP, sb, b)).sector === '交通运输', 8000, 'instance b picks up the override');

      // Removing the word from the new sector and resetting brings the old result back.
      expect((await send('DELETE', `/api/admin/lexicon/sectors/${encodeURIComponent('交通运输')}/keywords/${encodeURIComponent('路灯')}`, undefined, sa, a)).json).toMatchObject({ weight: 0 });
      expect((await classify(LAMP, sa, a)).sector).toBe('城乡建设');
      await send('DELETE', `/api/admin/lexicon/sectors/${encodeURIComponent('交通运输')}/overrides/${encodeURIComponent('路灯')}`, undefined, sa, a);
      const page = (await send('GET', `/api/admin/lexicon/sectors/${encodeURIComponent('交通运输')}/keywords?q=${encodeURIComponent('路灯')}`, undefined, sa, a)).json as { items: Row[] };
      expect(page.items.find((r) => r.word === '路灯')).toMatchObject({ override: null, learned: expect.any(Number) });
    } finally {
      await a.close();
      await b.close();
      await db.drop();
    }
    // The other database never saw these edits.
    expect((await classify(LAMP)).sector).toBe('城乡建设');
    expect((await send('PUT', `/api/admin/lexicon/sectors/${encodeURIComponent('交通运输')}/keywords/x`, { weight: 99 })).status).toBe(400);
  });

  it('a word the dictionary cuts in two counts whole once the office adds it', async () => {
    // 盲巷 (a blind mine roadway) is not in jieba's dictionary: segmented as two single characters, it decides nothing.
    const text = '井下那个盲巷一直没有封闭，也没人管';
    expect((await classify(text)).keywords.map((k) => k.word)).not.toContain('盲巷');
    const added = await send('PUT', `/api/admin/lexicon/sectors/${encodeURIComponent('能源与安全生产')}/keywords/${encodeURIComponent('盲巷')}`, { weight: 4 });
    expect(added.json).toMatchObject({ word: '盲巷', override: 4 });
    const after = await classify(text);
    expect(after.sector).toBe('能源与安全生产');
    expect(after.keywords.find((k) => k.word === '盲巷')?.weight).toBeGreaterThan(0);
    await send('DELETE', `/api/admin/lexicon/sectors/${encodeURIComponent('能源与安全生产')}/overrides/${encodeURIComponent('盲巷')}`);
  });

  it('a word the lexicon does not know counts through the known word inside it, and the test box says which', async () => {
    // 体育场馆 is one word to jieba but not in the lexicon; 体育场 is.
    const r = await classify('公共体育场馆不开放');
    expect(r.sector).toBe('教育文体');
    expect(r.keywords).toContainEqual(expect.objectContaining({ word: '体育场馆', via: '体育场' }));
  });

  it('lists corrections with suggested words; accepting adds the word, rejecting hides it', async () => {
    const repo = t.app.get(DataSource).getRepository(ClassificationCorrectionEntity);
    // Concerns the lexicon files elsewhere (so their words are worth suggesting) that members moved to 交通运输.
    for (let i = 0; i < 4; i++) {
      await repo.insert({ ticketId: 1000 + i, title: '反光镜', text: `小区楼下的反光镜和防眩板都坏了 ${i}`, fromSector: '城乡建设', toSector: '交通运输', createdBy: 'zhangwei', createdAt: new Date() });
    }
    const listed = (await send('GET', '/api/admin/lexicon/corrections')).json as { corrections: unknown[]; suggestions: Array<{ sector: string; word: string }> };
    expect(listed.corrections).toHaveLength(4);
    const mine = listed.suggestions.filter((s) => s.sector === '交通运输');
    expect(mine.length).toBeGreaterThanOrEqual(2);
    const [take, drop] = mine;
    expect((await send('POST', '/api/admin/lexicon/suggestions/accept', { sector: take.sector, word: take.word })).json).toMatchObject({ word: take.word, weight: 2, override: 2 });
    expect((await send('POST', '/api/admin/lexicon/suggestions/reject', { sector: drop.sector, word: drop.word })).status).toBe(204);
    const again = (await send('GET', '/api/admin/lexicon/corrections')).json as { suggestions: Array<{ sector: string; word: string }> };
    expect(again.suggestions.map((s) => s.word)).not.toContain(take.word);
    expect(again.suggestions.map((s) => s.word)).not.toContain(drop.word);
  });

  it('retrains a candidate, shows its held-out evaluation beside the current lexicon, and publishes or discards it', async () => {
    const bad = await send('POST', '/api/admin/lexicon/candidates', { csv: 'id,label\n1,x' });
    expect(bad.status).toBe(400);
    const made = await send('POST', '/api/admin/lexicon/candidates', { csv: trainingCsv() });
    expect(made.status).toBe(201);
    const c = made.json as Candidate;
    expect(c).toMatchObject({ status: 'candidate', evaluation: { fromCsv: 36 } });
    expect(c.evaluation.heldOut).toBeGreaterThanOrEqual(7);
    for (const s of [c.evaluation.current, c.evaluation.candidate]) {
      expect(s.macroF1).toBeGreaterThanOrEqual(0);
      expect(s.accuracy).toBeLessThanOrEqual(1);
    }
    const { revision } = (await send('GET', '/api/admin/lexicon/sectors')).json as { revision: number };
    expect((await send('POST', `/api/admin/lexicon/candidates/${c.id}/publish`)).json).toMatchObject({ status: 'published' });
    expect(((await send('GET', '/api/admin/lexicon/sectors')).json as { revision: number }).revision).toBe(revision + 1);
    // The accepted suggestion (an override) survives the new base.
    expect((await classify('学校老师补课收费')).sector).toBe('教育文体');

    const other = (await send('POST', '/api/admin/lexicon/candidates', { csv: trainingCsv() })).json as Candidate;
    expect((await send('POST', `/api/admin/lexicon/candidates/${other.id}/discard`)).json).toMatchObject({ status: 'discarded' });
    expect((await send('POST', `/api/admin/lexicon/candidates/${other.id}/publish`)).status).toBe(409);
    const list = (await send('GET', '/api/admin/lexicon/candidates')).json as Candidate[];
    expect(list.map((x) => [x.id, x.status])).toEqual([[other.id, 'discarded'], [c.id, 'published']]);
  });

  it('`minyi classify` uses the lexicon as the console tuned it', async () => {
    await send('PUT', `/api/admin/lexicon/sectors/${encodeURIComponent('卫生计生')}/keywords/${encodeURIComponent('路灯')}`, { weight: 9 });
    const api = await classify(LAMP);
    expect(api.sector).toBe('卫生计生');
    const env = { ...process.env, DATABASE_URL: t.db.url, LOG_LEVEL: 'silent' };
    const { stdout } = await promisify(execFile)('node', [join(__dirname, '../../dist/cli.js'), 'classify', LAMP], { env });
    expect(JSON.parse(stdout)).toMatchObject({ sector: '卫生计生', committee: api.committee, confidence: api.confidence });
  });

  it('is for the office only: 401 without a session, 403 for a member or without the CSRF header', async () => {
    const before = await classify(LAMP);
    expect((await call(t.url, '/api/admin/lexicon/sectors')).status).toBe(401);
    const member = await signInAs(t, 'zhangwei');
    expect((await send('GET', '/api/admin/lexicon/sectors', undefined, member)).status).toBe(403);
    const noCsrf = await call(t.url, `/api/admin/lexicon/sectors/${encodeURIComponent(before.sector!)}/keywords/${encodeURIComponent('路灯')}`, { method: 'PUT', body: { weight: -9 }, cookie: admin.cookie });
    expect(noCsrf.status).toBe(403);
    expect((await send('PUT', `/api/admin/lexicon/sectors/${encodeURIComponent(before.sector!)}/keywords/${encodeURIComponent('路灯')}`, { weight: -9 }, member)).status).toBe(403);
    expect(await classify(LAMP)).toEqual(before);
  });
});
