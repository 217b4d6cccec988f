import { init, api, t, el, num, pct, money, day, bandBadge, table, say, failure, BAND_COLORS } from './app.js';

await init('overview');

// overview.html?asOf=2026-01-31 shows the portfolio as it stood then (CONTRACT §5: every figure as of any moment)
const asOf = new URLSearchParams(location.search).get('asOf');
const at = (path, sep = '?') => asOf ? path + sep + 'asOf=' + encodeURIComponent(asOf) : path;

function tile(id, label, value, sub) {
  return el('div', { class: 'tile', id: 'tile-' + id },
    el('div', { class: 'label' }, label), el('div', { class: 'value' }, value), sub ? el('div', { class: 'sub' }, sub) : null);
}

async function kpis() {
  const k = await api(at('/kpis'));
  const nps = k.nps || {};
  const churn = k.churn || {};
  const rr = k.revenueRetention || {};
  const onb = k.onboardingCompletion || {};
  const ex = k.expansion || {};
  document.getElementById('kpis').replaceChildren(
    tile('nps', t('kpi.nps'), nps.score == null ? '–' : num(nps.score, 0) + (nps.margin95 == null ? '' : ' ± ' + num(nps.margin95, 1)),
      t('kpi.npsSub', { n: num(nps.n), p: num(nps.promoters), pa: num(nps.passives), d: num(nps.detractors) })),
    tile('churn', t('kpi.customerChurn'), pct(churn.customerChurnRate), t('kpi.churnSub', { lost: num(churn.accountsLost), start: num(churn.accountsAtStart) })),
    tile('revenue-churn', t('kpi.revenueChurn'), pct(churn.revenueChurnRate), t('kpi.mrrSub', { lost: money(churn.mrrLost), start: money(churn.mrrAtStart) })),
    tile('grr', t('kpi.grr'), pct(rr.grr), t('kpi.arrSub', { arr: money(rr.arrAtStart) })),
    tile('nrr', t('kpi.nrr'), pct(rr.nrr), t('kpi.expandedSub', { arr: money(rr.arrExpanded) })),
    tile('onboarding', t('kpi.onboarding'), pct(onb.rate), t('kpi.onboardingSub', { done: num(onb.completed), started: num(onb.started) })),
    tile('upsell', t('kpi.upsell'), pct(ex.upsellRate), t('kpi.crossSell', { rate: pct(ex.crossSellRate) })),
    tile('accounts', t('kpi.accounts'), num(k.accounts), t('kpi.since', { from: day(k.periodStart) })));
  const ltv = Object.entries(k.ltvBySegment || {});
  if (ltv.length) {
    document.getElementById('kpis').append(...ltv.map(([segment, v]) =>
      tile('ltv-' + segment, t('kpi.ltv', { segment }), money(v.ltv), t('kpi.ltvSub', { n: num(v.accounts), arr: money(v.averageArr) }))));
  }
}

async function bands() {
  const names = ['Green', 'Yellow', 'Red', 'Unknown'];
  const counts = await Promise.all(names.map(b => api(at('/accounts?limit=1&band=' + b, '&')).then(r => r.total)));
  new Chart(document.getElementById('band-chart'), {
    type: 'doughnut',
    data: { labels: names.map(b => t('band.' + b)), datasets: [{ data: counts, backgroundColor: names.map(b => BAND_COLORS[b]) }] },
    options: { maintainAspectRatio: false, animation: false, plugins: { legend: { position: 'right' } } },
  });
  document.getElementById('band-table').replaceChildren(table(t('overview.bands'), ['account.band', 'num:overview.count'],
    names.map((b, i) => [el('a', { href: 'accounts.html?band=' + b }, bandBadge(b)), num(counts[i])])));
}

async function trend() {
  const points = (await api('/kpis/trend?step=week' + (asOf ? '&to=' + encodeURIComponent(asOf) : ''))).points || [];
  const labels = points.map(p => day(p.asOf));
  // rates are percentages already (CONTRACT §5)
  const rate = v => v == null ? null : Number(v);
  const line = (label, values, color) => ({ label, data: values, borderColor: color, backgroundColor: color, tension: .2, spanGaps: true });
  new Chart(document.getElementById('trend-chart'), {
    type: 'line',
    data: { labels, datasets: [
      line(t('kpi.customerChurn'), points.map(p => rate(p.churn && p.churn.customerChurnRate)), '#b3261e'),
      line(t('kpi.revenueChurn'), points.map(p => rate(p.churn && p.churn.revenueChurnRate)), '#e07a5f'),
      line(t('kpi.grr'), points.map(p => rate(p.revenueRetention && p.revenueRetention.grr)), '#1f5fbf'),
      line(t('kpi.nrr'), points.map(p => rate(p.revenueRetention && p.revenueRetention.nrr)), '#3d9970'),
      line(t('kpi.onboarding'), points.map(p => rate(p.onboardingCompletion && p.onboardingCompletion.rate)), '#9a6b00')] },
    options: { maintainAspectRatio: false, animation: false, scales: { y: { title: { display: true, text: '%' } } } },
  });
  new Chart(document.getElementById('nps-chart'), {
    type: 'line',
    data: { labels, datasets: [line(t('kpi.nps'), points.map(p => p.nps ? p.nps.score : null), '#6a4c93')] },
    options: { maintainAspectRatio: false, animation: false, scales: { y: { min: -100, max: 100 } } },
  });
}

async function atRisk() {
  const page = await api(at('/accounts?sort=atRisk&limit=10', '&'));
  document.getElementById('at-risk').replaceChildren(table(t('overview.atRisk'),
    ['account.name', 'account.band', 'num:account.health', 'num:account.risk', 'num:account.arr', 'num:overview.arrAtRisk', 'account.owner'],
    page.items.map(a => [el('a', { href: 'account.html?id=' + encodeURIComponent(a.id) }, a.name || a.id), bandBadge(a.band),
      num(a.healthScore), num(a.churnRisk), money(a.arr), money((a.arr || 0) * (a.churnRisk || 0) / 100), a.owner || '–'])));
}

const results = await Promise.allSettled([kpis(), bands(), trend(), atRisk()]);
const failed = results.filter(r => r.status === 'rejected');
if (failed.length) say('overview-status', failure(failed[0].reason), 'error');
document.body.dataset.ready = 'true';
