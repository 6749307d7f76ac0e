import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { api, query } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { levelNames, levelOf } from './units.js';

const openStatuses = 'reported,verified,accepted,dispatched,handling,handled';
const statusColours = {
  reported: '#6f42c1', verified: '#0d6efd', accepted: '#0dcaf0', dispatched: '#20c997', handling: '#198754', handled: '#adb5bd',
};

/**
 * The city drawn from its own boundaries (no tile server): the caller's unit outlined, the units of the level that
 * suits the zoom filled by their open cases (red edge when some are overdue), open cases as markers coloured by
 * status (yellow / red clocks and sensor alarms drawn over them). Clicking a unit or a case opens it.
 */
const readingOrder = (a, b) => (b.place.latitude ?? 0) - (a.place.latitude ?? 0) || (a.place.longitude ?? 0) - (b.place.longitude ?? 0);

/** A shape's SVG path as a button: a Tab stop with a name (a case's id, matter and status; a unit's name), opened with Enter or Space. */
function makeFocusable(element, data, name, open) {
  if (!element) return;
  Object.assign(element.dataset, data);
  element.setAttribute('tabindex', '0');
  element.setAttribute('role', 'button');
  element.setAttribute('aria-label', name);
  element.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    // Leaflet's map would also take the key (Enter opens nothing, Space pans): the marker has it.
    event.stopPropagation();
    open();
  });
}

export class CityMap {
  constructor(element, context, openCase) {
    this.context = context;
    this.openCase = openCase;
    this.focus = context.scopeRoot;
    this.map = L.map(element, { zoomSnap: 0.5, attributionControl: false, keyboard: true });
    this.outline = L.geoJSON(null, { style: { color: '#1b2a41', weight: 3, fill: false }, interactive: false }).addTo(this.map);
    this.units = L.geoJSON(null, { style: (f) => this.unitStyle(f), onEachFeature: (f, layer) => this.bindUnit(f, layer) }).addTo(this.map);
    // Cases get a pane of their own above the units, so their SVG follows the units' in the page and Tab reaches the
    // units first, then the cases, however often either is redrawn.
    this.map.createPane('cases').style.zIndex = '450';
    this.markers = L.layerGroup().addTo(this.map);
    this.counts = new Map();
    this.layerCache = new Map();
    this.legend = L.control({ position: 'bottomleft' });
    this.legend.onAdd = () => this.legendElement();
    this.legend.addTo(this.map);
    // Zooming and panning redraw once the first view is set up (fitting the bounds fires both).
    this.map.on('zoomend', () => { if (this.baseZoom !== undefined) this.loadUnits(); });
    this.map.on('moveend', () => { if (this.baseZoom !== undefined) this.loadMarkers(); });
  }

  async load() {
    this.baseZoom = undefined;
    const rootLevel = levelNames[Math.max(2, levelOf(this.focus))];
    const outline = await this.layer(rootLevel, this.focus);
    this.outline.clearLayers().addData(outline);
    const bounds = this.outline.getBounds();
    if (bounds.isValid()) this.map.fitBounds(bounds, { padding: [10, 10] });
    this.baseZoom = this.map.getZoom();
    await Promise.all([this.loadUnits(), this.loadMarkers()]);
  }

  /** The choropleth's level: one below the focus, one deeper for every ~1.5 zoom steps in; grid cells only within a street. */
  levelForZoom() {
    const focusLevel = levelOf(this.focus);
    const deeper = Math.max(0, Math.floor((this.map.getZoom() - this.baseZoom) / 1.5));
    const deepest = focusLevel >= 3 ? 5 : 4;
    return Math.min(deepest, Math.max(2, focusLevel + 1 + deeper, focusLevel));
  }

  async layer(level, within) {
    const key = `${level}|${within}`;
    if (!this.layerCache.has(key)) this.layerCache.set(key, api(`/api/v1/map/${level}${query({ within })}`));
    return this.layerCache.get(key);
  }

  async loadUnits() {
    const level = levelNames[this.levelForZoom()];
    const [layer, counts] = await Promise.all([
      this.layer(level, this.focus),
      api(`/api/v1/map/${level}/counts${query({ within: this.focus })}`),
    ]);
    this.level = level;
    this.counts = new Map(counts.units.map((u) => [u.code, u]));
    this.maxOpen = Math.max(1, ...counts.units.map((u) => u.open));
    const focused = document.activeElement?.dataset?.unit;
    this.units.clearLayers().addData(layer);
    if (focused) this.map.getContainer().querySelector(`.unit[data-unit="${CSS.escape(focused)}"]`)?.focus({ preventScroll: true });
    this.map.getContainer().dataset.level = level;
    this.map.getContainer().dataset.openCases = String(counts.units.reduce((sum, u) => sum + u.open, 0));
  }

  unitStyle(feature) {
    const count = this.counts.get(feature.id) ?? { open: 0, warned: 0, overdue: 0, alarms: 0 };
    const share = count.open / this.maxOpen;
    return {
      color: count.overdue > 0 ? '#d62828' : count.warned > 0 ? '#f4a261' : '#5c677d',
      weight: count.overdue > 0 || count.warned > 0 ? 2 : 1,
      fillColor: count.open === 0 ? '#e9ecef' : `hsl(210, 70%, ${85 - share * 50}%)`,
      fillOpacity: 0.65,
      className: `unit unit-${feature.id.replaceAll('.', '-')}`,
    };
  }

  bindUnit(feature, layer) {
    // Units come before the cases in the Tab order (their paths are drawn first); Enter opens the unit's popup.
    layer.on('add', () => makeFocusable(layer.getElement(), { unit: feature.id }, feature.properties.name, () => layer.fire('click')));
    layer.bindTooltip(() => {
      const c = this.counts.get(feature.id) ?? { open: 0, warned: 0, overdue: 0, alarms: 0 };
      return `${feature.properties.name}<br>${t('open')} ${c.open} · ${t('warned')} ${c.warned} · ${t('overdue')} ${c.overdue} · ${t('alarms')} ${c.alarms}`;
    });
    layer.on('click', () => {
      const c = this.counts.get(feature.id) ?? { open: 0, warned: 0, overdue: 0, alarms: 0 };
      const popup = h('div', { class: 'unit-popup', 'data-unit': feature.id },
        h('strong', {}, feature.properties.name), h('div', {}, feature.id),
        h('div', {}, `${t('open')} ${c.open} · ${t('warned')} ${c.warned} · ${t('overdue')} ${c.overdue} · ${t('alarms')} ${c.alarms}`),
        c.emergency ? h('div', { class: 'badge red' }, `${t('emergency')}: ${c.emergency}`) : null,
        levelOf(feature.id) < 5 ? h('button', { onclick: () => this.focusOn(feature.id) }, t('focusHere')) : null,
        this.focus !== this.context.scopeRoot ? h('button', { onclick: () => this.focusOn(this.context.scopeRoot) }, t('backToScope')) : null);
      layer.bindPopup(popup).openPopup();
    });
  }

  async focusOn(code) {
    this.map.closePopup();
    this.focus = code;
    await this.load();
  }

  async loadMarkers() {
    const b = this.map.getBounds();
    const bbox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((v) => v.toFixed(5)).join(',');
    const scope = this.context.isDepartment ? { department: this.context.caller.org } : { orgUnit: this.focus };
    const page = await api(`/api/v1/cases${query({ ...scope, status: openStatuses, bbox, limit: 500 })}`);
    const focused = document.activeElement?.dataset?.caseId;
    this.markers.clearLayers();
    // Tab goes through the markers in reading order (north to south, west to east), as their paths' order in the SVG.
    for (const view of [...page.cases].sort(readingOrder)) this.addMarker(view);
    // A redraw must not drop the keyboard user's place: the marker they were on takes the focus back.
    if (focused) this.focusMarker(focused);
    this.map.getContainer().dataset.markers = String(page.cases.length);
  }

  addMarker(view) {
    const { latitude, longitude } = view.place;
    if (latitude === null || latitude === undefined) return;
    const phase = view.timers.some((c) => c.stage !== null && c.phase === 'overdue') ? 'overdue'
      : view.timers.some((c) => c.stage !== null && c.phase === 'warned') ? 'warned' : 'running';
    const alarm = view.channel === 'sensor' && !view.sensorRecoveredAt;
    const marker = L.circleMarker([latitude, longitude], {
      pane: 'cases',
      radius: alarm ? 9 : 7,
      color: phase === 'overdue' ? '#d62828' : phase === 'warned' ? '#f4a261' : '#1b2a41',
      weight: phase === 'running' ? 1 : 3,
      fillColor: statusColours[view.status] ?? '#6c757d',
      fillOpacity: 0.9,
      className: `case-marker status-${view.status} phase-${phase}${alarm ? ' alarm' : ''}`,
    });
    const name = `${view.id} · ${this.context.matterName(view.matterCode)} · ${t(`s_${view.status}`)}`;
    marker.on('add', () => makeFocusable(marker.getElement(), { caseId: view.id }, name, () => this.openCase(view.id)));
    marker.bindTooltip(name);
    marker.on('click', () => this.openCase(view.id));
    marker.addTo(this.markers);
  }

  /** Puts the focus on a case's marker if it is drawn; false when it is not (off screen or closed). */
  focusMarker(caseId) {
    const element = this.map.getContainer().querySelector(`.case-marker[data-case-id="${CSS.escape(caseId)}"]`);
    element?.focus({ preventScroll: true });
    return Boolean(element);
  }

  async refresh() {
    await Promise.all([this.loadUnits(), this.loadMarkers()]);
  }

  showCase(view) {
    if (view.place.latitude === null || view.place.latitude === undefined) return;
    this.map.flyTo([view.place.latitude, view.place.longitude], Math.max(this.map.getZoom(), 15), { duration: 0.5 });
  }

  legendElement() {
    return h('div', { class: 'legend', 'aria-label': t('legend') },
      h('div', {}, h('span', { class: 'swatch', style: 'background:hsl(210,70%,35%)' }), t('open')),
      h('div', {}, h('span', { class: 'swatch edge', style: 'border-color:#f4a261' }), t('warned')),
      h('div', {}, h('span', { class: 'swatch edge', style: 'border-color:#d62828' }), t('overdue')),
      h('div', {}, h('span', { class: 'swatch dot alarm-dot' }), t('alarms')));
  }
}
