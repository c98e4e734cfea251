// Lexicon tuning (office only): weighted words per sector with the test box beside them, suggestions from
// members' re-routings, and retraining with a held-out evaluation before anything is published.
import { onMounted, reactive } from '/console/assets/vue.js';
import { api } from '../lib/api.js';
import { navigate, route } from '../lib/router.js';
import { useStylesheet } from '../lib/stylesheet.js';
import { errorText } from '../lib/ui.js';
import LexiconKeywords from './lexicon-keywords.js';
import LexiconSuggestions from './lexicon-suggestions.js';
import LexiconTest from './lexicon-test.js';
import LexiconTraining from './lexicon-training.js';

const TABS = ['keywords', 'suggestions', 'training'];

export default {
  components: { LexiconKeywords, LexiconSuggestions, LexiconTest, LexiconTraining },
  setup() {
    useStylesheet('/console/app/admin-tools.css');
    const state = reactive({ sectors: null, revision: 0, error: null, changes: 0 });
    async function reload() {
      try {
        const data = await api('/api/admin/lexicon/sectors');
        state.sectors = data.sectors;
        state.revision = data.revision;
        state.changes++;
      } catch (e) {
        state.error = errorText(e);
      }
    }
    onMounted(reload);
    const tab = () => (TABS.includes(route.query.tab) ? route.query.tab : 'keywords');
    const open = (name) => navigate('/lexicon', { tab: name });
    return { state, reload, tab, open, TABS };
  },
  template: `<section class="view">
    <h1>{{ $t('lexicon.title') }} <span class="badge muted" data-test="lexicon-revision">{{ $t('lexicon.revision', { revision: state.revision }) }}</span></h1>
    <div class="tabs" role="tablist">
      <button v-for="name in TABS" :key="name" type="button" role="tab" :aria-selected="tab() === name" :class="{ active: tab() === name }" :data-tab="name" @click="open(name)">{{ $t('lexicon.tabs.' + name) }}</button>
    </div>
    <p v-if="state.error" class="alert">{{ state.error }}</p>
    <p v-else-if="!state.sectors" class="muted">{{ $t('common.loading') }}</p>
    <div v-else class="split">
      <div>
        <lexicon-keywords v-if="tab() === 'keywords'" :sectors="state.sectors" @changed="reload" />
        <lexicon-suggestions v-else-if="tab() === 'suggestions'" @changed="reload" />
        <lexicon-training v-else @changed="reload" />
      </div>
      <lexicon-test :changes="state.changes" />
    </div>
  </section>`,
};
