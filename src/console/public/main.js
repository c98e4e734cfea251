// Console bootstrap: strings first, then either the sign-in page or the signed-in shell.
import { createApp } from '/console/assets/vue.js';
import { api, setCsrfToken, takeNext } from './lib/api.js';
import { navigate } from './lib/router.js';
import { preferredLanguage, setLanguage, t } from './lib/i18n.js';
import Shell from './shell.js';
import Login from './views/login.js';

async function main() {
  const config = await fetch('/api/console/config', { credentials: 'same-origin' }).then((r) => r.json());
  await setLanguage(preferredLanguage(config));
  if (config.vendor && config.vendor.echarts) document.documentElement.dataset.echarts = config.vendor.echarts;
  let root;
  if (window.location.pathname === '/console/login') {
    root = createApp(Login, { config });
  } else {
    const me = await api('/api/me');
    setCsrfToken(me.csrfToken);
    // Signed in by a login link or the admin token: go where the member was headed before the sign-in page.
    const next = takeNext();
    if (next && (!window.location.hash || window.location.hash === '#/' || window.location.hash === '#')) navigate(next.slice(1));
    root = createApp(Shell, { me, config });
  }
  root.config.globalProperties.$t = t;
  root.mount('#app');
}

main().catch((error) => {
  // A 401 is already on its way to the sign-in page; anything else gets a plain message.
  if (error && error.status === 401) return;
  const box = document.getElementById('app');
  box.textContent = t('app.loadFailed');
  box.className = 'load-failed';
});
