// The sign-in page: WeCom when configured, the bootstrap admin token, and a hint for local login links.
import { reactive } from '/console/assets/vue.js';
import { api, ApiError, rememberNext } from '../lib/api.js';
import { t } from '../lib/i18n.js';

export default {
  props: { config: Object },
  setup() {
    const params = new URLSearchParams(window.location.search);
    const state = reactive({ token: '', busy: false, error: params.get('error') });
    const next = rememberNext(params.get('next'));
    const wecomHref = next ? `/console/login/wecom?next=${encodeURIComponent(next)}` : '/console/login/wecom';

    async function submit() {
      state.busy = true;
      try {
        await api('/api/auth/admin', { method: 'POST', body: { token: state.token } });
        window.location.assign(next ? `/console${next}` : '/console');
      } catch (e) {
        state.error = e instanceof ApiError ? e.code : 'wecom_failed';
      } finally {
        state.busy = false;
      }
    }

    const errorText = () => {
      const key = `login.errors.${state.error}`;
      const text = t(key);
      return text === key ? t('common.errors.generic') : text;
    };
    return { state, submit, errorText, wecomHref };
  },
  template: `<main class="login">
    <div class="login-card">
      <h1>{{ $t('login.title') }}</h1>
      <p v-if="state.error" class="alert" role="alert" data-test="login-error">{{ errorText() }}</p>
      <a v-if="config.wecom" class="button primary block" :href="wecomHref">{{ $t('login.wecom') }}</a>
      <form class="stack" @submit.prevent="submit">
        <label>{{ $t('login.adminToken') }}
          <input v-model="state.token" type="password" autocomplete="current-password" required>
        </label>
        <small class="muted">{{ $t('login.adminTokenHint') }}</small>
        <button class="button" type="submit" :disabled="state.busy">{{ $t('login.signIn') }}</button>
      </form>
      <p class="muted small">{{ $t('login.linkHint') }}</p>
    </div>
  </main>`,
};
