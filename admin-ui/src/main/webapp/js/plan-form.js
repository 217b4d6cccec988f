// The onboarding plan form: milestones as an ordered list (what reaches each, due day, weight), the
// value milestone, when a plan counts as stalled or graduated.
import { el, t } from './app.js';
import { numberField, textField, iconButton } from './form-kit.js';

const REACHED_BY = ['event', 'milestone', 'trait', 'users'];
export const planState = { index: 0 };

/** What reaches a milestone: the one of event, milestone, trait, users that is set. */
function reachedBy(m) {
  return REACHED_BY.find(k => m[k] !== null && m[k] !== undefined) || 'event';
}

/** Draws the form for {plans} (the onboarding plans JSON array) into {root}. */
export function renderPlanForm(root, plans, changed) {
  if (!Array.isArray(plans) || !plans.length) { root.replaceChildren(el('p', {}, t('pl.none'))); return; }
  if (planState.index >= plans.length) planState.index = 0;
  const plan = plans[planState.index];
  plan.milestones = plan.milestones || [];
  const pick = el('select', { id: 'pl-pick' }, plans.map((p, i) => el('option', { value: i, selected: i === planState.index },
    t('pl.planOption', { name: p.name, segment: p.segment === '*' ? t('hm.anySegment') : p.segment }))));
  pick.addEventListener('change', () => { planState.index = Number(pick.value); renderPlanForm(root, plans, changed); });
  const value = el('select', { id: 'pl-value' },
    el('option', { value: '', selected: !plan.valueMilestone }, t('pl.valueFull')),
    plan.milestones.map(m => el('option', { value: m.key, selected: plan.valueMilestone === m.key }, m.label || m.key)));
  value.addEventListener('change', () => { plan.valueMilestone = value.value || null; changed(); });
  const head = el('div', { class: 'form-row' },
    el('label', {}, el('span', {}, t('pl.pick')), pick),
    textField('pl.name', plan, 'name', () => changed(), { id: 'pl-name', size: 14 }),
    textField('hm.segment', plan, 'segment', () => changed(), { id: 'pl-segment', size: 12 }),
    numberField('pl.stalledAfter', plan, 'stalledAfterDays', () => changed(), { id: 'pl-stalled', min: 1, step: 1 }),
    numberField('pl.graduateAfter', plan, 'graduateAfterDays', () => changed(), { id: 'pl-graduate', min: 1, step: 1 }),
    el('label', {}, el('span', {}, t('pl.value')), value));
  const list = el('ol', { class: 'milestone-list', id: 'pl-milestones' }, plan.milestones.map((m, i) => milestoneRow(plan, m, i, changed)));
  const add = el('button', { type: 'button', class: 'secondary', id: 'pl-add' }, t('pl.add'));
  add.addEventListener('click', () => {
    const n = plan.milestones.length + 1;
    const last = plan.milestones[plan.milestones.length - 1];
    plan.milestones.push({ key: 'milestone-' + n, label: t('pl.newLabel', { n }), weight: 10, dueDays: last ? last.dueDays + 7 : 7,
      event: 'Signed In', milestone: null, trait: null, users: null });
    changed(true);
  });
  root.replaceChildren(head, el('h3', {}, t('pl.milestones')), list, add);
}

function milestoneRow(plan, m, i, changed) {
  const name = m.label || m.key;
  const kind = reachedBy(m);
  const by = el('select', { id: `pl-by-${i}`, 'aria-label': t('pl.reachedByOf', { milestone: name }) },
    REACHED_BY.map(k => el('option', { value: k, selected: k === kind }, t('pl.by.' + k))));
  by.addEventListener('change', () => {
    for (const k of REACHED_BY) m[k] = null;
    m[by.value] = by.value === 'users' ? 3 : by.value === 'trait' ? { trait: '', equals: null, atLeast: null } : '';
    changed(true);
  });
  let what;
  if (kind === 'users') what = numberField(null, m, 'users', () => changed(), { id: `pl-users-${i}`, min: 1, step: 1 });
  else if (kind === 'trait') {
    m.trait = m.trait || { trait: '' };
    what = el('span', { class: 'point' }, textField(null, m.trait, 'trait', () => changed(), { id: `pl-trait-${i}`, size: 12 }),
      ' = ', textField(null, m.trait, 'equals', () => changed(), { size: 8, optional: true }),
      ' ≥ ', numberField(null, m.trait, 'atLeast', () => changed(), { optional: true }));
  } else what = textField(null, m, kind, () => changed(), { id: `pl-${kind}-${i}`, size: 16 });
  what.querySelectorAll ? what.querySelectorAll('input').forEach(x => x.setAttribute('aria-label', t('pl.whatOf', { milestone: name }))) : null;
  if (what.tagName === 'INPUT') what.setAttribute('aria-label', t('pl.whatOf', { milestone: name }));
  const move = (to) => { const [x] = plan.milestones.splice(i, 1); plan.milestones.splice(to, 0, x); changed(true); };
  const labelled = (input, key) => { input.setAttribute('aria-label', t(key, { milestone: name })); return input; };
  return el('li', { class: 'milestone-row', 'data-key': m.key },
    el('span', { class: 'order' },
      iconButton('↑', 'pl.up', { milestone: name }, () => move(i - 1), { disabled: i === 0 }),
      iconButton('↓', 'pl.down', { milestone: name }, () => move(i + 1), { disabled: i === plan.milestones.length - 1 })),
    labelled(textField(null, m, 'label', () => changed(), { id: `pl-label-${i}`, size: 18 }), 'pl.labelOf'),
    labelled(textField(null, m, 'key', () => changed(), { size: 12 }), 'pl.keyOf'),
    el('span', { class: 'muted' }, t('pl.reachedBy')), by, what,
    el('span', { class: 'muted' }, t('pl.dueDay')),
    labelled(numberField(null, m, 'dueDays', () => changed(), { id: `pl-due-${i}`, min: 0, step: 1 }), 'pl.dueOf'),
    el('span', { class: 'muted' }, t('pl.weight')),
    labelled(numberField(null, m, 'weight', () => changed(), { id: `pl-weight-${i}`, min: 0 }), 'pl.weightOf'),
    plan.valueMilestone === m.key ? el('span', { class: 'badge' }, t('pl.isValue')) : null,
    iconButton('×', 'pl.remove', { milestone: name }, () => { plan.milestones.splice(i, 1); changed(true); }));
}
