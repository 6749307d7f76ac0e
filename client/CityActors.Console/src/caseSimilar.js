import { api } from './api.js';
import { h, replace } from './dom.js';
import { formatTime, t } from './i18n.js';

/**
 * 相似案例: the city's own closed cases of the same matter most like this one in words and place, each with how it was
 * resolved and how long that took (GET /api/v1/cases/{id}/similar). What was closed does not change while a panel is
 * open, so the list is read once per opened case, not on every live change of the case itself.
 */
export class SimilarCases {
  constructor(caseId, context) {
    this.caseId = caseId;
    this.context = context;
    this.element = h('section', { class: 'similar', id: 'case-similar', 'aria-label': t('similarCases') }, h('h3', {}, t('similarCases')));
    this.loaded = this.load();
  }

  async load() {
    try {
      const answer = await api(`/api/v1/cases/${encodeURIComponent(this.caseId)}/similar?limit=5`);
      this.render(answer.similar);
    } catch (e) {
      replace(this.element, h('h3', {}, t('similarCases')), h('p', { class: 'muted' }, e.message));
    }
  }

  render(similar) {
    if (similar.length === 0) {
      replace(this.element, h('h3', {}, t('similarCases')), h('p', { class: 'muted', id: 'no-similar-cases' }, t('noSimilarCases')));
      return;
    }

    replace(this.element,
      h('h3', {}, t('similarCases')),
      h('ol', { class: 'similar-cases', id: 'similar-cases' }, similar.map((s) => h('li', { 'data-case-id': s.id, 'data-score': s.score },
        h('strong', {}, s.id), ` · ${this.context.matterName(s.matterCode)} · ${formatTime(s.closedAt)}`,
        h('div', { class: 'similar-description' }, s.description),
        h('div', { class: 'similar-closure' }, `${t('resolvedBy')}: ${s.closure ?? '—'}`),
        h('div', { class: 'muted' }, [
          `${t('handledIn')} ${s.handlingHours.toFixed(1)} ${t('hours')}`,
          s.distanceMeters === null || s.distanceMeters === undefined ? null : ` · ${Math.round(s.distanceMeters)} m ${t('away')}`,
        ])))));
  }
}
