import { api } from './api.js';
import { formatDuration, h, replace, timeSpanMs } from './dom.js';
import { formatTime, t } from './i18n.js';

/** How often an open case's clocks are read again when no point of theirs comes sooner. */
const tickMs = 30_000;
/** Read a point's outcome a moment after it, so the answer is already past it. */
const pastPointMs = 250;

/**
 * The running clocks of the open case: 黄灯 / 红灯 state and the time left, or how long overdue, in the clock's own
 * mode. The time left is counted by the API with the city's working calendar (working time does not pass at night or
 * on a holiday), so the console does not count it down itself: it reads the clocks again every 30 s, at the clock's
 * next point (yellow or red), and on every live event of the case. The delay to a point is taken between the API's
 * own instants (the sheet's "at" and the point), so a browser clock that is off does not move it.
 */
export class CaseClocks {
  constructor(caseId) {
    this.caseId = caseId;
    this.element = h('ul', { class: 'clocks', id: 'case-clocks' });
    this.timer = null;
    this.stopped = false;
  }

  show(sheet) {
    if (this.stopped) return;
    this.element.dataset.at = sheet.at;
    if (sheet.clocks.length === 0) replace(this.element, h('li', { class: 'muted' }, '—'));
    else replace(this.element, sheet.clocks.map(clockItem));
    this.schedule(sheet);
  }

  /** Reads the clocks again now (a live event of the case, or the timer). */
  async reread() {
    if (this.stopped) return;
    const sequence = (this.sequence = (this.sequence ?? 0) + 1);
    try {
      const sheet = await api(`/api/v1/cases/${encodeURIComponent(this.caseId)}/actions`);
      if (sequence === this.sequence) this.show(sheet);
    } catch {
      // A failed read leaves the clocks as they were and tries again at the next tick; the panel shows errors of its own reads.
      if (sequence === this.sequence) this.scheduleIn(tickMs);
    }
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  schedule(sheet) {
    const at = Date.parse(sheet.at);
    const points = sheet.clocks
      .map((clock) => (clock.phase === 'running' ? clock.warnAt : clock.phase === 'warned' ? clock.dueAt : null))
      .filter(Boolean)
      .map((point) => Date.parse(point) - at + pastPointMs)
      .filter((delay) => delay > 0);
    this.scheduleIn(Math.min(tickMs, ...points));
  }

  scheduleIn(delay) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.reread(), delay);
  }
}

/** Past the deadline (no time left) a clock is red whatever its last recorded phase: the tick that marks it may be a moment behind. */
function clockItem(clock) {
  const left = timeSpanMs(clock.remaining);
  const phase = left <= 0 ? 'overdue' : clock.phase;
  const mode = clock.mode === 'working' ? t('workingTime') : t('naturalTime');
  const tone = phase === 'overdue' ? 'red' : phase === 'warned' ? 'yellow' : 'green';
  return h('li', { class: `clock phase-${phase}`, 'data-phase': phase, 'data-key': clock.key },
    h('span', { class: `badge ${tone}` }, t(`phase_${phase}`)),
    ` ${clock.key} → ${formatTime(clock.dueAt)} · `,
    h('span', { class: `clock-left ${tone}` }, left > 0 ? `${t('timeLeft')} ${formatDuration(left)}` : `${t('overdueBy')} ${formatDuration(left)}`),
    ` (${mode})`);
}
