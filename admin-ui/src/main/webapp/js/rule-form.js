// The alert rule form: each rule as a sentence ("When an account enters Red in segment high-touch, tell
// its owner; at most once every 72 hours"), and the caps that hold for every rule.
import { el, t } from './app.js';
import { numberField, textField, selectField, iconButton } from './form-kit.js';

const KINDS = ['ENTERED_RED', 'RISK_CROSSED', 'ONBOARDING_STALLED', 'DETRACTOR_NPS', 'URGENT_TICKET_SPIKE', 'RENEWAL_AT_RISK'];
const list = s => (s || []).join(', ');
const parseList = v => v.split(',').map(x => x.trim()).filter(Boolean);

/** The rule in words, as the form shows it and a screen reader reads it. */
export function sentence(rule, rules) {
  const segments = rule.segments && rule.segments.length ? rule.segments : null;
  const where = segments ? t('ar.inSegments', { segments: list(segments) }) : t('ar.inAnySegment');
  const owners = rules.ownerSegments || [];
  const cap = rules.perOwnerDailyCap;
  const who = segments && segments.every(s => owners.includes(s)) ? t('ar.toOwner', { cap })
    : (segments && !segments.some(s => owners.includes(s))) || !owners.length ? t('ar.toDigest')
    : t('ar.toOwnerIn', { segments: list(owners), cap });
  return t('ar.sentence', { when: t('ar.kind.' + rule.kind, { threshold: rule.threshold }), where, who, hours: rule.cooldownHours })
    + (rule.enabled ? '' : ' ' + t('ar.off'));
}

/** Draws the form for {rules} (the alert rules JSON) into {root}. */
export function renderRuleForm(root, rules, changed) {
  rules.rules = rules.rules || [];
  const sentences = [];
  const redo = () => { sentences.forEach((s, i) => { s.textContent = sentence(rules.rules[i], rules); }); changed(); };
  const caps = el('fieldset', { class: 'form-row' }, el('legend', {}, t('ar.caps')),
    numberField('ar.cap', rules, 'perOwnerDailyCap', redo, { id: 'ar-cap', min: 0, step: 1 }),
    ownerSegments(rules, redo),
    textField('ar.zone', rules, 'zone', redo, { id: 'ar-zone', size: 14 }));
  const items = rules.rules.map((r, i) => {
    const said = el('p', { class: 'sentence', id: 'ar-sentence-' + i }, sentence(r, rules));
    sentences.push(said);
    const enabled = el('input', { type: 'checkbox', id: 'ar-enabled-' + i, checked: !!r.enabled });
    enabled.addEventListener('change', () => { r.enabled = enabled.checked; redo(); });
    const segs = el('input', { type: 'text', id: 'ar-segments-' + i, size: 14, value: list(r.segments), placeholder: t('ar.anySegment') });
    segs.addEventListener('input', () => { r.segments = parseList(segs.value); redo(); });
    return el('li', { class: 'rule', 'data-rule': r.id }, said,
      el('div', { class: 'form-row' },
        el('label', { class: 'inline' }, enabled, el('span', {}, t('ar.enabled'))),
        selectField('ar.when', r, 'kind', KINDS.map(k => [k, t('ar.kind.' + k, { threshold: '…' })]), () => changed(true), { id: 'ar-kind-' + i }),
        r.kind === 'ENTERED_RED' ? null : numberField('ar.threshold.' + r.kind, r, 'threshold', redo, { id: 'ar-threshold-' + i }),
        el('label', {}, el('span', {}, t('ar.segments')), segs),
        numberField('ar.cooldown', r, 'cooldownHours', redo, { id: 'ar-cooldown-' + i, min: 0, step: 1 }),
        textField('ar.action', r, 'action', redo, { id: 'ar-action-' + i, size: 34 }),
        textField('ar.id', r, 'id', redo, { id: 'ar-id-' + i, size: 14 }),
        iconButton('×', 'ar.remove', { rule: r.id }, () => { rules.rules.splice(i, 1); changed(true); })));
  });
  const add = el('button', { type: 'button', class: 'secondary', id: 'ar-add' }, t('ar.add'));
  add.addEventListener('click', () => {
    rules.rules.push({ id: 'rule-' + (rules.rules.length + 1), kind: 'ENTERED_RED', enabled: true, threshold: 0,
      cooldownHours: 72, segments: [], action: t('ar.newAction') });
    changed(true);
  });
  root.replaceChildren(caps, el('ul', { class: 'rules', id: 'ar-rules' }, items), add);
}

function ownerSegments(rules, redo) {
  const input = el('input', { type: 'text', id: 'ar-owner-segments', size: 16, value: list(rules.ownerSegments) });
  input.addEventListener('input', () => { rules.ownerSegments = parseList(input.value); redo(); });
  return el('label', {}, el('span', {}, t('ar.ownerSegments')), input);
}
