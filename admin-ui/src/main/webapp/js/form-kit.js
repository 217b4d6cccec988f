// Small helpers for the model, plan and rule forms: inputs bound to a field, tabs, and the link
// between a form and its JSON text area (the text area holds what is saved; the form edits the same JSON).
import { el, t } from './app.js';

/** A labelled number input editing obj[key]; empty input leaves the field out only when optional. */
export function numberField(labelKey, obj, key, changed, { id, step = 'any', min, max, scale = 1, optional = false } = {}) {
  const shown = obj[key] === undefined || obj[key] === null ? '' : Math.round(obj[key] * scale * 1e6) / 1e6;
  const input = el('input', { type: 'number', id, step, min, max, value: shown, class: 'num-in' });
  input.addEventListener('input', () => {
    if (input.value === '') { if (optional) { delete obj[key]; changed(); } return; }
    const v = Number(input.value);
    if (!Number.isFinite(v)) return;
    obj[key] = scale === 1 ? v : Math.round(v / scale * 1e9) / 1e9;
    changed();
  });
  return labelKey ? el('label', {}, el('span', {}, t(labelKey)), input) : input;
}

/** A labelled text input editing obj[key] (blank removes it when optional). */
export function textField(labelKey, obj, key, changed, { id, size, optional = false, list } = {}) {
  const input = el('input', { type: 'text', id, size, value: obj[key] ?? '', list });
  input.addEventListener('input', () => {
    if (optional && input.value.trim() === '') delete obj[key]; else obj[key] = input.value;
    changed();
  });
  return labelKey ? el('label', {}, el('span', {}, t(labelKey)), input) : input;
}

/** A labelled select over [value, text] pairs editing obj[key]. */
export function selectField(labelKey, obj, key, options, changed, { id } = {}) {
  const select = el('select', { id }, options.map(([v, text]) => el('option', { value: v, selected: obj[key] === v }, text)));
  select.addEventListener('change', () => { obj[key] = select.value; changed(); });
  return labelKey ? el('label', {}, el('span', {}, t(labelKey)), select) : select;
}

/**
 * Form and "Advanced (JSON)" tabs of one editor: buttons {prefix}-tab-form and {prefix}-tab-json
 * controlling {prefix}-form-panel and {prefix}-json-panel; onForm runs before the form is shown.
 */
export function tabs(prefix, onForm) {
  const pairs = ['form', 'json'].map(k => [document.getElementById(`${prefix}-tab-${k}`), document.getElementById(`${prefix}-${k}-panel`)]);
  const show = which => {
    if (which === 'form') onForm();
    for (const [i, [tab, panel]] of pairs.entries()) {
      const on = (i === 0) === (which === 'form');
      tab.setAttribute('aria-selected', String(on));
      tab.tabIndex = on ? 0 : -1;
      panel.hidden = !on;
    }
  };
  for (const [i, [tab]] of pairs.entries()) {
    tab.addEventListener('click', () => show(i === 0 ? 'form' : 'json'));
    tab.addEventListener('keydown', e => {
      if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
      const next = pairs[1 - i][0];
      show(i === 0 ? 'json' : 'form');
      next.focus();
    });
  }
}

/**
 * Links a form to its JSON text area: render(value, changed) draws the form for the parsed JSON and
 * calls changed(again) after each edit of value (again: draw the form anew, e.g. a row added), which
 * writes the JSON back (an 'input' event, so the preview and Save follow). A JSON edit redraws the form.
 */
export function linkForm(area, render, problem) {
  let syncing = false;
  let value = null;
  const changed = (again = false) => {
    syncing = true;
    area.value = JSON.stringify(value, null, 2);
    area.dispatchEvent(new Event('input'));
    syncing = false;
    if (again) render(value, changed);
  };
  const refresh = () => {
    try { value = JSON.parse(area.value); } catch (e) { problem(t('models.formNeedsJson', { detail: e.message })); return false; }
    problem(null);
    render(value, changed);
    return true;
  };
  area.addEventListener('input', () => { if (!syncing) refresh(); });
  return { refresh };
}

/** Calls fn a moment after the last call (live previews while typing). */
export function debounce(fn, ms) {
  let timer = null;
  return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
}

/** A small button with a visible symbol and a spoken label. */
export function iconButton(symbol, labelKey, vars, onclick, attrs = {}) {
  return el('button', { type: 'button', class: 'secondary icon', 'aria-label': t(labelKey, vars), title: t(labelKey, vars), onclick, ...attrs }, symbol);
}
