import { APP_ERROR_STATUS, AppException, CHAT_ERROR_LOCALE_KEY, chatErrorLocaleKey } from './app.exception';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { I18nService } from '../i18n/i18n.service';

describe('AppException catalogue', () => {
  it('names every code in UPPER_SNAKE and gives each an HTTP error status', () => {
    for (const [code, status] of Object.entries(APP_ERROR_STATUS)) {
      expect(code).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(600);
    }
  });

  it('takes its status from the catalogue', () => {
    expect(new AppException('ALREADY_TAKEN', 'taken').httpStatus).toBe(409);
    expect(new AppException('WECOM_BAD_SIGNATURE', 'forged').httpStatus).toBe(401);
  });

  it('maps chat-facing codes to locale keys that exist in every locale, the rest to the generic apology', () => {
    const i18n = I18nService.load();
    for (const key of Object.values(CHAT_ERROR_LOCALE_KEY)) {
      expect(i18n.has(key!)).toBe(true);
      expect(i18n.t(key!, {}, 'en')).not.toBe(i18n.t(key!, {}, 'zh-CN'));
    }
    expect(chatErrorLocaleKey('CSV_EMPTY')).toBe('errors.generic');
    expect(i18n.has(chatErrorLocaleKey('CSV_EMPTY'))).toBe(true);
  });

  it('gives a field problem its reason, and every reason thrown in src is worded in each console locale', () => {
    expect(AppException.field('startsAt', 'in the past', { key: 'inFuture' }).details).toEqual({ fieldErrors: { startsAt: ['in the past'] }, fieldIssues: { startsAt: [{ key: 'inFuture' }] } });
    const src = join(__dirname, '..');
    const files = (readdirSync(src, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'));
    const keys = new Set<string>();
    for (const f of files) for (const m of readFileSync(join(src, f), 'utf8').matchAll(/\{ key: (?:[^{}]*\? )?'(\w+)'(?: : '(\w+)')?/g)) [m[1], m[2]].forEach((k) => k && keys.add(k));
    expect(keys).toContain('unknownWorkstation');
    for (const locale of ['zh-CN', 'en']) {
      const words = (JSON.parse(readFileSync(join(src, '..', 'locales', locale, 'console.json'), 'utf8')) as { common: { fieldErrors: Record<string, string> } }).common.fieldErrors;
      expect([...keys].filter((k) => !(k in words))).toEqual([]);
    }
  });
});
