import type { Provider } from '@nestjs/common';
import { WecomApiClient } from '../../channels/wecom/wecom-api.client';
import { APP_CONFIG } from '../../config/config.module';
import { AppConfig, wecomEnabled } from '../../config/config.schema';

/** The WeCom API client the console signs in with, or null while WeCom is off. */
export const CONSOLE_WECOM_CLIENT = Symbol('CONSOLE_WECOM_CLIENT');

export const consoleWecomClientProvider: Provider = {
  provide: CONSOLE_WECOM_CLIENT,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig): WecomApiClient | null => {
    if (!wecomEnabled(config)) return null;
    const w = config.wecom;
    return new WecomApiClient({
      apiBase: w.apiBase,
      corpId: w.corpId,
      secrets: { app: w.secret, kf: w.kfSecret || undefined },
      agentId: w.agentId,
      timeoutMs: w.requestTimeoutMs,
    });
  },
};

/**
 * Where to send a browser to sign in with WeCom. Inside WeCom's in-app browser the OAuth page answers at once
 * (snsapi_base, no prompt); elsewhere WeCom's web login shows a QR code to scan. Both return a code for
 * `auth/getuserinfo`.
 */
export function wecomSignInUrl(config: AppConfig, userAgent: string | undefined, state: string): string {
  const redirect = `${config.server.publicUrl.replace(/\/+$/, '')}/console/auth/wecom`;
  const { corpId, agentId } = config.wecom;
  if (/wxwork/i.test(userAgent ?? '')) {
    const q = new URLSearchParams({ appid: corpId, redirect_uri: redirect, response_type: 'code', scope: 'snsapi_base', state, agentid: agentId });
    return `https://open.weixin.qq.com/connect/oauth2/authorize?${q.toString()}#wechat_redirect`;
  }
  const q = new URLSearchParams({ login_type: 'CorpApp', appid: corpId, agentid: agentId, redirect_uri: redirect, state });
  return `https://login.work.weixin.qq.com/wwlogin/sso/login?${q.toString()}`;
}
