import { DataSource } from 'typeorm';
import { startTestApp, TestApp } from '../support/app';
import { describeEachEngine } from '../support/database';

describeEachEngine('GET /health', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine);
  });
  afterAll(async () => t.close());

  it('answers 200 with the database up', async () => {
    const res = await fetch(`${t.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', db: 'up' });
  });

  it('answers 503 with db "down" when the database cannot be reached', async () => {
    const ds = t.app.get(DataSource);
    await ds.destroy();
    const res = await fetch(`${t.url}/health`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ db: 'down' });
    await ds.initialize();
    expect((await fetch(`${t.url}/health`)).status).toBe(200);
  });
});
