import { fetchEventSource } from '@microsoft/fetch-event-source';
import { session } from './api.js';

/**
 * The live feed (GET /api/v1/feed) read with fetch, so the bearer token goes in the Authorization header as for every
 * other call (EventSource cannot send it). On a dropped connection it reconnects with Last-Event-ID, so no case event
 * is missed or repeated.
 */
export class LiveFeed {
  constructor(handlers) {
    this.handlers = handlers;
    this.lastId = null;
  }

  start() {
    this.controller = new AbortController();
    const headers = () => ({ authorization: `Bearer ${session.token}`, ...(this.lastId ? { 'last-event-id': this.lastId } : {}) });
    fetchEventSource('/api/v1/feed', {
      headers: headers(),
      signal: this.controller.signal,
      openWhenHidden: true,
      onopen: async (response) => {
        if (!response.ok) throw new Error(`feed: HTTP ${response.status}`);
        document.body.dataset.live = 'open';
      },
      onmessage: (message) => {
        if (message.id) this.lastId = message.id;
        if (message.event === 'case') this.handlers.onCase(JSON.parse(message.data));
        else if (message.event === 'queue') this.handlers.onQueue(JSON.parse(message.data));
        else if (message.event === 'vitals') this.handlers.onVitals(JSON.parse(message.data));
      },
      onerror: (error) => {
        document.body.dataset.live = 'retrying';
        if (/HTTP 4\d\d/.test(error.message)) throw error; // a refused token will not get better by retrying
        return 2000;
      },
    }).catch(() => { document.body.dataset.live = 'closed'; });
  }

  stop() {
    this.controller?.abort();
  }
}
