/* CS Bridge in-app nudges (CONTRACT §7). No dependencies. Use:
   <script src="https://YOUR-CSBRIDGE/hooks/nudges/widget.js"></script>
   <script>CSBridge.nudges({userId: "u1", groupId: "acme", userHash: "<hex HMAC-SHA256 from your server>"});</script>
   The language is the option's, else the page's <html lang>, else the browser's. */
(function () {
  'use strict';
  var me = document.currentScript;
  var base = me && me.src ? me.src.replace(/\/nudges\/widget\.js(\?.*)?$/, '') : '/hooks';
  var TEXT = {en: {close: 'Dismiss', label: 'Message'}, ja: {close: '閉じる', label: 'お知らせ'}};

  function messageId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return Date.now().toString(36) + '-' + Math.random().toString(36).slice(2);
  }

  function report(o, nudgeId, event) {
    /* text/plain keeps this a simple request (no preflight); the body is JSON */
    return fetch(base + '/nudges/track', {
      method: 'POST', keepalive: true, headers: {'Content-Type': 'text/plain'},
      body: JSON.stringify({userId: o.userId, groupId: o.groupId, userHash: o.userHash,
        event: event, nudgeId: nudgeId, messageId: messageId()})
    }).catch(function () { return null; });
  }

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text) e.textContent = text;
    return e;
  }

  function show(o, n) {
    var t = TEXT[n.language] || TEXT.en;
    var before = document.activeElement;
    var box = el('div', {role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': 'csb-nudge-title',
      'aria-describedby': 'csb-nudge-body', 'aria-label': t.label, lang: n.language, 'data-nudge-id': n.id,
      'class': 'csb-nudge', tabindex: '-1',
      style: 'position:fixed;right:16px;bottom:16px;max-width:320px;z-index:2147483000;background:#fff;color:#1f2933;'
        + 'border:1px solid #cbd2d9;border-radius:8px;box-shadow:0 4px 16px rgba(0,0,0,.12);padding:14px 16px;'
        + 'font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif'});
    var close = el('button', {type: 'button', 'aria-label': t.close, 'class': 'csb-nudge-close',
      style: 'position:absolute;top:6px;right:8px;border:0;background:none;font-size:18px;cursor:pointer;color:#52606d'}, '\u00d7');
    var title = el('p', {id: 'csb-nudge-title', style: 'margin:0 24px 6px 0;font-weight:600'}, n.title);
    var body = el('p', {id: 'csb-nudge-body', style: 'margin:0 0 10px'}, n.body);
    box.appendChild(close); box.appendChild(title); box.appendChild(body);
    var action = null;
    if (n.button && n.button.label) {
      action = el(n.button.url ? 'a' : 'button', n.button.url ? {href: n.button.url, 'class': 'csb-nudge-action'}
        : {type: 'button', 'class': 'csb-nudge-action'}, n.button.label);
      action.style.cssText = 'display:inline-block;padding:6px 12px;border-radius:6px;background:#2f5d8a;color:#fff;'
        + 'text-decoration:none;border:0;cursor:pointer;font:inherit';
      box.appendChild(action);
    }
    var done = false;
    function finish(event) {
      if (done) return null;
      done = true;
      box.remove();
      if (before && before.focus) before.focus();
      return report(o, n.id, event);
    }
    close.addEventListener('click', function () { finish('Nudge Dismissed'); });
    box.addEventListener('keydown', function (e) {
      if (e.key === 'Escape') { e.preventDefault(); finish('Nudge Dismissed'); }
    });
    if (action) {
      action.addEventListener('click', function (e) {
        var url = n.button.url;
        e.preventDefault();
        var sent = finish('Nudge Clicked');
        if (url) Promise.resolve(sent).then(function () { window.location.href = url; });
      });
    }
    document.body.appendChild(box);
    (action || close).focus();
    report(o, n.id, 'Nudge Shown');
    return box;
  }

  window.CSBridge = window.CSBridge || {};
  /* Asks for the user's due nudge and shows it; resolves to the nudge shown, or null. */
  window.CSBridge.nudges = function (o) {
    var lang = o.language || document.documentElement.lang || navigator.language || 'en';
    var q = ['userId=' + encodeURIComponent(o.userId), 'groupId=' + encodeURIComponent(o.groupId || ''),
      'userHash=' + encodeURIComponent(o.userHash), 'language=' + encodeURIComponent(lang)].join('&');
    return fetch(base + '/nudges/next?' + q, {credentials: 'omit'})
      .then(function (r) { return r.ok ? r.json() : {nudge: null}; })
      .then(function (d) { if (d && d.nudge) { show(o, d.nudge); return d.nudge; } return null; })
      .catch(function () { return null; });
  };
})();
