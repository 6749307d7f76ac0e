import { api, query } from './api.js';
import { formatDuration, h, replace } from './dom.js';
import { formatTime, t } from './i18n.js';

const queueNames = ['awaitingVerification', 'awaitingDispatch', 'awaitingSignFor', 'inHandling', 'awaitingInspection',
  'awaitingApproval', 'warned', 'overdue', 'escalated', 'supervised'];
const openStatuses = 'reported,verified,accepted,dispatched,handling,handled';

/** The soonest next SLA point of a case (its next yellow, red or escalation point). */
export function nextPoint(view) {
  const points = view.timers.map((c) => (c.phase === 'running' ? c.warnAt : c.phase === 'warned' ? c.dueAt : null)).filter(Boolean);
  return points.length ? points.map((p) => new Date(p)).sort((a, b) => a - b)[0] : null;
}

export function phaseOf(view) {
  return view.timers.some((c) => c.stage !== null && c.phase === 'overdue') ? 'overdue'
    : view.timers.some((c) => c.stage !== null && c.phase === 'warned') ? 'warned' : 'running';
}

/**
 * The caller's desk: centre and department staff see their work queues with counts (GET /api/v1/queues), one queue
 * at a time, soonest deadline first, a page at a time; field staff see the open cases of their grid cell or
 * community. A filter narrows the loaded rows; the sort switches between next deadline and report time.
 */
export class Queues {
  constructor(context, openCase) {
    this.context = context;
    this.openCase = openCase;
    this.queue = null;
    this.rows = [];
    this.next = null;
    this.sort = 'deadline';
    this.filterText = '';
    this.hasQueues = context.isCentre || context.isDepartment;
    this.element = h('section', { class: 'queues', 'aria-label': t('queues') });
  }

  async refresh() {
    await this.loadPage(null);
  }

  async loadPage(after) {
    const sequence = (this.sequence = (this.sequence ?? 0) + 1);
    let page;
    if (this.hasQueues) {
      page = await api(`/api/v1/queues${query({ queue: this.queue, limit: 50, after })}`);
      this.counts = page.counts;
    } else {
      page = await api(`/api/v1/cases${query({ orgUnit: this.context.caller.org, status: openStatuses, limit: 50, after })}`);
    }
    if (sequence !== this.sequence) return; // a later read is under way; it draws
    this.rows = after ? [...this.rows, ...page.cases] : page.cases;
    this.next = page.next;
    this.render();
  }

  render() {
    const tabs = this.hasQueues ? h('div', { class: 'queue-tabs', role: 'group' },
      h('button', { 'aria-pressed': String(this.queue === null), onclick: () => { this.queue = null; this.refresh(); } }, t('open')),
      queueNames.map((q) => h('button', {
        'aria-pressed': String(this.queue === q), 'data-queue': q, class: q === 'overdue' ? 'red' : q === 'warned' ? 'yellow' : '',
        onclick: () => { this.queue = q; this.refresh(); },
      }, `${t(`q_${q}`)} `, h('span', { class: 'count', 'data-count': q }, String(this.counts?.[q] ?? 0))))) : null;

    // The filter and sort controls are made once, so typing is not interrupted by live refreshes.
    const list = this.list ??= h('ol', { class: 'case-list', id: 'queue-list' });
    this.tools ??= h('div', { class: 'queue-tools' },
      h('input', {
        type: 'search', placeholder: t('filter'), 'aria-label': t('filter'), class: 'queue-filter',
        oninput: (e) => { this.filterText = e.target.value; this.renderRows(list); },
      }),
      h('select', { 'aria-label': t('reportedAt'), onchange: (e) => { this.sort = e.target.value; this.renderRows(list); } },
        h('option', { value: 'deadline' }, 'SLA'),
        h('option', { value: 'reported' }, t('reportedAt'))));
    this.renderRows(list);
    replace(this.element, tabs, this.tools, list,
      this.next ? h('button', { id: 'queue-more', onclick: () => this.loadPage(this.next) }, t('more')) : null);
  }

  renderRows(list) {
    const text = this.filterText.trim().toLowerCase();
    const rows = this.rows.filter((v) => !text || `${v.id} ${v.description} ${v.matterCode} ${this.context.matterName(v.matterCode)}`.toLowerCase().includes(text));
    if (this.sort === 'reported') rows.sort((a, b) => b.reportedAt.localeCompare(a.reportedAt));
    replace(list, rows.length === 0 ? h('li', { class: 'empty' }, t('noCases')) : rows.map((v) => this.row(v)));
  }

  row(view) {
    const phase = phaseOf(view);
    const next = nextPoint(view);
    return h('li', { class: `case-row phase-${phase}`, 'data-case-id': view.id },
      h('button', { class: 'case-open', onclick: () => this.openCase(view.id) },
        h('span', { class: `badge ${phase === 'overdue' ? 'red' : phase === 'warned' ? 'yellow' : 'grey'}` }, t(`phase_${phase}`)),
        h('strong', {}, view.id), ' ',
        h('span', {}, this.context.matterName(view.matterCode)), ' ',
        h('span', { class: 'status' }, t(`s_${view.status}`)),
        h('span', { class: 'when' }, next ? `SLA ${formatTime(next.toISOString())} (${formatDuration(next - Date.now())})` : formatTime(view.reportedAt))));
  }
}
