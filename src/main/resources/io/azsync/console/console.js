// azsync operator console: plain JavaScript over the REST API (no build step). Every value from
// the API is written with textContent, never as HTML.
'use strict';

const TOKEN_KEY = 'azsyncToken';
const $ = (id) => document.getElementById(id);
let selected = null;
let testedBody = null;

function token() { return sessionStorage.getItem(TOKEN_KEY); }

async function api(method, path, body) {
  const headers = { 'Authorization': 'Bearer ' + token() };
  if (body !== undefined) { headers['Content-Type'] = 'application/json'; }
  const r = await fetch('/api' + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await r.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (e) { json = { error: text }; }
  if (r.status === 401) { logout('The token was refused.'); throw new Error('unauthorized'); }
  return { status: r.status, json };
}

function cell(row, text, cls) {
  const td = document.createElement('td');
  td.textContent = text === null || text === undefined ? '' : String(text);
  if (cls) { td.className = cls; }
  row.appendChild(td);
  return td;
}

function button(parent, label, cls, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.className = cls;
  b.addEventListener('click', onClick);
  parent.appendChild(b);
  return b;
}

function time(t) { return t ? String(t).replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '-'; }

function lastRun(c) {
  const runs = Object.values(c.lastRuns || {});
  if (runs.length === 0) { return null; }
  const start = runs.map(r => r.startedAt).filter(Boolean).sort()[0];
  const ends = runs.map(r => r.finishedAt).filter(Boolean).sort();
  const end = ends.length ? ends[ends.length - 1] : null;
  const sum = (k) => runs.reduce((n, r) => n + (r[k] || 0), 0);
  return { start, seconds: start && end ? (Date.parse(end) - Date.parse(start)) / 1000 : null,
    counts: sum('recordsRead') + ' / ' + sum('recordsWritten') + ' / ' + sum('recordsRejected') };
}

function say(text) { $('message').textContent = text; }

async function refreshConnectors() {
  const { json } = await api('GET', '/connectors');
  const body = $('connectors').querySelector('tbody');
  body.replaceChildren();
  for (const c of json) {
    const row = document.createElement('tr');
    row.dataset.connector = c.name;
    const name = cell(row, c.name);
    name.className = 'name';
    name.style.cursor = 'pointer';
    name.addEventListener('click', () => { selected = c.name; refreshHistory(); });
    cell(row, c.managedBy);
    cell(row, c.state, 'state');
    const last = lastRun(c);
    cell(row, last ? time(last.start) : '-');
    cell(row, last && last.seconds !== null ? last.seconds.toFixed(1) + ' s' : '-');
    cell(row, last ? last.counts : '-');
    cell(row, time(c.nextFireTime));
    cell(row, c.consecutiveFailures);
    cell(row, c.lastError, 'error');
    const actions = cell(row, '');
    button(actions, 'Test connection', 'test', () => testConnector(c.name));
    button(actions, 'Sync now', 'sync', () => syncConnector(c.name));
    const toggle = button(actions, c.enabled ? 'Disable' : 'Enable', 'toggle', () => toggle_(c));
    if (c.managedBy !== 'api') { toggle.disabled = true; toggle.title = 'From the connectors file: change it there'; }
    body.appendChild(row);
  }
}

async function testConnector(name) {
  say('Testing ' + name + '…');
  const { json } = await api('POST', '/connectors/' + encodeURIComponent(name) + '/test');
  say(name + ': ' + (json.ok ? 'connection test passed' : 'connection test failed: '
    + json.checks.filter(c => !c.ok).map(c => c.name + ': ' + c.detail).join('; ')));
  selected = name;
  await refresh();
}

async function syncConnector(name) {
  const { status, json } = await api('POST', '/connectors/' + encodeURIComponent(name) + '/sync', {});
  say(name + ': ' + (status === 202 ? 'sync started (runs ' + json.runIds.join(', ') + ')' : json.error));
  selected = name;
  await refresh();
}

async function toggle_(c) {
  const { status, json } = await api('PATCH', '/connectors/' + encodeURIComponent(c.name), { enabled: !c.enabled });
  say(c.name + ': ' + (status === 200 ? (json.enabled ? 'enabled' : 'disabled') : json.error));
  await refresh();
}

async function refreshHistory() {
  if (!selected) { $('detail-view').hidden = true; return; }
  const { status, json } = await api('GET', '/connectors/' + encodeURIComponent(selected) + '/runs?limit=30');
  if (status !== 200) { $('detail-view').hidden = true; return; }
  $('detail-view').hidden = false;
  $('detail-name').textContent = selected;
  const body = $('history').querySelector('tbody');
  body.replaceChildren();
  for (const h of json) {
    const row = document.createElement('tr');
    row.className = 'history-row';
    cell(row, h.action, 'action');
    cell(row, time(h.startedAt));
    cell(row, h.startedBy);
    cell(row, h.state, 'status');
    cell(row, h.stream);
    cell(row, h.recordsRead === undefined ? '' : h.recordsRead + ' / ' + h.recordsWritten + ' / ' + h.recordsRejected);
    cell(row, h.error || (h.action !== 'synced' ? h.detail : ''), h.error ? 'error' : '');
    body.appendChild(row);
  }
}

const SVG = 'http://www.w3.org/2000/svg';
function svgEl(name, attrs, text) {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) { e.setAttribute(k, v); }
  if (text !== undefined) { e.textContent = text; }
  return e;
}

function severityChart(counts) {
  const svg = $('severity-chart');
  svg.replaceChildren();
  const labels = { 1: 'Info', 2: 'Low', 3: 'Medium', 4: 'High', 5: 'Critical' };
  const max = Math.max(1, ...Object.values(counts));
  Object.entries(counts).forEach(([sev, n], i) => {
    const h = Math.round(130 * n / max);
    const x = 20 + i * 66;
    svg.appendChild(svgEl('rect', { x, y: 150 - h, width: 44, height: Math.max(h, 1), class: 'bar sev' + sev,
      'data-severity': sev, 'data-count': n }));
    svg.appendChild(svgEl('text', { x: x + 22, y: 145 - h, 'text-anchor': 'middle' }, String(n)));
    svg.appendChild(svgEl('text', { x: x + 22, y: 168, 'text-anchor': 'middle' }, labels[sev] || sev));
  });
}

function durationChart(streams) {
  const svg = $('duration-chart');
  svg.replaceChildren();
  const names = Object.keys(streams);
  const max = Math.max(0.1, ...names.flatMap(s => streams[s].map(r => r.seconds)));
  names.forEach((s, row) => {
    const y = 6 + row * 26;
    svg.appendChild(svgEl('text', { x: 0, y: y + 12 }, s));
    streams[s].forEach((r, i) => {
      const h = Math.max(2, Math.round(18 * r.seconds / max));
      svg.appendChild(svgEl('rect', { x: 200 + i * 16, y: y + 18 - h, width: 12, height: h, class: 'duration',
        'data-stream': s, 'data-seconds': r.seconds }));
    });
    const runs = streams[s];
    if (runs.length) {
      svg.appendChild(svgEl('text', { x: 204 + runs.length * 16, y: y + 14 }, runs[runs.length - 1].seconds.toFixed(1) + ' s'));
    }
  });
  svg.setAttribute('height', String(Math.max(40, 20 + names.length * 26)));
}

async function refreshSummary() {
  const { status, json } = await api('GET', '/summary');
  if (status !== 200) { return; }
  severityChart(json.openFindingsBySeverity);
  durationChart(json.streamDurations);
  const body = $('riskiest').querySelector('tbody');
  body.replaceChildren();
  for (const a of json.riskiestAssets) {
    const row = document.createElement('tr');
    cell(row, a.assetName || a.assetUid);
    cell(row, a.riskScore);
    cell(row, a.openFindings);
    cell(row, a.maxFindingSeverity);
    body.appendChild(row);
  }
}

async function refresh() {
  try {
    await refreshConnectors();
    await refreshHistory();
    await refreshSummary();
  } catch (e) {
    if (e.message !== 'unauthorized') { say('The service did not answer: ' + e.message); }
  }
}

// ---- Add connector: Save stays disabled until Test connection passed with exactly these values

function formBody() {
  const f = $('add-form').elements;
  const list = (v) => v.split(',').map(s => s.trim()).filter(Boolean);
  const body = { name: f.name.value.trim(), tenantId: f.tenantId.value.trim(), clientId: f.clientId.value.trim(), cloud: f.cloud.value };
  if (f.description.value.trim()) { body.description = f.description.value.trim(); }
  if (f.clientSecret.value) { body.clientSecret = f.clientSecret.value; }
  if (f.certificate.value.trim()) { body.certificate = f.certificate.value; }
  const endpoints = {};
  for (const k of ['authority', 'arm', 'graph']) { if (f[k].value.trim()) { endpoints[k] = f[k].value.trim(); } }
  if (Object.keys(endpoints).length) { body.endpoints = endpoints; }
  if (list(f.streams.value).length) { body.streams = list(f.streams.value); }
  const include = list(f.include.value);
  const exclude = list(f.exclude.value);
  const mgInclude = list(f.mgInclude.value);
  const mgExclude = list(f.mgExclude.value);
  if (include.length || exclude.length || mgInclude.length || mgExclude.length) {
    body.scope = { subscriptions: { include, exclude }, managementGroups: { include: mgInclude, exclude: mgExclude } };
  }
  if (f.every.value.trim()) { body.schedules = { default: { every: f.every.value.trim() } }; }
  return body;
}

function showProblems(json) {
  const ul = $('form-problems');
  ul.replaceChildren();
  for (const p of (json && json.problems) || (json && json.error ? [{ field: '', problem: json.error }] : [])) {
    const li = document.createElement('li');
    li.textContent = (p.field ? p.field + ': ' : '') + p.problem;
    ul.appendChild(li);
  }
}

async function formTest() {
  const body = formBody();
  $('form-save').disabled = true;
  $('form-checks').replaceChildren();
  showProblems(null);
  const { status, json } = await api('POST', '/connector-tests', body);
  if (status !== 200) { showProblems(json); return; }
  for (const c of json.checks) {
    const li = document.createElement('li');
    li.textContent = (c.ok ? 'PASS ' : 'FAIL ') + c.name + (c.detail ? ': ' + c.detail : '');
    li.className = c.ok ? 'pass' : 'error';
    $('form-checks').appendChild(li);
  }
  if (json.ok) {
    testedBody = JSON.stringify(body);
    $('form-save').disabled = false;
    $('form-save').title = '';
  }
}

async function formSave(event) {
  event.preventDefault();
  const body = formBody();
  if (JSON.stringify(body) !== testedBody) { $('form-save').disabled = true; return; }
  const { status, json } = await api('POST', '/connectors', body);
  if (status !== 201) { showProblems(json); return; }
  // the connection was tested with these values: the service's own test activates the stored connector
  await api('POST', '/connectors/' + encodeURIComponent(json.name) + '/test');
  $('add-form').reset();
  $('add-view').hidden = true;
  testedBody = null;
  selected = json.name;
  say(json.name + ' added');
  await refresh();
}

function logout(reason) {
  sessionStorage.removeItem(TOKEN_KEY);
  $('app').hidden = true;
  $('logout').hidden = true;
  $('login-view').hidden = false;
  $('login-error').textContent = reason || '';
}

async function login(event) {
  event.preventDefault();
  sessionStorage.setItem(TOKEN_KEY, $('token').value);
  $('token').value = '';
  await show();
}

async function show() {
  if (!token()) { logout(''); return; }
  $('login-view').hidden = true;
  $('app').hidden = false;
  $('logout').hidden = false;
  await refresh();
}

$('login-form').addEventListener('submit', login);
$('logout').addEventListener('click', () => logout(''));
$('add-open').addEventListener('click', () => { $('add-view').hidden = false; });
$('form-cancel').addEventListener('click', () => { $('add-form').reset(); $('add-view').hidden = true; });
$('form-test').addEventListener('click', formTest);
$('add-form').addEventListener('submit', formSave);
$('add-form').addEventListener('input', () => { $('form-save').disabled = true; testedBody = null; });
setInterval(() => { if (token()) { refresh(); } }, 3000);
show();
