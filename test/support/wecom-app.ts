import { startFakeWecom, type FakeSent, type FakeWecom } from '../fake-wecom/fake-wecom.server';
import type { Engine } from '../../src/database/database-url';
import type { Clock } from '../../src/common/clock';
import { startTestApp, type TestApp } from './app';
import type { TestDatabase } from './database';
import { callbackUrl, type SignedCallback, TEST_WECOM_KEYS } from './wecom-callback';

export const WECOM_TEST_SECRETS = { app: 'app-secret-for-tests', kf: 'kf-secret-for-tests' };
export const WECOM_TEST_AGENT_ID = 1000002;

/** The whole service with WeCom on, pointed at a fake WeCom server on loopback. */
export async function startWecomApp(
  engine: Engine,
  options: { fake?: FakeWecom; db?: TestDatabase; clock?: Clock; env?: NodeJS.ProcessEnv } = {},
): Promise<{ t: TestApp; fake: FakeWecom; post(cb: SignedCallback, path?: string): Promise<Response>; close(): Promise<void> }> {
  const fake =
    options.fake ??
    (await startFakeWecom({ corpId: TEST_WECOM_KEYS.corpId, agentId: WECOM_TEST_AGENT_ID, secrets: WECOM_TEST_SECRETS, kfAccounts: ['wkTEST01'] }));
  const t = await startTestApp(engine, {
    db: options.db,
    clock: options.clock,
    env: {
      ...options.env,
      WECOM_CORP_ID: TEST_WECOM_KEYS.corpId,
      WECOM_TOKEN: TEST_WECOM_KEYS.token,
      WECOM_ENCODING_AES_KEY: TEST_WECOM_KEYS.encodingAesKey,
      WECOM_AGENT_ID: String(WECOM_TEST_AGENT_ID),
      WECOM_SECRET: WECOM_TEST_SECRETS.app,
      WECOM_KF_SECRET: WECOM_TEST_SECRETS.kf,
      WECOM_API_BASE: fake.url,
    },
  });
  const post = (cb: SignedCallback, path = '/wecom/callback') =>
    fetch(`${t.url}${callbackUrl(path, cb.query)}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: cb.body });
  return {
    t,
    fake,
    post,
    close: async () => {
      await t.close();
      if (!options.fake) await fake.close();
    },
  };
}

/** The text a resident got in one call the fake server received: an app or kf text, or a msgmenu's head. */
export function sentText(s: FakeSent): string {
  const body = s.body as { text?: { content?: string }; msgmenu?: { head_content?: string } };
  return body.text?.content ?? body.msgmenu?.head_content ?? '';
}
