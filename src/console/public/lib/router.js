// A tiny hash router: #/path?query. Views are chosen by path in views/index.js.
import { reactive } from '/console/assets/vue.js';

export const route = reactive({ path: '/', query: {} });

function parse() {
  const hash = window.location.hash.replace(/^#/, '') || '/';
  const [path, search] = hash.split('?');
  route.path = path || '/';
  route.query = Object.fromEntries(new URLSearchParams(search || ''));
}

window.addEventListener('hashchange', parse);
parse();

export function navigate(path, query) {
  const search = query ? `?${new URLSearchParams(query).toString()}` : '';
  window.location.hash = `${path}${search}`;
  // Now, not at the hashchange event: a view chosen before that event would see the old route.
  parse();
}
