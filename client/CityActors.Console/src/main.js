import './styles.css';
import { api, callerOf, session } from './api.js';
import { h, replace } from './dom.js';
import { currentLanguage, setLanguage, t } from './i18n.js';
import { showLogin } from './login.js';
import { CityMap } from './map.js';
import { Queues } from './queues.js';
import { CasePanel } from './casePanel.js';
import { Kpis } from './kpis.js';
import { Vitals } from './vitals.js';
import { LiveFeed } from './live.js';
import { forgetTicker, Ticker } from './ticker.js';

const root = document.getElementById('app');

async function start() {
  const token = session.token;
  if (!token || callerOf(token).expires < Date.now()) {
    session.token = null;
    showLogin(root, start);
    return;
  }

  const caller = callerOf(token);
  const [departments, matters, profiles] = await Promise.all([
    api('/api/v1/departments'), api('/api/v1/matters'), api('/api/v1/emergency/profiles'),
  ]);
  const department = departments.find((d) => d.code === caller.org);
  const context = {
    caller,
    departments,
    matters: new Map(matters.map((m) => [m.code, m])),
    profiles,
    isDepartment: caller.role === 'departmentClerk' || caller.role === 'departmentHandler',
    isCentre: caller.role === 'centreOperator' || caller.role === 'centreLeader',
    isField: caller.role === 'gridInspector' || caller.role === 'communityWorker',
    // Centre and field staff see their own unit and below; department staff their department's unit.
    scopeRoot: department ? department.orgUnitCode : caller.org,
  };
  context.matterName = (code) => {
    const matter = context.matters.get(code);
    return matter ? (currentLanguage() === 'zh' ? matter.nameZh : matter.nameEn) : code;
  };
  render(context);
}

function render(context) {
  const mobile = context.isField;
  const views = {};
  const content = h('div', { class: 'side-content' });
  const tabs = ['queues', 'kpis', 'vitals'];
  let activeTab = 'queues';
  const tabButtons = tabs.map((name) => h('button', {
    role: 'tab', id: `tab-${name}`, 'aria-controls': 'side-content', 'aria-selected': String(name === activeTab),
    onclick: () => selectTab(name),
  }, t(name === 'queues' && context.isField ? 'myCases' : name)));

  function selectTab(name) {
    activeTab = name;
    tabButtons.forEach((b, i) => b.setAttribute('aria-selected', String(tabs[i] === name)));
    replace(content, views[name].element);
    views[name].show?.();
  }

  const header = h('header', { class: 'top' },
    h('h1', {}, t('title'), h('small', {}, ` ${t('subtitle')}`)),
    h('span', { class: 'who', id: 'who' }, `${t(`r_${context.caller.role}`)} · ${context.caller.id} · ${context.caller.org ?? ''}`),
    h('button', { id: 'language', onclick: () => { setLanguage(currentLanguage() === 'zh' ? 'en' : 'zh'); leave(); render(context); } }, t('language')),
    h('button', { id: 'sign-out', onclick: () => { session.token = null; leave(); forgetTicker(); start(); } }, t('signOut')));

  // The views drawn next replace these: the feed and the open case's clock reads stop with them.
  function leave() {
    live.stop();
    panel.stopClockTicks();
  }

  const mapElement = h('div', { id: 'map', role: 'region', 'aria-label': t('map') });
  const side = h('aside', { class: 'side' }, h('div', { role: 'tablist', class: 'tabs' }, tabButtons), content);
  content.id = 'side-content';
  const tickerElement = h('footer', { class: 'ticker', 'aria-label': t('ticker') });
  const panelElement = h('div', { id: 'case-panel', class: 'case-panel', hidden: true, role: 'dialog', 'aria-label': t('details') });
  replace(root, h('div', { class: mobile ? 'console mobile' : 'console' }, header, h('main', { class: 'layout' }, mapElement, side), tickerElement, panelElement));

  const panel = new CasePanel(panelElement, context);
  const map = new CityMap(mapElement, context, (id) => panel.open(id));
  panel.onShowOnMap = (view) => map.showCase(view);
  panel.onChanged = () => refreshSoon();
  views.queues = new Queues(context, (id) => panel.open(id));
  views.kpis = new Kpis(context);
  views.vitals = new Vitals(context);
  const ticker = new Ticker(tickerElement, context, (id) => panel.open(id));
  selectTab(activeTab);

  // Live events move the map, the queues and an open case within a second; bursts are refreshed once. Lists, queues
  // and KPIs come from the read model, which follows the feed by milliseconds (more under a burst), so every burst is
  // read once more a little later: a view never stays behind the last event it was told about.
  let timer = null;
  let followUp = null;
  const touched = new Set();
  function refreshNow(ids) {
    map.refresh(ids);
    views.queues.refresh();
    if (activeTab === 'kpis') views.kpis.refresh();
  }
  function refreshSoon(caseId) {
    if (caseId) touched.add(caseId);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const ids = [...touched];
      touched.clear();
      refreshNow(ids);
      if (panel.caseId && ids.includes(panel.caseId)) panel.reload({ live: true });
      clearTimeout(followUp);
      followUp = setTimeout(() => refreshNow(ids), 1500);
    }, 150);
  }

  const live = new LiveFeed({
    onCase: (message) => { ticker.add(message); refreshSoon(message.caseId); },
    onQueue: () => refreshSoon(),
    onVitals: (vitals) => views.vitals.update(vitals),
  });

  Promise.all([map.load(), views.queues.refresh(), views.vitals.load()]).then(() => {
    live.start();
    performance.mark('console-ready');
    document.body.dataset.ready = 'true';
  });
}

start().catch((error) => {
  replace(root, h('p', { role: 'alert', class: 'error' }, error.message));
});
