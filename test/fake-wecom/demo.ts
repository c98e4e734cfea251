import 'reflect-metadata';
import type { FakeSent } from './fake-wecom.server';
import { buildEventCallback, buildTextCallback } from '../support/wecom-callback';
import { startWecomApp } from '../support/wecom-app';

/**
 * `npm run demo:wecom`: minyi against the fake WeCom server, driven only through signed, encrypted callbacks.
 * A resident files a concern in the self-built app; the studio's members get cards; one takes it with 买单.
 */
const RESIDENT = 'resident-demo';
const LINES = ['你好', '反映问题', '小区门口的路灯坏了一个多月，晚上很黑，老人出行不安全', '西沙街道幸福小区3号楼', '上个月', '全小区约200户', '跳过', '13812345678', '张三', '同意', '正确', '确认提交'];

type Body = { touser?: string; msgtype?: string; text?: { content: string }; template_card?: { task_id: string; main_title?: { title?: string } }; button?: { replace_name: string } };
const bodyOf = (s: FakeSent) => s.body as Body;

async function main(): Promise<void> {
  const w = await startWecomApp('sqlite');
  const out = (who: string, text: string) => process.stdout.write(`${who.padEnd(8)} ${text.replace(/\n/g, '\n         ')}\n`);
  let seen = 0;
  const flush = async (waitMs = 1500) => {
    const deadline = Date.now() + waitMs;
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      while (seen < w.fake.sent.length) {
        const s = w.fake.sent[seen++];
        const b = bodyOf(s);
        if (s.path === '/cgi-bin/message/update_template_card') out('[card]', `→ ${JSON.stringify(b.button)}`);
        else if (b.msgtype === 'template_card') out(`[card→${b.touser}]`, b.template_card?.main_title?.title ?? '');
        else out(b.touser === RESIDENT ? 'minyi' : `→${b.touser}`, b.text?.content ?? JSON.stringify(b));
      }
    }
  };
  try {
    out('', `minyi ${w.t.url} · fake WeCom ${w.fake.url}`);
    for (const line of LINES) {
      out('居民', line);
      await w.post(buildTextCallback({ from: RESIDENT, content: line }));
      await flush();
    }
    const card = w.fake.sent.find((s) => bodyOf(s).msgtype === 'template_card' && bodyOf(s).touser === 'xugang');
    if (!card) throw new Error('no card reached the member xugang');
    const number = /([A-Z]{2}\d{8}-\d{4})/.exec(JSON.stringify(card.body))?.[1] ?? '';
    out('徐刚', `点击「买单」(${number})`);
    await w.post(
      buildEventCallback({
        from: 'xugang',
        event: 'template_card_event',
        eventKey: `ticket:take:${number}`,
        fields: { TaskId: bodyOf(card).template_card!.task_id, CardType: 'button_interaction', ResponseCode: w.fake.issueResponseCode() },
        selectedItems: [{ questionKey: 'way', optionIds: ['bridge'] }],
      }),
    );
    await flush(3000);
  } finally {
    await w.close();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`demo failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
