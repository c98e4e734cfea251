import { APP_ERROR_STATUS, AppException, CHAT_ERROR_LOCALE_KEY, chatErrorLocaleKey } from './app.exception';
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
});
