import { api, ApiError } from './api.js';
import { h, replace } from './dom.js';
import { formatPercent, formatTime, t } from './i18n.js';

/**
 * What the city's learned model suggests for a case as it was reported (智能分类 · 智能分拨): its top three matters
 * with their confidence, the departments the catalogue names at the place beside the one history points to, whether
 * that is sure enough to dispatch without a person (the gate), and the expected resolution time. From GET
 * /api/v1/cases/{id}/suggestions; a city that ships no model answers 404, the section stays empty and the console
 * does not ask again until the next sign-in. The suggestion is
 * for the case as reported, so it is read once per opened case, not on every live change.
 */
export class CaseSuggestions {
  constructor(caseId, context) {
    this.caseId = caseId;
    this.context = context;
    this.element = h('section', { class: 'suggestions', id: 'case-suggestions', hidden: true, 'aria-label': t('suggestions') });
    this.loaded = this.load();
  }

  async load() {
    if (this.context.cityHasNoModel) return;
    try {
      const suggestion = await api(`/api/v1/cases/${encodeURIComponent(this.caseId)}/suggestions`);
      this.render(suggestion);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) {
        // The panel has just read the case, so a 404 here is the city's missing model: not asked again this session.
        this.context.cityHasNoModel = true;
        return;
      }
      this.element.hidden = false;
      replace(this.element, h('p', { class: 'muted' }, `${t('suggestions')}: ${e.message}`));
    }
  }

  render(suggestion) {
    const department = (code) => {
      const found = this.context.departments.find((d) => d.code === code);
      return found ? `${found.name} (${code})` : code;
    };
    const dispatch = suggestion.dispatch;
    const catalogue = dispatch.catalogue.length ? dispatch.catalogue.map(department).join(', ') : t('leftToCentre');
    const history = dispatch.history ? `${department(dispatch.history)} · ${formatPercent(dispatch.confidence)}` : '—';
    this.element.hidden = false;
    this.element.dataset.model = suggestion.modelVersion;
    replace(this.element,
      h('h3', {}, t('suggestions')),
      h('ol', { class: 'suggested-matters', id: 'suggested-matters' }, suggestion.matters.map((m) => h('li', { 'data-matter': m.code },
        h('span', {}, `${this.context.matterName(m.code)} (${m.code})`), ' ',
        h('strong', { class: 'confidence' }, formatPercent(m.confidence))))),
      h('dl', { class: 'details' },
        h('dt', {}, t('catalogueDepartments')), h('dd', { id: 'suggested-catalogue', title: dispatch.catalogueExplanation }, catalogue),
        h('dt', {}, t('historyDepartment')), h('dd', { id: 'suggested-history' }, history),
        h('dt', {}, t('autoGate')), h('dd', { id: 'suggested-gate', 'data-automatic': String(dispatch.automatic) },
          `${dispatch.automatic ? t('wouldBeAutomatic') : t('leftToPerson')} (${t('gate')} ${formatPercent(dispatch.threshold)})`),
        h('dt', {}, t('expectedResolution')), h('dd', { id: 'suggested-expected' }, suggestion.expectedHours === null || suggestion.expectedHours === undefined
          ? '—' : `${suggestion.expectedHours.toFixed(1)} ${t('hours')} · ${formatTime(suggestion.expectedAt)}`)),
      h('p', { class: 'muted model-version' }, `${t('model')} ${suggestion.modelVersion}`));
  }
}
