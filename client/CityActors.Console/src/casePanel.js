import { api, ApiError } from './api.js';
import { h, replace } from './dom.js';
import { formatPercent, formatTime, t } from './i18n.js';
import { CaseClocks } from './caseClocks.js';
import { CaseSuggestions } from './caseSuggestions.js';
import { SimilarCases } from './caseSimilar.js';

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

/** The opener if it is still on the page, else its like for the same case (a live refresh redraws markers and rows). */
function returnFocus(opener, caseId) {
  if (!opener || opener === document.body) return;
  if (opener.isConnected) {
    opener.focus({ preventScroll: true });
    return;
  }
  const selector = opener.matches('.case-marker') ? `.case-marker[data-case-id="${CSS.escape(caseId ?? '')}"]`
    : `[data-case-id="${CSS.escape(caseId ?? '')}"] button`;
  document.querySelector(selector)?.focus({ preventScroll: true });
}

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
    // Escape gives the focus back to what opened the panel (a marker, a queue row, a ticker entry).
    if (!this.caseId || !this.element.contains(document.activeElement)) this.opener = document.activeElement;
    this.caseId = id;
    this.element.hidden = false;
    this.error = null;
    await this.reload();
    this.element.querySelector('.panel-close')?.focus();
  }

  close() {
    const id = this.caseId;
    this.caseId = null;
    this.element.hidden = true;
    this.stopClockTicks();
    returnFocus(this.opener, id);
  }

  /**
   * Reads the case again. A live change does not wipe a form the user is filling in: the panel is read again once it
   * is sent or closed, and if the case moved meanwhile the API's refusal says why.
   */
  async reload({ live = false } = {}) {
    const id = this.caseId;
    if (!id) return;
    const filling = () => live && this.element.querySelector('form.command-form');
    if (filling()) {
      this.clockView?.reread(); // the clocks still follow the case under a form
      return;
    }
    const sequence = (this.sequence = (this.sequence ?? 0) + 1);
    try {
      const [view, history, sheet] = await Promise.all([
        api(`/api/v1/cases/${encodeURIComponent(id)}`),
        api(`/api/v1/cases/${encodeURIComponent(id)}/history`),
        api(`/api/v1/cases/${encodeURIComponent(id)}/actions`),
      ]);
      // Only the latest read is drawn: an earlier one that answers late would show an older case. A form opened while
      // a live read was under way is not swept away by it either.
      if (id !== this.caseId || sequence !== this.sequence) return;
      if (filling()) this.clockView?.show(sheet);
      else this.render(view, history, sheet);
    } catch (e) {
      replace(this.element, h('button', { class: 'panel-close', onclick: () => this.close() }, t('close')), h('p', { role: 'alert', class: 'error' }, e.message));
    }
  }

  render(view, history, sheet) {
    this.view = view;
    const c = this.context;
    this.stopClockTicks();
    this.clockView = new CaseClocks(view.id);
    this.clockView.show(sheet);
    if (this.suggestions?.caseId !== view.id) this.suggestions = new CaseSuggestions(view.id, c);
    if (this.similar?.caseId !== view.id) this.similar = new SimilarCases(view.id, c);
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
      h('h3', {}, t('clocks')), this.clockView.element,
      this.suggestions.element,
      this.similar.element,
      h('h3', {}, t('actions')), this.actions(sheet),
      h('h3', {}, t('history')), this.timeline(history));
  }

  stopClockTicks() {
    this.clockView?.stop();
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

  departmentName(code) {
    const department = this.context.departments.find((d) => d.code === code);
    return department ? `${department.name} (${code})` : code;
  }

  timeline(history) {
    return h('ol', { class: 'timeline', id: 'case-history' }, history.map((event) => {
      const by = event.meta.by;
      const automatic = event.$event === 'auto-dispatched';
      return h('li', { 'data-event': event.$event, class: automatic ? 'automatic' : null },
        h('time', { datetime: event.meta.at }, formatTime(event.meta.at)), ' ',
        h('strong', {}, automatic ? t('autoDispatched') : event.$event), ' ',
        h('span', { class: 'by' }, `${automatic ? t('assistant') : by.id} · ${t(`r_${by.role}`)} · ${by.org ?? ''}`),
        automatic ? h('div', { class: 'why auto-dispatch' },
          `→ ${this.departmentName(event.lead)} · ${t('model')} ${event.modelVersion} · ${t('confidence')} ${formatPercent(event.confidence)} ≥ ${t('gate')} ${formatPercent(event.threshold)}`)
          : event.meta.reason ? h('div', { class: 'why' }, event.meta.reason) : null);
    }));
  }
}
