// Loads a view's own stylesheet once, so pages with special layouts do not grow the shared app.css.
const loaded = new Set();

export function useStylesheet(href) {
  if (loaded.has(href)) return;
  loaded.add(href);
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  document.head.appendChild(link);
}
