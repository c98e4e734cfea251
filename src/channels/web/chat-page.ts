import { contentSecurityPolicy } from '../../common/page-headers';

/** Only this response's own inline script and style run; the page talks to this origin alone. */
export function chatPageCsp(nonce: string): string {
  return contentSecurityPolicy({
    'default-src': "'none'",
    'script-src': `'nonce-${nonce}'`,
    'style-src': `'nonce-${nonce}'`,
    'img-src': "'self' data:",
    'connect-src': "'self'",
    'form-action': "'self'",
  });
}

/**
 * The web chat page: plain HTML and a little vanilla JS, no build step. Every visible string comes from the
 * `web.*` locale keys, passed in as JSON; bot replies are inserted as text, never as HTML. The resident's
 * credential is an HttpOnly cookie the server sets: this script never sees it.
 */
export function renderChatPage(lang: string, strings: Record<string, string>, nonce: string): string {
  const json = JSON.stringify({ lang, strings }).replace(/</g, '\\u003c');
  const title = escapeHtml(strings.title ?? '');
  return `<!doctype html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<title>${title}</title>
<style nonce="${nonce}">
  * { box-sizing: border-box; }
  html, body { margin: 0; height: 100%; font-family: system-ui, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; background: #f2f3f5; }
  body { display: flex; flex-direction: column; max-width: 720px; margin: 0 auto; }
  header { background: #b71c1c; color: #fff; padding: 12px 16px; }
  header h1 { font-size: 18px; margin: 0; }
  header p { font-size: 12px; margin: 2px 0 0; opacity: .85; }
  #log { flex: 1; overflow-y: auto; padding: 12px; }
  .msg { max-width: 85%; margin: 6px 0; padding: 9px 12px; border-radius: 10px; white-space: pre-wrap; line-height: 1.5; font-size: 15px; word-break: break-word; }
  .bot { background: #fff; border: 1px solid #e3e3e3; }
  .me { background: #d9f2d9; margin-left: auto; }
  .quick { display: flex; flex-wrap: wrap; gap: 6px; margin: 4px 0 10px; }
  .quick button { border: 1px solid #b71c1c; color: #b71c1c; background: #fff; border-radius: 16px; padding: 6px 12px; font-size: 14px; }
  form { display: flex; gap: 8px; padding: 10px; background: #fff; border-top: 1px solid #ddd; padding-bottom: max(10px, env(safe-area-inset-bottom)); }
  #text { flex: 1; font-size: 16px; padding: 9px; border: 1px solid #ccc; border-radius: 8px; }
  #photo { background: #fff; color: #b71c1c; border: 1px solid #b71c1c; border-radius: 8px; padding: 0 10px; font-size: 14px; }
  #send { background: #b71c1c; color: #fff; border: 0; border-radius: 8px; padding: 0 16px; font-size: 16px; }
  .error { color: #b71c1c; font-size: 13px; text-align: center; }
</style>
</head>
<body>
<header><h1 id="title"></h1><p id="subtitle"></p></header>
<main id="log" aria-live="polite"></main>
<form id="form" autocomplete="off"><button id="photo" type="button"></button><input id="file" type="file" accept="image/jpeg,image/png,image/gif,image/webp" hidden><input id="text" maxlength="2000"><button id="send" type="submit"></button></form>
<script id="boot" type="application/json">${json}</script>
<script nonce="${nonce}">
(function () {
  var boot = JSON.parse(document.getElementById('boot').textContent);
  var s = boot.strings;
  var params = new URLSearchParams(location.search);
  var ws = params.get('studio') || params.get('ws') || undefined;
  var log = document.getElementById('log');
  var input = document.getElementById('text');
  document.getElementById('title').textContent = s.title;
  document.getElementById('subtitle').textContent = s.subtitle;
  document.getElementById('send').textContent = s.send;
  document.getElementById('photo').textContent = s.photo;
  var file = document.getElementById('file');
  input.placeholder = s.placeholder;
  var busy = false;

  function add(text, who) {
    var div = document.createElement('div');
    div.className = 'msg ' + who;
    div.textContent = text;
    log.appendChild(div);
    log.scrollTop = log.scrollHeight;
  }
  function clearQuick() {
    Array.prototype.forEach.call(document.querySelectorAll('.quick'), function (q) { q.remove(); });
  }
  function show(replies) {
    replies.forEach(function (r) {
      add(r.text, 'bot');
      if (r.quick_replies && r.quick_replies.length) {
        clearQuick();
        var row = document.createElement('div');
        row.className = 'quick';
        r.quick_replies.forEach(function (q) {
          var b = document.createElement('button');
          b.type = 'button';
          b.textContent = q.title;
          b.onclick = function () { send(q.payload, q.title); };
          row.appendChild(b);
        });
        log.appendChild(row);
      }
    });
    log.scrollTop = log.scrollHeight;
  }
  function failed(text) {
    var e = document.createElement('div'); e.className = 'error'; e.textContent = text; log.appendChild(e);
  }
  function json(res) {
    if (!res.ok) throw new Error('HTTP ' + res.status);
    return res.json();
  }
  function post(message) {
    message.type = 'message'; message.user = 'web'; message.channel = 'webhook'; message.locale = boot.lang; message.ws = ws;
    return fetch('/api/messages', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(message) }).then(json).then(show);
  }
  function send(text, shown) {
    if (busy) return;
    busy = true;
    if (shown) add(shown, 'me');
    clearQuick();
    post({ text: text }).catch(function () { failed(s.error); }).then(function () { busy = false; });
  }
  // A photo is uploaded first, then sent as a message carrying it, like an image message in WeCom.
  function sendPhoto(photo) {
    if (busy) return;
    busy = true;
    add('[' + s.photo + '] ' + photo.name, 'me');
    clearQuick();
    fetch('/api/media', { method: 'POST', headers: { 'content-type': photo.type }, body: photo })
      .then(function (res) {
        if (res.status === 413 || res.status === 415) throw new Error(res.status === 413 ? s.photo_too_big : s.photo_bad_type);
        return json(res);
      })
      .then(function (media) { return post({ attachments: [{ kind: media.kind, ref: media.ref, name: photo.name }] }); })
      .catch(function (e) { failed(e.message.indexOf('HTTP') === 0 || e.message.indexOf('fetch') >= 0 ? s.error : e.message); })
      .then(function () { busy = false; });
  }
  document.getElementById('photo').addEventListener('click', function () { file.click(); });
  file.addEventListener('change', function () {
    if (file.files && file.files[0]) sendPhoto(file.files[0]);
    file.value = '';
  });
  document.getElementById('form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    input.value = '';
    send(text, text);
  });
  function poll() {
    fetch('/api/messages/pending').then(function (r) { return r.ok ? r.json() : []; })
      .then(function (replies) { if (replies.length) show(replies); }).catch(function () {});
  }
  setInterval(poll, 5000);
  send('', null);
})();
</script>
</body>
</html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
