// The signed-in layout: header, left navigation (a drawer on phones) and the current view.
import { computed, defineAsyncComponent, markRaw, ref, watch } from '/console/assets/vue.js';
import { api } from './lib/api.js';
import { i18n, setLanguage } from './lib/i18n.js';
import { navigate, route } from './lib/router.js';
import { viewsFor } from './views/index.js';

export default {
  props: { me: Object, config: Object },
  setup(props) {
    const views = viewsFor(props.me.role);
    const components = new Map(views.map((v) => [v.path, markRaw(defineAsyncComponent(v.load))]));
    const current = computed(() => views.find((v) => v.path === route.path) || null);
    const memberViews = views.filter((v) => v.access === 'member' && !v.hidden);
    const adminViews = views.filter((v) => v.access === 'admin' && !v.hidden);
    const menuOpen = ref(false);
    const lang = ref(i18n.lang);

    watch(() => route.path, () => { menuOpen.value = false; });
    if (!current.value) navigate(views[0].path);
    watch(lang, (value) => setLanguage(value));

    async function signOut() {
      await api('/api/auth/logout', { method: 'POST' }).catch(() => undefined);
      window.location.assign('/console/login?local');
    }

    return { components, current, memberViews, adminViews, menuOpen, lang, signOut, route };
  },
  template: `<div class="shell" :class="{ 'menu-open': menuOpen }">
    <header class="topbar">
      <button class="menu-button" type="button" @click="menuOpen = !menuOpen" :aria-expanded="menuOpen" :aria-label="$t('app.menu')">&#9776;</button>
      <span class="brand">{{ $t('app.title') }}</span>
      <span class="spacer"></span>
      <select v-model="lang" class="lang" :aria-label="$t('app.language')" data-test="lang">
        <option v-for="code in config.locales" :key="code" :value="code">{{ $t('lang.' + code) }}</option>
      </select>
      <span class="who" data-test="who">{{ me.name }} &middot; {{ $t('roles.' + me.role) }}</span>
      <button type="button" class="link" @click="signOut">{{ $t('app.signOut') }}</button>
    </header>
    <nav class="sidenav" :aria-label="$t('app.menu')">
      <a v-for="view in memberViews" :key="view.path" :href="'#' + view.path" :class="{ active: current && current.path === view.path }" :data-nav="view.path">{{ $t(view.label) }}</a>
      <template v-if="adminViews.length">
        <div class="nav-section">{{ $t('nav.adminSection') }}</div>
        <a v-for="view in adminViews" :key="view.path" :href="'#' + view.path" :class="{ active: current && current.path === view.path }" :data-nav="view.path">{{ $t(view.label) }}</a>
      </template>
    </nav>
    <div class="scrim" @click="menuOpen = false"></div>
    <main class="content">
      <component v-if="current" :is="components.get(current.path)" :me="me" :key="current.path" />
    </main>
  </div>`,
};
