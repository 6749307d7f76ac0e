import { api, ApiError, query } from './api.js';
import { h, replace } from './dom.js';
import { currentLanguage, formatTime, t } from './i18n.js';
import { levelOf } from './units.js';

/** A sparkline of a day's minutes: one SVG polyline, scaled to the series' own range. */
function sparkline(points) {
  const width = 160;
  const height = 32;
  if (points.length < 2) return h('span', { class: 'muted' }, '—');
  const values = points.map((p) => p.average);
  const min = Math.min(...values);
  const span = Math.max(...values) - min || 1;
  const line = values.map((v, i) => `${((i / (values.length - 1)) * width).toFixed(1)},${(height - ((v - min) / span) * (height - 2) - 1).toFixed(1)}`).join(' ');
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('class', 'sparkline');
  svg.setAttribute('role', 'img');
  const polyline = document.createElementNS('http://www.w3.org/2000/svg', 'polyline');
  polyline.setAttribute('points', line);
  svg.append(polyline);
  return svg;
}

/**
 * 城市体征 of the caller's unit: sensors by status, active alarms, open / warned / overdue cases by matter, each
 * indicator's latest value with a sparkline of its last 24 hours, and the emergency mode in force. A leader of the
 * unit's centre switches the emergency mode here (profile, reason, then a confirmation step).
 */
export class Vitals {
  constructor(context) {
    this.context = context;
    this.display = h('div', {});
    this.controls = h('div', {});
    this.element = h('section', { class: 'vitals', id: 'vitals', 'aria-label': t('vitals') }, this.display, this.controls);
    this.controlsMode = undefined;
  }

  async load() {
    if (this.context.scopeRoot) this.update(await api(`/api/v1/vitals/${encodeURIComponent(this.context.scopeRoot)}`));
  }

  async update(vitals) {
    this.vitals = vitals;
    const histories = await Promise.all(vitals.indicators.map((i) =>
      api(`/api/v1/vitals/${encodeURIComponent(vitals.unitCode)}/history${query({ indicator: i.indicator })}`).catch(() => ({ points: [] }))));
    this.render(vitals, histories);
  }

  render(vitals, histories) {
    const totals = vitals.cases.reduce((s, c) => ({ open: s.open + c.open, warned: s.warned + (c.warned ?? 0), overdue: s.overdue + c.overdue }), { open: 0, warned: 0, overdue: 0 });
    const emergency = vitals.emergency;
    const profileName = (p) => (currentLanguage() === 'zh' ? p.nameZh : p.nameEn);
    replace(this.display,
      h('h2', {}, `${t('vitals')} · ${vitals.unitCode}`),
      h('div', { class: `emergency-state ${emergency ? 'on' : 'off'}`, id: 'emergency-state', 'data-profile': emergency?.profile.code ?? '' },
        emergency ? `${t('emergency')}: ${profileName(emergency.profile)} — ${emergency.reason} (${emergency.by.id}, ${formatTime(emergency.since)})` : t('emergencyOff')),
      h('div', { class: 'tiles' },
        this.tile('open', totals.open), this.tile('warned', totals.warned), this.tile('overdue', totals.overdue),
        this.tile('alarms', vitals.activeAlarms), this.tile('online', `${vitals.sensors.online}/${vitals.sensors.registered}`),
        this.tile('offline', vitals.sensors.offline)),
      h('h3', {}, t('indicators')),
      h('table', { class: 'indicators', id: 'vital-indicators' },
        h('tbody', {}, vitals.indicators.map((i, n) => h('tr', { 'data-indicator': i.indicator },
          h('th', { scope: 'row' }, i.indicator),
          h('td', {}, i.latest === null ? '—' : `${i.latest} ${i.unitOfMeasure}`),
          h('td', {}, `max ${i.last24Hours.max ?? '—'}`),
          h('td', {}, sparkline(histories[n].points)))))),
      h('h3', {}, t('casesByMatter')),
      h('ul', { class: 'matters' }, vitals.cases.map((c) => h('li', {}, `${this.context.matterName(c.matterCode)}: ${t('open')} ${c.open} · ${t('warned')} ${c.warned ?? 0} · ${t('overdue')} ${c.overdue}`))));

    // The switch is drawn again only when the mode changes, so a leader's half-typed reason or open confirmation
    // survives the vital signs that keep arriving.
    const mode = emergency?.profile.code ?? null;
    if (mode !== this.controlsMode) {
      this.controlsMode = mode;
      replace(this.controls, this.switchControls(emergency));
    }
  }

  /** Only a leader of this unit's own centre may switch it; the API checks the same. */
  switchControls(emergency) {
    const c = this.context;
    if (c.caller.role !== 'centreLeader' || levelOf(c.caller.org) > 3) return null;
    const centre = `${c.caller.org}.ops`;
    const error = h('p', { role: 'alert', class: 'error', id: 'emergency-error' });
    const reason = h('input', { id: 'emergency-reason', required: true, 'aria-label': t('reason'), placeholder: t('reason') });
    const profile = h('select', { id: 'emergency-profile', 'aria-label': t('profile') },
      c.profiles.map((p) => h('option', { value: p.code }, currentLanguage() === 'zh' ? p.nameZh : p.nameEn)));
    const confirmArea = h('div', { class: 'confirm', id: 'emergency-confirm' });

    const ask = (action) => {
      if (!reason.value.trim()) {
        error.textContent = t('reason');
        reason.focus();
        return;
      }
      replace(confirmArea,
        h('span', {}, `${t('confirmSwitch')} ${centre}: ${action === 'switch-on' ? `${t('switchOn')} ${profile.value}` : t('switchOff')}`),
        h('button', { id: 'emergency-confirm-yes', class: 'danger', onclick: () => run(action) }, t('confirm')),
        h('button', { id: 'emergency-confirm-no', onclick: () => replace(confirmArea) }, t('cancel')));
      confirmArea.querySelector('button').focus();
    };
    const run = async (action) => {
      try {
        const body = action === 'switch-on' ? { profile: profile.value, reason: reason.value } : { reason: reason.value };
        await api(`/api/v1/emergency/${encodeURIComponent(centre)}/${action}`, { method: 'POST', body });
        await this.load();
      } catch (e) {
        error.textContent = e instanceof ApiError ? `${t('refused')}: ${e.message}` : e.message;
      }
    };
    return h('fieldset', { class: 'emergency-switch' }, h('legend', {}, `${t('emergency')} · ${centre}`),
      emergency ? null : profile, reason,
      emergency
        ? h('button', { id: 'emergency-off', onclick: () => ask('switch-off') }, t('switchOff'))
        : h('button', { id: 'emergency-on', class: 'danger', onclick: () => ask('switch-on') }, t('switchOn')),
      confirmArea, error);
  }

  tile(name, value) {
    return h('div', { class: 'tile', 'data-vital': name }, h('span', { class: 'tile-value' }, String(value)), h('span', { class: 'tile-label' }, t(name)));
  }
}
