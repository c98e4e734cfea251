import { startFakeWecom, type FakeWecom } from '../fake-wecom/fake-wecom.server';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startInstance, wecomEnv, type Instance } from '../support/instances';
import { runResidents } from '../support/load-residents';
import { TEST_WECOM_KEYS } from '../support/wecom-callback';
import { WECOM_TEST_AGENT_ID, WECOM_TEST_SECRETS } from '../support/wecom-app';

/**
 * A whole filing on the web and through WeCom, plus admin sign-ins, against `node dist/main.js` at the most
 * verbose log level; its stdout/stderr must not hold a resident's phone number or any secret.
 */
describe('logs hold no secret and no unmasked phone number', () => {
  const ADMIN_TOKEN = 'admin-token-that-must-not-be-logged-7f3a';
  let db: TestDatabase;
  let fake: FakeWecom;
  let app: Instance;

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    fake = await startFakeWecom({ corpId: TEST_WECOM_KEYS.corpId, agentId: WECOM_TEST_AGENT_ID, secrets: WECOM_TEST_SECRETS, kfAccounts: ['wkTEST01'] });
    // SQL logging on: its lines must hold no parameter (phones, tokens) either.
    app = await startInstance({ ...wecomEnv(fake), DATABASE_URL: db.url, LOG_LEVEL: 'trace', ADMIN_TOKEN, DATABASE_LOGGING: 'true' });
  }, 90_000);

  afterAll(async () => {
    await app?.stop();
    await fake?.close();
    await db?.drop();
  });

  it('greps the logs of a full filing for the phone, the WeCom secrets, the EncodingAESKey and the admin token', async () => {
    const r = await runResidents({ urls: [app.url], fake, residents: 2, prefix: 'logs' });
    expect(r.errors).toEqual([]);
    expect(r.numbers.size).toBe(2);
    // a wrong and a right admin sign-in, and a request carrying the token in the URL by mistake
    let csrfToken = '';
    for (const token of ['wrong-token', ADMIN_TOKEN]) {
      const res = await fetch(`${app.url}/api/auth/admin`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
      if (res.ok) csrfToken = ((await res.json()) as { csrfToken: string }).csrfToken;
    }
    expect(csrfToken.length).toBeGreaterThan(10);
    await fetch(`${app.url}/api/me?token=${ADMIN_TOKEN}`);
    // a phone number inside a callback that fails (unknown corp) must not be logged either
    await fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'logs-x', text: '13812345678'.repeat(300) }) });
    await app.stop(); // flush

    const logs = app.output.join('');
    expect(logs.length).toBeGreaterThan(1000); // trace level logged the run: the grep below means something
    expect(logs).toMatch(/"context":"SQL".*INSERT INTO/); // and the SQL
    const secrets = {
      phone: '13812345678',
      appSecret: WECOM_TEST_SECRETS.app,
      kfSecret: WECOM_TEST_SECRETS.kf,
      encodingAesKey: TEST_WECOM_KEYS.encodingAesKey,
      adminToken: ADMIN_TOKEN,
      csrfToken,
    };
    const found = Object.entries(secrets).filter(([, value]) => logs.includes(value)).map(([name]) => name);
    expect(found).toEqual([]);
    // The masked form is what appears when a phone is logged at all
    expect(logs).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/);
  }, 180_000);
});
