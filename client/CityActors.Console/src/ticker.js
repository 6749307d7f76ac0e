import { h } from './dom.js';
import { formatTime, t } from './i18n.js';

const kept = 30;

// The latest events outlive a redraw of the console (a language switch), as the feed does not send them again.
const recent = [];
const important = new Set(['reported', 'verified', 'accepted', 'dispatched', 'signed-for', 'handled', 'returned', 'closed',
  'timer-warned', 'timer-overdue', 'timer-escalated', 'supervision-issued', 'reopened', 'rejected', 'sensor-recovered']);

/** Forgets the latest events: the next person to sign in in this tab may have another scope. */
export function forgetTicker() {
  recent.length = 0;
}

/** The latest case events, newest first; each opens its case. */
export class Ticker {
  constructor(element, context, openCase) {
    this.context = context;
    this.openCase = openCase;
    this.list = h('ol', { id: 'ticker-list' });
    element.append(h('strong', {}, `${t('ticker')}: `), this.list);
    for (const message of [...recent].reverse()) this.show(message);
  }

  add(message) {
    if (!important.has(message.event.$event)) return;
    recent.unshift(message);
    recent.splice(kept);
    this.show(message);
  }

  show({ caseId, event }) {
    const tone = event.$event === 'timer-overdue' || event.$event === 'timer-escalated' ? 'red' : event.$event === 'timer-warned' ? 'yellow' : '';
    this.list.prepend(h('li', { class: tone, 'data-case-id': caseId, 'data-event': event.$event },
      h('button', { onclick: () => this.openCase(caseId) }, `${formatTime(event.meta.at)} ${caseId} ${event.$event}`)));
    while (this.list.children.length > kept) this.list.lastChild.remove();
  }
}
