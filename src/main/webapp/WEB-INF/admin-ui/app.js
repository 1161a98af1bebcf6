// The gateway's admin page: reads the active config and the cluster's status through the admin API
// (same origin, the browser's login session), shows them, and edits the config. No framework, no build.
'use strict';

const API = '../admin/';
const STATUS_EVERY_MS = 2000;
const $ = (id) => document.getElementById(id);

/** The version the editor's document is based on: the If-Match of Apply. */
let baseVersion = null;

/** Calls the admin API; changes carry the header that tells the gateway they come from this page. */
async function call(method, path, body) {
  const headers = { 'Accept': 'application/json' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    headers['X-Gateway-Admin'] = '1';
  }
  if (method === 'PUT') {
    headers['If-Match'] = '"' + baseVersion + '"';
  }
  const response = await fetch(API + path, { method, headers, body, credentials: 'same-origin', cache: 'no-store' });
  if (response.status === 401) {
    $('session').hidden = false;
    $('session').textContent = 'Your login has ended: reload the page to log in again.';
  }
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

function cell(row, content, className) {
  const td = row.insertCell();
  td.textContent = Array.isArray(content) ? content.join(', ') : (content ?? '');
  if (className) {
    td.className = className;
  }
  return td;
}

function fill(tableId, items, addCells) {
  const body = $(tableId).tBodies[0];
  body.replaceChildren();
  items.forEach((item) => addCells(body.insertRow(), item));
}

// ---- the active config ----

function showConfig(answer) {
  baseVersion = answer.version;
  $('version').textContent = answer.version;
  $('changed').textContent = 'set by ' + answer.changed_by + ' at ' + answer.changed_at;
  const config = answer.config;
  const defaults = config.default_rate_limits || [];
  fill('routes', config.routes || [], (row, route) => {
    row.dataset.id = route.id;
    cell(row, route.id);
    cell(row, route.path);
    cell(row, route.methods || 'all');
    cell(row, route.auth || 'bearer');
    cell(row, route.roles || []);
    cell(row, route.rate_limits || defaults.map((id) => id + ' (default)'));
    cell(row, route.service);
  });
  fill('limits', config.rate_limits || [], (row, limit) => {
    cell(row, limit.id);
    cell(row, limit.source + (limit.header_name ? ' ' + limit.header_name : ''));
    cell(row, limit.when ? limit.when.header + ' = ' + limit.when.equals : 'always');
    cell(row, limit.requests_per_minute);
    cell(row, limit.burst);
  });
  $('limit-defaults').textContent = 'Routes without their own rate limits take: '
    + (defaults.length ? defaults.join(', ') : 'none') + '.';
  $('editor').value = JSON.stringify(config, null, 2);
  showProblems([]);
}

async function loadConfig() {
  const answer = await call('GET', 'config');
  if (answer.status === 200) {
    showConfig(answer.body);
  }
}

// ---- live status: services with their instances, cluster members ----

function showStatus(status) {
  fill('services', Object.entries(status.services), (row, [name, service]) => {
    row.dataset.name = name;
    cell(row, name);
    cell(row, service.circuit_breaker, 'state-' + service.circuit_breaker);
    const instances = cell(row, '');
    service.instances.forEach((instance) => {
      const item = document.createElement('div');
      item.className = 'instance state-' + instance.state;
      item.textContent = instance.url + ' ' + instance.state;
      instances.append(item);
    });
  });
  fill('members', status.members, (row, member) => {
    cell(row, member.address);
    cell(row, member.config_version ?? 'not answering', member.config_version === status.config_version ? '' : 'behind');
    cell(row, member.local ? 'this node' : '');
  });
  // a status that left before the page's own change was applied may still name the version before it
  if (baseVersion !== null && Number(status.config_version) > Number(baseVersion)) {
    $('outcome').textContent = 'The cluster now serves version ' + status.config_version + '; Reload to edit it.';
  }
}

async function pollStatus() {
  try {
    const answer = await call('GET', 'status');
    if (answer.status === 200) {
      showStatus(answer.body);
    }
  } finally {
    setTimeout(pollStatus, STATUS_EVERY_MS);
  }
}

// ---- editing: validate, apply, each problem shown beside the line of its field ----

function showProblems(problems) {
  const located = JsonPaths.locate($('editor').value);
  const list = $('problems');
  const notes = $('notes');
  list.replaceChildren();
  notes.replaceChildren();
  problems.forEach((problem) => {
    const line = JsonPaths.lineOf(located, problem.path);
    const item = document.createElement('li');
    item.dataset.path = problem.path;
    item.textContent = 'line ' + line + ', ' + (problem.path || '(document)') + ': ' + problem.reason;
    item.addEventListener('click', () => selectLine(line));
    list.append(item);
    const note = document.createElement('div');
    note.className = 'note-at-line';
    note.dataset.path = problem.path;
    note.dataset.line = line;
    note.textContent = '◀ ' + (problem.path || '(document)') + ': ' + problem.reason;
    note.title = note.textContent;
    notes.append(note);
  });
  placeNotes();
}

/** Keeps each problem beside its line of the editor, also while the editor scrolls. */
function placeNotes() {
  const editor = $('editor');
  const lineHeight = parseFloat(getComputedStyle(editor).lineHeight);
  const padding = parseFloat(getComputedStyle(editor).paddingTop);
  for (const note of $('notes').children) {
    note.style.top = (padding + (note.dataset.line - 1) * lineHeight - editor.scrollTop) + 'px';
  }
}

function selectLine(line) {
  const editor = $('editor');
  const lines = editor.value.split('\n');
  const start = lines.slice(0, line - 1).reduce((sum, text) => sum + text.length + 1, 0);
  editor.focus();
  editor.setSelectionRange(start, start + lines[line - 1].length);
}

function outcome(text) {
  $('outcome').textContent = text;
}

async function validate() {
  const answer = await call('POST', 'config/validate', $('editor').value);
  showProblems(answer.body.problems || []);
  outcome(answer.status === 200 ? 'Valid.' : problemsText(answer));
}

async function apply() {
  const answer = await call('PUT', 'config', $('editor').value);
  if (answer.status === 200) {
    await loadConfig();
    outcome('Applied: version ' + answer.body.version + '.');
  } else if (answer.status === 412) {
    outcome('The config was changed by someone else since version ' + baseVersion + ': Reload, then make your change again.');
  } else {
    showProblems(answer.body.problems || []);
    outcome(problemsText(answer));
  }
}

function problemsText(answer) {
  return answer.status === 422 ? 'Not valid: nothing changed.' : 'Refused (' + answer.status + '): ' + answer.body.message;
}

document.addEventListener('DOMContentLoaded', () => {
  $('validate').addEventListener('click', validate);
  $('apply').addEventListener('click', apply);
  $('reload').addEventListener('click', async () => {
    await loadConfig();
    outcome('');
  });
  $('editor').addEventListener('scroll', placeNotes);
  loadConfig().then(pollStatus);
});
