// Small shared pieces: empty states, error messages, and the placeholder a view shows until its API exists.
import { ApiError } from './api.js';
import { t } from './i18n.js';

export const EmptyState = {
  props: { title: String, text: String },
  template: `<div class="empty" data-test="empty-state">
    <div class="empty-mark" aria-hidden="true"></div>
    <h2>{{ title || $t('empty.title') }}</h2>
    <p v-if="text">{{ text }}</p>
  </div>`,
};

/** A message for the user from any error; validation details are shown per field by FieldError. */
export function errorText(error) {
  if (error instanceof ApiError) {
    const key = `common.errors.${error.code}`;
    const text = t(key, { message: error.message });
    return text === key ? t('common.errors.generic') : text;
  }
  return t('common.errors.generic');
}

export const FieldError = {
  props: { error: Object, field: String },
  computed: {
    messages() {
      const errors = (this.error && this.error.fieldErrors) || {};
      return Object.entries(errors)
        .filter(([path]) => path === this.field || path.startsWith(`${this.field}.`))
        .flatMap(([, list]) => list);
    },
  },
  template: `<small v-if="messages.length" class="field-error">{{ messages.join('; ') }}</small>`,
};

/** A view for a section another part of the console will provide; shows a friendly empty state meanwhile. */
export function placeholderView(section) {
  return {
    name: `${section}-view`,
    components: { EmptyState },
    template: `<section class="view">
      <h1>{{ $t('${section}.title') }}</h1>
      <empty-state :text="$t('empty.comingSoon')" />
    </section>`,
  };
}

/** Runs a form's API call; its error lands in `state.formError` for FieldError and errorText to show. */
export function formRunner(state) {
  return async (work) => {
    state.formError = null;
    try {
      await work();
    } catch (e) {
      state.formError = e;
    }
  };
}
