import { init, api, t, el, num, money, bandBadge, table, say, failure } from './app.js';

await init('accounts');

const PAGE = 25;
const form = document.getElementById('filters');
const fields = ['q', 'segment', 'band', 'owner', 'onboarding', 'sort'];
const params = new URLSearchParams(location.search);
let offset = Number(params.get('offset') || 0);

// Segments come from the current scoring model, so the filter offers exactly the names scores carry.
try {
  const model = await api('/model');
  const tiers = (model.config && model.config.segments && model.config.segments.tiers) || [];
  const select = document.getElementById('segment');
  const names = tiers.map(tier => tier.label).concat(model.config.segments.unknownLabel || []);
  for (const name of new Set(names)) if (name) select.append(el('option', { value: name }, name));
} catch (e) { /* the filter still works as "any" */ }
for (const f of fields) if (params.has(f)) document.getElementById(f).value = params.get(f);

async function load() {
  const query = new URLSearchParams();
  for (const f of fields) { const v = document.getElementById(f).value.trim(); if (v) query.set(f, v); }
  history.replaceState(null, '', '?' + query + (offset ? '&offset=' + offset : ''));
  query.set('limit', PAGE);
  query.set('offset', offset);
  try {
    const page = await api('/accounts?' + query);
    document.getElementById('accounts-count').textContent = t('accounts.count', { total: num(page.total) });
    document.getElementById('accounts-table').replaceChildren(table(t('page.accounts'),
      ['account.name', 'account.band', 'num:account.health', 'num:account.risk', 'num:account.onboarding', 'account.segment',
        'account.owner', 'num:account.arr', 'account.onboardingState', 'account.topDriver'],
      page.items.map(a => [el('a', { href: 'account.html?id=' + encodeURIComponent(a.id), 'data-account': a.id }, a.name || a.id),
        bandBadge(a.band), num(a.healthScore), num(a.churnRisk), a.onboardingCompletion == null ? '–' : num(a.onboardingCompletion) + '%',
        a.segment || '–', a.owner || '–', money(a.arr), a.onboardingState ? t('onboarding.' + a.onboardingState) : '–',
        a.drivers && a.drivers.length ? a.drivers[0].explanation : '–'])));
    document.getElementById('page-info').textContent = page.total
      ? t('pager.range', { from: offset + 1, to: Math.min(offset + PAGE, page.total), total: page.total }) : '';
    document.getElementById('prev').disabled = offset === 0;
    document.getElementById('next').disabled = offset + PAGE >= page.total;
  } catch (e) {
    say('accounts-count', failure(e), 'error');
  }
  document.body.dataset.ready = 'true';
}

form.addEventListener('submit', e => { e.preventDefault(); offset = 0; load(); });
document.getElementById('prev').addEventListener('click', () => { offset = Math.max(0, offset - PAGE); load(); });
document.getElementById('next').addEventListener('click', () => { offset += PAGE; load(); });
load();
