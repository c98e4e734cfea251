import * as fc from 'fast-check';
import { DataSource } from 'typeorm';
import { startTestApp, TestApp } from '../support/app';
import { describeEachEngine } from '../support/database';
import { FUZZ_SLOW } from '../support/fuzz';

/** Words the dialogs react to, mixed with arbitrary text, so the fuzz walks into the dialogs, not only the menu. */
const WORDS = ['反映问题', '查询进度', '取消', '帮助', '菜单', '跳过', '匿名', '同意', '不同意', '正确', '确认提交', '单独提交', '继续', '重新开始', 'SM20261128-0001', '西沙街道', '13812345678'];
const input = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 200 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 2000 }) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '\n', '\u0000', '<script>alert(1)</script>', "' OR 1=1 --", '{{vars.text}}', '{{{x}}}', '%s%n', '\u202e', '😀'.repeat(500)) },
);

describeEachEngine('dialog input fuzz', (engine) => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp(engine)));
  afterAll(async () => t.close());

  const say = async (user: string, text: string) => {
    const res = await fetch(`${t.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user, text }) });
    return { status: res.status, body: (await res.json()) as Array<{ text?: string; quick_replies?: Array<{ title: string }> }> };
  };

  it('fuzz: any sequence of messages gets replies (never an error text or 5xx), and 取消 (confirmed when a draft would be lost) always brings the menu back', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(input, { minLength: 1, maxLength: 12 }), async (texts) => {
        const user = `fuzz-${n++}`;
        for (const text of texts) {
          const r = await say(user, text);
          expect(r.status).toBe(200);
          expect(r.body.length).toBeGreaterThan(0);
          for (const reply of r.body) {
            expect(typeof reply.text).toBe('string');
            // Mustache placeholders of the locales are filled, never shown; nothing the resident typed is re-evaluated.
            expect(reply.text).not.toMatch(/\{\{\s*vars\./);
            expect(reply.text).not.toContain('系统暂时出了点问题'); // errors.generic: a turn that failed
          }
        }
        let back = await say(user, '取消');
        expect(back.status).toBe(200);
        // A draft is never thrown away without asking.
        if (back.body.some((x) => x.text?.includes('确定要放弃'))) back = await say(user, '放弃');
        expect(back.body.flatMap((x) => x.quick_replies?.map((q) => q.title) ?? [])).toContain('反映问题');
      }),
      FUZZ_SLOW,
    );
    const sessions = await t.app.get(DataSource).query(`SELECT COUNT(*) AS n FROM dialog_session WHERE userId LIKE 'fuzz-%' AND lockedBy IS NOT NULL`);
    expect(Number(sessions[0].n)).toBe(0);
  }, 300_000);
});
