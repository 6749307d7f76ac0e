import { api, ApiError } from './api.js';
import { formatDuration, h, replace, timeSpanMs } from './dom.js';
import { formatTime, t } from './i18n.js';

/** The fields each command asks for; "department" is the caller's own department and is filled in, not asked. */
const commandFields = {
  verify: [['note', 'text', false]],
  reject: [['reason', 'text', true]],
  merge: [['intoCaseId', 'text', true]],
  accept: [['note', 'text', false]],
  dispatch: [['lead', 'department', true], ['note', 'text', false]],
  'sign-for': [],
  'report-handled': [['feedback', 'text', true]],
  return: [['reason', 'text', true]],
  'request-extension': [['extraHours', 'number', true], ['reason', 'text', true]],
  'decide-extension': [['approve', 'approve', true], ['reason', 'text', false]],
  'request-suspension': [['reason', 'text', true]],
  'decide-suspension': [['approve', 'approve', true], ['reason', 'text', false]],
  resume: [['reason', 'text', false]],
  inspect: [['passed', 'passed', true], ['note', 'text', false]],
  evaluate: [['satisfaction', 'score', true], ['comment', 'text', false]],
  supervise: [['text', 'text', true]],
  reopen: [['reason', 'text', true]],
};
const departmentCommands = new Set(['sign-for', 'report-handled', 'return', 'request-extension', 'request-suspension']);
/** Whole hours as a .NET TimeSpan's JSON ("[d.]hh:mm:ss"). */
const timeSpanOfHours = (hours) => `${Math.floor(hours / 24)}.${String(hours % 24).padStart(2, '0')}:00:00`;
const fieldLabels = { intoCaseId: 'into', lead: 'lead', extraHours: 'hours', approve: 'approve', passed: 'passed', satisfaction: 'score', comment: 'note' };

/**
 * One case: details, where it is, its clocks (黄灯 / 红灯, time left in the clock's own time mode), its history, and
 * the actions the caller may take now. The actions come from GET /api/v1/cases/{id}/actions, which asks the case's
 * own rules; a refusal shows the API's problem detail.
 */
export class CasePanel {
  constructor(element, context) {
    this.element = element;
    this.context = context;
    this.caseId = null;
    element.addEventListener('keydown', (e) => { if (e.key === 'Escape') this.close(); });
  }

  async open(id) {
    this.caseId = id;
    this.element.hidden = false;
    this.error = null;
    await this.reload();
    this.element.querySelector('.panel-close')?.focus();
  }

  close() {
    this.caseId = null;
    this.element.hidden = true;
  }

  /**
   * Reads the case again. A live change does not wipe a form the user is filling in: the panel is read again once it
   * is sent or closed, and if the case moved meanwhile the API's refusal says why.
   */
  async reload({ live = false } = {}) {
    const id = this.caseId;
    if (!id) return;
    if (live && this.element.querySelector('form.command-form')) return;
    const sequence = (this.sequence = (this.sequence ?? 0) + 1);
    try {
      const [view, history, sheet] = await Promise.all([
        api(`/api/v1/cases/${encodeURIComponent(id)}`),
        api(`/api/v1/cases/${encodeURIComponent(id)}/history`),
        api(`/api/v1/cases/${encodeURIComponent(id)}/actions`),
      ]);
      // Only the latest read is drawn: an earlier one that answers late would show an older case.
      if (id === this.caseId && sequence === this.sequence) this.render(view, history, sheet);
    } catch (e) {
      replace(this.element, h('button', { class: 'panel-close', onclick: () => this.close() }, t('close')), h('p', { role: 'alert', class: 'error' }, e.message));
    }
  }

  render(view, history, sheet) {
    this.view = view;
    const c = this.context;
    replace(this.element,
      h('div', { class: 'panel-head' },
        h('h2', { id: 'case-title' }, view.id),
        h('span', { class: 'status-badge', id: 'case-status', 'data-status': view.status }, t(`s_${view.status}`)),
        h('button', { class: 'panel-close', onclick: () => this.close(), 'aria-label': t('close') }, '×')),
      h('dl', { class: 'details' },
        h('dt', {}, t('matter')), h('dd', {}, `${c.matterName(view.matterCode)} (${view.matterCode})`),
        h('dt', {}, t('urgency')), h('dd', {}, t(`u_${view.urgency}`)),
        h('dt', {}, t('channel')), h('dd', {}, view.channel),
        h('dt', {}, t('reportedAt')), h('dd', {}, formatTime(view.reportedAt)),
        h('dt', {}, t('address')), h('dd', {}, view.place.address ?? `${view.place.gridCode ?? view.place.communityCode}`),
        h('dt', {}, t('lead')), h('dd', {}, view.lead ?? '—'),
        h('dt', {}, t('description')), h('dd', {}, view.description)),
      h('button', { id: 'show-on-map', onclick: () => this.onShowOnMap?.(view) }, t('showOnMap')),
      h('h3', {}, t('clocks')), this.clocks(sheet),
      h('h3', {}, t('actions')), this.actions(sheet),
      h('h3', {}, t('history')), this.timeline(history));
  }

  clocks(sheet) {
    if (sheet.clocks.length === 0) return h('p', { class: 'muted' }, '—');
    return h('ul', { class: 'clocks', id: 'case-clocks' }, sheet.clocks.map((clock) => {
      const left = timeSpanMs(clock.remaining);
      const mode = clock.mode === 'working' ? t('workingTime') : t('naturalTime');
      return h('li', { class: `clock phase-${clock.phase}`, 'data-phase': clock.phase },
        h('span', { class: `badge ${clock.phase === 'overdue' ? 'red' : clock.phase === 'warned' ? 'yellow' : 'green'}` }, t(`phase_${clock.phase}`)),
        ` ${clock.key} → ${formatTime(clock.dueAt)} · `,
        left >= 0 ? `${t('timeLeft')} ${formatDuration(left)} (${mode})` : `${t('overdueBy')} ${formatDuration(left)} (${mode})`);
    }));
  }

  actions(sheet) {
    const area = h('div', { class: 'form-area' });
    const error = h('p', { role: 'alert', class: 'error', id: 'action-error' }, this.error ?? '');
    const buttons = sheet.commands.map((command) => h('button', {
      class: 'action', 'data-command': command, onclick: () => replace(area, this.form(command, error)),
    }, t(`c_${command}`)));
    return h('div', { class: 'actions', id: 'case-actions' }, buttons.length ? buttons : h('p', { class: 'muted' }, '—'), area, error);
  }

  form(command, error) {
    const inputs = {};
    const fields = commandFields[command].map(([name, kind, required]) => {
      const id = `field-${name}`;
      let input;
      if (kind === 'department') {
        const place = this.view.place;
        const near = this.context.departments.filter((d) => [place.streetCode, place.districtCode, place.districtCode.split('.')[0]].includes(d.orgUnitCode));
        input = h('select', { id, name }, near.map((d) => h('option', { value: d.code }, `${d.name} (${d.code})`)));
      } else if (kind === 'approve' || kind === 'passed') {
        input = h('select', { id, name }, h('option', { value: 'true' }, t(kind === 'approve' ? 'approve' : 'passed')), h('option', { value: 'false' }, t(kind === 'approve' ? 'deny' : 'failed')));
      } else if (kind === 'score') {
        input = h('select', { id, name }, [5, 4, 3, 2, 1].map((n) => h('option', { value: n }, '★'.repeat(n))));
      } else {
        input = h('input', { id, name, type: kind === 'number' ? 'number' : 'text', required, min: kind === 'number' ? 1 : undefined });
      }
      inputs[name] = [input, kind];
      return h('label', { for: id }, t(fieldLabels[name] ?? name), input);
    });

    const submit = async (event) => {
      event.preventDefault();
      const body = {};
      for (const [name, [input, kind]] of Object.entries(inputs)) {
        if (input.value === '') continue;
        if (kind === 'approve' || kind === 'passed') body[name] = input.value === 'true';
        else if (kind === 'score') body[name] = Number(input.value);
        else if (name === 'extraHours') body.extra = timeSpanOfHours(Number(input.value));
        else body[name] = input.value;
      }
      if (departmentCommands.has(command)) body.department = this.context.caller.org;
      try {
        await api(`/api/v1/cases/${encodeURIComponent(this.caseId)}/${command}`, { method: 'POST', body });
        this.error = null;
        await this.reload();
        this.onChanged?.();
      } catch (e) {
        error.textContent = e instanceof ApiError ? `${t('refused')}: ${e.message}` : e.message;
      }
    };
    const form = h('form', { class: 'command-form', 'data-command': command, onsubmit: submit },
      fields, h('button', { type: 'submit', class: 'primary', id: 'command-submit' }, `${t('confirm')}: ${t(`c_${command}`)}`));
    queueMicrotask(() => form.querySelector('input, select, button')?.focus());
    return form;
  }

  timeline(history) {
    return h('ol', { class: 'timeline', id: 'case-history' }, history.map((event) => {
      const by = event.meta.by;
      return h('li', { 'data-event': event.$event },
        h('time', { datetime: event.meta.at }, formatTime(event.meta.at)), ' ',
        h('strong', {}, event.$event), ' ',
        h('span', { class: 'by' }, `${by.id} · ${t(`r_${by.role}`)} · ${by.org ?? ''}`),
        event.meta.reason ? h('div', { class: 'why' }, event.meta.reason) : null);
    }));
  }
}
