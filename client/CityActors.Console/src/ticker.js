import { h } from './dom.js';
import { formatTime, t } from './i18n.js';

const kept = 30;
const important = new Set(['reported', 'verified', 'accepted', 'dispatched', 'signed-for', 'handled', 'returned', 'closed',
  'timer-warned', 'timer-overdue', 'timer-escalated', 'supervision-issued', 'reopened', 'rejected', 'sensor-recovered']);

/** The latest case events, newest first; each opens its case. */
export class Ticker {
  constructor(element, context, openCase) {
    this.context = context;
    this.openCase = openCase;
    this.list = h('ol', { id: 'ticker-list' });
    element.append(h('strong', {}, `${t('ticker')}: `), this.list);
  }

  add({ caseId, event }) {
    if (!important.has(event.$event)) return;
    const tone = event.$event === 'timer-overdue' || event.$event === 'timer-escalated' ? 'red' : event.$event === 'timer-warned' ? 'yellow' : '';
    this.list.prepend(h('li', { class: tone, 'data-case-id': caseId, 'data-event': event.$event },
      h('button', { onclick: () => this.openCase(caseId) }, `${formatTime(event.meta.at)} ${caseId} ${event.$event}`)));
    while (this.list.children.length > kept) this.list.lastChild.remove();
  }
}
