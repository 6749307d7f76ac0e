// Chinese and English labels. The language is the user's choice (kept in localStorage), Chinese by default for a
// Chinese browser; every view renders through t() so switching re-renders in place.
const zh = {
  title: '一屏观天下', subtitle: '一网管全城', signIn: '登录', signOut: '退出', id: '工号', role: '角色', org: '所属单位/部门',
  token: '或粘贴令牌', devTokens: '开发令牌（内嵌模式）', language: 'English', map: '地图', queues: '工作队列', kpis: '绩效指标',
  vitals: '城市体征', ticker: '实时动态', open: '在办', warned: '黄灯', overdue: '红灯', escalated: '升级', alarms: '告警',
  more: '更多', filter: '筛选', noCases: '暂无案件', close: '关闭', history: '处置过程', actions: '可执行操作', clocks: '时限',
  timeLeft: '剩余', workingTime: '工作时间', naturalTime: '自然时间', overdueBy: '超时', details: '详情', showOnMap: '在地图上定位',
  status: '状态', matter: '事项', urgency: '紧急程度', reportedAt: '上报时间', address: '地址', lead: '主办部门', channel: '渠道',
  description: '描述', submit: '提交', cancel: '取消', confirm: '确认', refused: '操作被拒绝', done: '已完成', period: '统计周期',
  days7: '近7天', days30: '近30天', days90: '近90天', onTimeClosureRate: '按期结案率', closureRate: '结案率', reworkRate: '返工率',
  returnRate: '退单率', extensionRate: '延期率', timelyDispatchRate: '及时派遣率', averageHandlingHours: '平均处置时长（小时）',
  satisfaction: '满意度', reported: '上报', closed: '结案', trend: '每日趋势', rankingStreets: '下级单位排名', rankingDepartments: '部门排名',
  sensors: '传感器', online: '在线', offline: '离线', pending: '待接入', emergency: '应急模式', emergencyOff: '平时状态',
  switchOn: '切换为战时', switchOff: '恢复平时', profile: '预案', reason: '原因', confirmSwitch: '确认切换？', indicators: '监测指标',
  casesByMatter: '分事项案件', unit: '单位', level: '层级', district: '区', street: '街道', community: '社区', grid: '网格',
  focusHere: '聚焦此单位', backToScope: '返回本级', legend: '图例', myCases: '我的网格案件', loading: '加载中…', signedInAs: '当前用户',
  note: '备注', department: '部门', feedback: '处置反馈', passed: '核查通过', failed: '核查不通过', hours: '小时', approve: '同意',
  deny: '不同意', score: '评分', text: '督办内容', into: '合并到', coHandlers: '协办部门', caseCount: '件', ready: '就绪',
  q_awaitingVerification: '待核实', q_awaitingDispatch: '待派遣', q_awaitingSignFor: '待签收', q_inHandling: '处置中',
  q_awaitingInspection: '待核查', q_awaitingApproval: '待审批', q_warned: '黄灯', q_overdue: '红灯', q_escalated: '已升级', q_supervised: '督办',
  s_reported: '已上报', s_verified: '已核实', s_accepted: '已立案', s_dispatched: '已派遣', s_handling: '处置中', s_handled: '已处置',
  s_closed: '已结案', s_rejected: '已退回', s_merged: '已合并',
  c_verify: '核实', c_reject: '不予立案', c_merge: '合并', c_accept: '立案', c_dispatch: '派遣', 'c_sign-for': '签收',
  'c_report-handled': '反馈处置', c_return: '退单', 'c_request-extension': '申请延期', 'c_decide-extension': '审批延期',
  'c_request-suspension': '申请缓办', 'c_decide-suspension': '审批缓办', c_resume: '恢复', c_inspect: '核查结案', c_evaluate: '回访评价',
  c_supervise: '督办', c_reopen: '重新打开',
  r_centreOperator: '城运中心值班员', r_centreLeader: '城运中心领导', r_departmentClerk: '部门受理员', r_departmentHandler: '部门处置人员',
  r_gridInspector: '网格员', r_communityWorker: '社区工作者', r_channelSystem: '受理渠道系统', r_citizen: '市民', r_system: '系统',
  u_normal: '一般', u_urgent: '紧急', phase_running: '正常', phase_warned: '黄灯', phase_overdue: '红灯',
  suggestions: '智能分类 · 智能分拨', catalogueDepartments: '事项清单指定', historyDepartment: '历史经验指向', autoGate: '自动派遣',
  wouldBeAutomatic: '可自动派遣', leftToPerson: '需人工派遣', leftToCentre: '由城运中心派遣', gate: '门限', expectedResolution: '预计办结',
  model: '模型', confidence: '置信度', autoDispatched: '智能派遣', assistant: '智能派遣助手', noCasesInPeriod: '本期无案件',
  similarCases: '相似案例', noSimilarCases: '暂无相似的已结案件', resolvedBy: '处置情况', handledIn: '办理用时', away: '距离',
};

const en = {
  title: 'City on one screen', subtitle: 'One network runs the city', signIn: 'Sign in', signOut: 'Sign out', id: 'Staff id', role: 'Role',
  org: 'Org unit / department', token: 'or paste a token', devTokens: 'Development token (embedded mode)', language: '中文', map: 'Map',
  queues: 'Work queues', kpis: 'KPIs', vitals: 'Vital signs', ticker: 'Live events', open: 'Open', warned: 'Warned', overdue: 'Overdue',
  escalated: 'Escalated', alarms: 'Alarms', more: 'More', filter: 'Filter', noCases: 'No cases', close: 'Close', history: 'History',
  actions: 'Actions', clocks: 'Time limits', timeLeft: 'left', workingTime: 'working time', naturalTime: 'natural time', overdueBy: 'overdue by',
  details: 'Details', showOnMap: 'Show on map', status: 'Status', matter: 'Matter', urgency: 'Urgency', reportedAt: 'Reported',
  address: 'Address', lead: 'Lead department', channel: 'Channel', description: 'Description', submit: 'Submit', cancel: 'Cancel',
  confirm: 'Confirm', refused: 'Refused', done: 'Done', period: 'Period', days7: 'Last 7 days', days30: 'Last 30 days', days90: 'Last 90 days',
  onTimeClosureRate: 'On-time closure', closureRate: 'Closure', reworkRate: 'Rework', returnRate: 'Returns', extensionRate: 'Extensions',
  timelyDispatchRate: 'Timely dispatch', averageHandlingHours: 'Avg handling (hours)', satisfaction: 'Satisfaction', reported: 'Reported',
  closed: 'Closed', trend: 'Per day', rankingStreets: 'Units below', rankingDepartments: 'Departments', sensors: 'Sensors', online: 'Online',
  offline: 'Offline', pending: 'Pending', emergency: 'Emergency mode', emergencyOff: 'Normal operations', switchOn: 'Switch on',
  switchOff: 'Switch off', profile: 'Profile', reason: 'Reason', confirmSwitch: 'Confirm the switch?', indicators: 'Indicators',
  casesByMatter: 'Cases by matter', unit: 'Unit', level: 'Level', district: 'District', street: 'Street', community: 'Community', grid: 'Grid',
  focusHere: 'Focus here', backToScope: 'Back to my unit', legend: 'Legend', myCases: 'Cases of my grid', loading: 'Loading…',
  signedInAs: 'Signed in', note: 'Note', department: 'Department', feedback: 'Feedback', passed: 'Passed', failed: 'Failed', hours: 'Hours',
  approve: 'Approve', deny: 'Deny', score: 'Score', text: 'Order', into: 'Merge into', coHandlers: 'Co-handlers', caseCount: 'cases', ready: 'Ready',
  q_awaitingVerification: 'Awaiting verification', q_awaitingDispatch: 'Awaiting dispatch', q_awaitingSignFor: 'Awaiting sign-for',
  q_inHandling: 'In handling', q_awaitingInspection: 'Awaiting inspection', q_awaitingApproval: 'Awaiting approval', q_warned: 'Warned',
  q_overdue: 'Overdue', q_escalated: 'Escalated', q_supervised: 'Supervised',
  s_reported: 'Reported', s_verified: 'Verified', s_accepted: 'Accepted', s_dispatched: 'Dispatched', s_handling: 'Handling',
  s_handled: 'Handled', s_closed: 'Closed', s_rejected: 'Rejected', s_merged: 'Merged',
  c_verify: 'Verify', c_reject: 'Reject', c_merge: 'Merge', c_accept: 'Accept', c_dispatch: 'Dispatch', 'c_sign-for': 'Sign for',
  'c_report-handled': 'Report handled', c_return: 'Return', 'c_request-extension': 'Request extension', 'c_decide-extension': 'Decide extension',
  'c_request-suspension': 'Request suspension', 'c_decide-suspension': 'Decide suspension', c_resume: 'Resume', c_inspect: 'Inspect',
  c_evaluate: 'Evaluate', c_supervise: 'Supervise', c_reopen: 'Reopen',
  r_centreOperator: 'Centre operator', r_centreLeader: 'Centre leader', r_departmentClerk: 'Department clerk',
  r_departmentHandler: 'Department handler', r_gridInspector: 'Grid inspector', r_communityWorker: 'Community worker',
  r_channelSystem: 'Intake system', r_citizen: 'Citizen', r_system: 'System',
  u_normal: 'Normal', u_urgent: 'Urgent', phase_running: 'Running', phase_warned: 'Warned', phase_overdue: 'Overdue',
  suggestions: 'Suggestions (learned model)', catalogueDepartments: 'Catalogue names', historyDepartment: 'History points to',
  autoGate: 'Automatic dispatch', wouldBeAutomatic: 'would be automatic', leftToPerson: 'left to a person', leftToCentre: 'left to the centre',
  gate: 'gate', expectedResolution: 'Expected resolution', model: 'model', confidence: 'confidence',
  autoDispatched: 'dispatched automatically', assistant: 'dispatch assistant', noCasesInPeriod: 'no cases in the period',
  similarCases: 'Similar closed cases', noSimilarCases: 'No similar closed case yet', resolvedBy: 'Resolved', handledIn: 'Handled in',
  away: 'away',
};

const dictionaries = { zh, en };
const languageKey = 'cityactors.language';
let language = localStorage.getItem(languageKey) || (navigator.language?.startsWith('zh') ? 'zh' : 'en');

export const currentLanguage = () => language;

export function setLanguage(value) {
  language = value;
  localStorage.setItem(languageKey, value);
  document.documentElement.lang = value === 'zh' ? 'zh-CN' : 'en';
}

export function t(key) {
  return dictionaries[language][key] ?? dictionaries.en[key] ?? key;
}

export const locale = () => (language === 'zh' ? 'zh-CN' : 'en-US');

export function formatTime(iso) {
  return iso ? new Date(iso).toLocaleString(locale(), { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }) : '';
}

export function formatPercent(value) {
  return value === null || value === undefined ? '—' : `${(value * 100).toFixed(1)}%`;
}

setLanguage(language);
