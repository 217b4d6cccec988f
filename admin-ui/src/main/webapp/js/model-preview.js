// The live preview beside the model and plan forms: band moves, named examples each way, the
// backtest AUC of the edited model beside the current one's, and the onboarding states under each.
import { el, t, num, bandBadge, table } from './app.js';

/** A band as the dry run's changes name it (GREEN) in the form the texts and badges use (Green). */
export const bandLabel = b => (b ? b.charAt(0) + b.slice(1).toLowerCase() : b);

const ONBOARDING_STATES = ['on-track', 'behind', 'stalled', 'completed'];

function cell(id, value, digits) {
  return el('td', { id, class: 'num', 'data-value': value === null || value === undefined ? '' : String(value) }, num(value, digits));
}

function examples(id, titleKey, changes) {
  return el('div', {}, el('h4', {}, t(titleKey)),
    changes.length ? el('ul', { id, class: 'examples' }, changes.map(c => el('li', { 'data-account': c.accountId },
      el('a', { href: 'account.html?id=' + encodeURIComponent(c.accountId) }, c.name || c.accountId), ' ',
      bandBadge(bandLabel(c.from)), ' → ', bandBadge(bandLabel(c.to)), ' ', el('span', { class: 'muted' }, num(c.scoreBefore) + ' → ' + num(c.scoreAfter)))))
      : el('p', { id, class: 'muted' }, t('preview.noneThisWay')));
}

/** The health side: how many would move, which, and how well each model ranked past churn. */
export function healthPreview(p) {
  const r = p.dryRun;
  const moves = Object.entries(r.moves || {});
  const b0 = p.currentBacktest, b1 = p.proposedBacktest;
  return [
    el('p', { id: 'preview-summary', 'data-changed': String(r.changes.length), 'data-accounts': String(r.accounts) },
      t('preview.summary', { changed: r.changes.length, accounts: r.accounts })),
    el('p', { id: 'preview-moves' }, moves.length ? moves.map(([m, n]) => t('preview.move', {
      from: t('band.' + m.split('->')[0]), to: t('band.' + m.split('->')[1]), n })).join(' · ') : t('dryRun.noChanges')),
    el('div', { class: 'examples-grid' },
      examples('preview-better', 'preview.better', p.better),
      examples('preview-worse', 'preview.worse', p.worse),
      examples('preview-sideways', 'preview.sideways', p.sideways)),
    el('table', { id: 'preview-auc' },
      el('caption', {}, t('preview.aucCaption', { accounts: b1.accounts, churned: b1.churned })),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, ''), el('th', { scope: 'col', class: 'num' }, t('preview.current')),
        el('th', { scope: 'col', class: 'num' }, t('preview.edited')))),
      el('tbody', {},
        el('tr', {}, el('th', { scope: 'row' }, t('backtest.healthAuc')),
          cell('preview-health-auc-current', b0.healthAuc, 3), cell('preview-health-auc-proposed', b1.healthAuc, 3)),
        el('tr', {}, el('th', { scope: 'row' }, t('backtest.riskAuc')),
          cell('preview-risk-auc-current', b0.riskAuc, 3), cell('preview-risk-auc-proposed', b1.riskAuc, 3)))),
    el('p', { class: 'muted small' }, b1.churned > 0 && b1.churned < b1.accounts ? t('backtest.hint') : t('backtest.noChurn')),
  ];
}

/** The onboarding side: accounts on track, behind, stalled or completed under the current and the edited plans. */
export function onboardingPreview(p) {
  const states = [...new Set([...ONBOARDING_STATES, ...Object.keys(p.currentOnboarding), ...Object.keys(p.proposedOnboarding)])];
  return [el('table', { id: 'preview-onboarding' },
    el('caption', { class: 'visually-hidden' }, t('preview.onboardingTitle')),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, t('preview.state')),
      el('th', { scope: 'col', class: 'num' }, t('preview.current')), el('th', { scope: 'col', class: 'num' }, t('preview.edited')))),
    el('tbody', {}, states.map(s => el('tr', {}, el('th', { scope: 'row' }, t('onboarding.' + s)),
      cell('preview-onb-' + s + '-current', p.currentOnboarding[s] || 0, 0),
      cell('preview-onb-' + s + '-proposed', p.proposedOnboarding[s] || 0, 0)))))];
}

/** The alert dry run per owner: how many each would have been sent, digested or held back. */
export function perOwner(decisions) {
  const owners = new Map();
  for (const d of decisions || []) {
    if (!d.alert) continue;
    const key = d.alert.owner || t('alertsDryRun.noOwner');
    const row = owners.get(key) || { SEND: 0, DIGEST: 0, SUPPRESSED: 0 };
    row[d.outcome] = (row[d.outcome] || 0) + 1;
    owners.set(key, row);
  }
  const rows = [...owners.entries()].sort((a, b) => b[1].SEND - a[1].SEND || a[0].localeCompare(b[0]));
  const out = table(t('alertsDryRun.perOwner'), ['alertsDryRun.owner', 'num:outcome.SEND', 'num:outcome.DIGEST', 'num:outcome.SUPPRESSED'],
    rows.map(([owner, r]) => [owner, num(r.SEND), num(r.DIGEST), num(r.SUPPRESSED)]), 'alertsDryRun.none');
  out.id = 'alerts-per-owner';
  return [el('h4', {}, t('alertsDryRun.perOwner')), out];
}
