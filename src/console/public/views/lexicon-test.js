// The test box: a sentence → sector, committee, confidence and the words that decided it; re-run after each change.
import { reactive, watch } from '/console/assets/vue.js';
import { api } from '../lib/api.js';
import { errorText } from '../lib/ui.js';

export default {
  props: { changes: Number },
  setup(props) {
    const state = reactive({ text: '', result: null, error: null });
    async function run() {
      if (!state.text.trim()) return;
      try {
        state.result = await api('/api/admin/lexicon/test', { method: 'POST', body: { text: state.text } });
        state.error = null;
      } catch (e) {
        state.error = errorText(e);
      }
    }
    watch(() => props.changes, run);
    const pct = (n) => `${Math.round(n * 100)}%`;
    return { state, run, pct };
  },
  template: `<div class="panel" data-test="lexicon-test">
    <h2>{{ $t('lexicon.test.title') }}</h2>
    <form class="stack" @submit.prevent="run">
      <textarea v-model="state.text" rows="3" :placeholder="$t('lexicon.test.placeholder')" :aria-label="$t('lexicon.test.placeholder')" data-test="lexicon-test-text"></textarea>
      <button type="submit" class="button primary" data-test="lexicon-test-run">{{ $t('lexicon.test.run') }}</button>
    </form>
    <p v-if="state.error" class="alert">{{ state.error }}</p>
    <template v-if="state.result">
      <dl class="facts" data-test="lexicon-test-result">
        <dt>{{ $t('lexicon.test.sector') }}</dt><dd data-test="lexicon-test-sector">{{ state.result.sector || $t('lexicon.test.triage') }}</dd>
        <dt>{{ $t('lexicon.test.committee') }}</dt><dd>{{ state.result.committee || $t('common.none') }}</dd>
        <dt>{{ $t('lexicon.test.workstation') }}</dt><dd>{{ state.result.workstation }}</dd>
        <dt>{{ $t('lexicon.test.confidence') }}</dt><dd>{{ pct(state.result.confidence) }}<span v-if="state.result.triage" class="badge">{{ $t('lexicon.test.triage') }}</span></dd>
      </dl>
      <h3>{{ $t('lexicon.test.top3') }}</h3>
      <ol class="plain-list" data-test="lexicon-test-top3">
        <li v-for="(s, i) in state.result.top3" :key="s.sector" :data-rank="i + 1">
          <strong>{{ s.sector }}</strong> <span class="muted">{{ pct(s.confidence) }}</span>
          <span class="small" v-if="s.keywords.length"> · {{ $t('lexicon.test.wordsLabel') }}<span v-for="k in s.keywords" :key="k.word" class="badge slot" data-test="lexicon-test-word">{{ k.word }}<template v-if="k.via">{{ $t('lexicon.test.via', { word: k.via }) }}</template> {{ Number(k.weight).toFixed(2) }}</span></span>
          <span class="small muted" v-else> · {{ $t('lexicon.test.noWords') }}</span>
        </li>
      </ol>
    </template>
  </div>`,
};
