import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { api, query } from './api.js';
import { h, replace } from './dom.js';
import { formatPercent, t } from './i18n.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

const rates = ['onTimeClosureRate', 'closureRate', 'reworkRate', 'returnRate', 'extensionRate', 'timelyDispatchRate'];
const day = 24 * 3600 * 1000;

/** Units and departments with cases in the period by closure rate, then closed cases; those without cases last, by name. */
const byRank = (a, b) => (a.k.reported === 0) - (b.k.reported === 0)
  || (b.k.closureRate ?? -1) - (a.k.closureRate ?? -1) || b.k.closed - a.k.closed || a.name.localeCompare(b.name);

function rankingItem(row) {
  const k = row.k;
  if (k.reported === 0) return h('li', { 'data-code': row.code, class: 'no-cases' }, `${row.name}: ${t('noCasesInPeriod')}`);
  return h('li', { 'data-code': row.code },
    `${row.name}: ${t('closureRate')} ${formatPercent(k.closureRate)} · ${t('onTimeClosureRate')} ${formatPercent(k.onTimeClosureRate)} · ${t('closed')} ${k.closed}/${k.accepted}`);
}

/**
 * KPIs of the caller's unit (or department) over a period: the rates, average handling time and satisfaction as
 * tiles, cases reported and closed per day, and rankings of the units directly below and of the departments
 * working there. Every figure is GET /api/v1/kpis with the matching scope and period.
 */
export class Kpis {
  constructor(context) {
    this.context = context;
    this.days = 30;
    this.charts = [];
    this.element = h('section', { class: 'kpis', 'aria-label': t('kpis') });
    this.visible = false;
  }

  scope() {
    return this.context.isDepartment ? { department: this.context.caller.org } : { orgUnit: this.context.scopeRoot };
  }

  async show() {
    this.visible = true;
    await this.refresh();
  }

  async refresh() {
    // Overlapping refreshes (live events while one is in flight) draw only the latest.
    const sequence = (this.sequence = (this.sequence ?? 0) + 1);
    const to = new Date(Date.now() + 60_000);
    const from = new Date(to - this.days * day);
    const period = { from: from.toISOString(), to: to.toISOString() };
    const kpis = await api(`/api/v1/kpis${query({ ...this.scope(), ...period })}`);
    // Calendar days in the browser's time, today last.
    const trendDays = Math.min(this.days, 14);
    const today = new Date();
    today.setHours(0, 0, 0, 0);
    const trend = await Promise.all(Array.from({ length: trendDays }, (_, i) => {
      const start = new Date(today);
      start.setDate(today.getDate() - (trendDays - 1 - i));
      const end = new Date(start);
      end.setDate(start.getDate() + 1);
      return api(`/api/v1/kpis${query({ ...this.scope(), from: start.toISOString(), to: end.toISOString() })}`)
        .then((k) => ({ label: start.toLocaleDateString(undefined, { month: '2-digit', day: '2-digit' }), k }));
    }));
    const [units, departments] = await Promise.all([this.unitRanking(period), this.departmentRanking(period)]);
    if (sequence === this.sequence) this.render(kpis, trend, units, departments);
  }

  async unitRanking(period) {
    if (this.context.isDepartment) return [];
    const unit = await api(`/api/v1/org/${encodeURIComponent(this.context.scopeRoot)}`);
    const children = unit.children.filter((u) => u.level !== 'grid');
    return Promise.all(children.map(async (child) => ({ name: child.name, code: child.code, k: await api(`/api/v1/kpis${query({ orgUnit: child.code, ...period })}`) })));
  }

  async departmentRanking(period) {
    if (this.context.isDepartment) return [];
    const root = this.context.scopeRoot;
    // Every department that works in the scope (the city's, the district's, the street's own), those without cases too.
    const working = this.context.departments.filter((d) => root === d.orgUnitCode || root.startsWith(`${d.orgUnitCode}.`) || d.orgUnitCode.startsWith(`${root}.`));
    return Promise.all(working.map(async (d) => ({ name: d.name, code: d.code, k: await api(`/api/v1/kpis${query({ ...this.scope(), department: d.code, ...period })}`) })));
  }

  render(kpis, trend, units, departments) {
    this.charts.forEach((c) => c.destroy());
    this.charts = [];
    const periodSelect = h('select', { id: 'kpi-period', 'aria-label': t('period'), onchange: (e) => { this.days = Number(e.target.value); this.refresh(); } },
      [7, 30, 90].map((d) => h('option', { value: d, selected: d === this.days }, t(`days${d}`))));
    const tiles = h('div', { class: 'tiles', id: 'kpi-tiles' },
      this.tile('reported', String(kpis.reported)), this.tile('closed', String(kpis.closed)),
      rates.map((r) => this.tile(r, formatPercent(kpis[r]))),
      this.tile('averageHandlingHours', kpis.averageHandlingHours === null ? '—' : kpis.averageHandlingHours.toFixed(1)),
      this.tile('satisfaction', kpis.satisfaction === null ? '—' : kpis.satisfaction.toFixed(1)));
    const trendCanvas = h('canvas', { id: 'kpi-trend', 'aria-label': t('trend'), role: 'img' });
    const rankingCanvas = h('canvas', { id: 'kpi-ranking', 'aria-label': t('rankingStreets'), role: 'img' });
    const ranking = (title, rows, id) => rows.length === 0 ? null : h('div', {},
      h('h3', {}, title),
      h('ol', { class: 'ranking', id }, [...rows].sort(byRank).map(rankingItem)));
    replace(this.element, h('div', { class: 'kpi-head' }, h('h2', {}, t('kpis')), periodSelect), tiles,
      h('h3', {}, t('trend')), h('div', { class: 'chart' }, trendCanvas),
      units.length ? h('div', { class: 'chart' }, rankingCanvas) : null,
      ranking(t('rankingStreets'), units, 'kpi-units'), ranking(t('rankingDepartments'), departments, 'kpi-departments'));

    this.charts.push(new Chart(trendCanvas, {
      type: 'bar',
      data: {
        labels: trend.map((d) => d.label),
        datasets: [
          { label: t('reported'), data: trend.map((d) => d.k.reported), backgroundColor: '#4361ee' },
          { label: t('closed'), data: trend.map((d) => d.k.closed), backgroundColor: '#2a9d8f' },
        ],
      },
      options: { animation: false, responsive: true, maintainAspectRatio: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    }));
    if (units.length) {
      this.charts.push(new Chart(rankingCanvas, {
        type: 'bar',
        data: {
          labels: units.map((u) => u.name),
          datasets: [
            { label: t('open'), data: units.map((u) => u.k.reported - u.k.closed), backgroundColor: '#e76f51' },
            { label: t('closed'), data: units.map((u) => u.k.closed), backgroundColor: '#2a9d8f' },
          ],
        },
        options: { indexAxis: 'y', animation: false, responsive: true, maintainAspectRatio: false, scales: { x: { stacked: true, beginAtZero: true, ticks: { precision: 0 } }, y: { stacked: true } } },
      }));
    }
  }

  tile(name, value) {
    return h('div', { class: 'tile', 'data-kpi': name }, h('span', { class: 'tile-value' }, value), h('span', { class: 'tile-label' }, t(name)));
  }
}
