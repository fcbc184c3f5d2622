// The Countersign approver app. Plain JavaScript, no build step, no third-party code.
// Everything shown from a request (summary, arguments, reasons) is untrusted text: it is only ever
// put into the page with textContent, never as HTML. The Content-Security-Policy forbids inline
// scripts as a second line of defence.
'use strict';

const TENANT = location.pathname.split('/')[2];
const API = `/t/${encodeURIComponent(TENANT)}/approve/api`;
const POLL_MS = 4000;
const FOLD_AT = 120;

let me = null;
let timer = null;

// ---------- small helpers ----------

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'on') for (const [event, fn] of Object.entries(value)) node.addEventListener(event, fn);
    else if (key === 'text') node.textContent = String(value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// Each route() starts a new view; an older view whose data arrives late must not replace it.
let routeSeq = 0;

function show(...nodes) {
  const view = document.getElementById('view');
  view.replaceChildren(...nodes);
}

function toast(text, kind) {
  const t = document.getElementById('toast');
  t.textContent = text;
  t.className = kind || '';
  t.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { t.hidden = true; }, 5000);
}

function csrf() {
  const match = document.cookie.split('; ').find((c) => c.startsWith('cs_csrf='));
  return match ? match.substring('cs_csrf='.length) : '';
}

class ApiError extends Error {
  constructor(status, detail) { super(detail); this.status = status; }
}

async function api(method, path, body) {
  const headers = { 'Accept': 'application/json' };
  if (method !== 'GET') headers['X-CSRF-Token'] = csrf();
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(API + path, {
    method, headers, credentials: 'same-origin', cache: 'no-store',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : {};
  if (!response.ok) throw new ApiError(response.status, json.detail || response.statusText);
  return json;
}

function b64u(buffer) {
  const bytes = new Uint8Array(buffer);
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromB64u(text) {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4);
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}

// A PublicKeyCredential as JSON (WebAuthn Level 3 RegistrationResponseJSON / AuthenticationResponseJSON).
function credentialJson(credential) {
  const r = credential.response;
  const json = {
    id: credential.id,
    rawId: b64u(credential.rawId),
    type: credential.type,
    clientExtensionResults: credential.getClientExtensionResults ? credential.getClientExtensionResults() : {},
    response: { clientDataJSON: b64u(r.clientDataJSON) },
  };
  if (credential.authenticatorAttachment) json.authenticatorAttachment = credential.authenticatorAttachment;
  if (r.attestationObject) {
    json.response.attestationObject = b64u(r.attestationObject);
    if (r.getTransports) json.response.transports = r.getTransports();
  } else {
    json.response.authenticatorData = b64u(r.authenticatorData);
    json.response.signature = b64u(r.signature);
    if (r.userHandle) json.response.userHandle = b64u(r.userHandle);
  }
  return json;
}

function timeLeft(seconds) {
  if (seconds <= 0) return 'expired';
  if (seconds < 60) return `${seconds} s left`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min left`;
  return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min left`;
}

function ago(iso) {
  const seconds = Math.round((Date.now() - Date.parse(iso)) / 1000);
  if (seconds < 60) return 'just now';
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} h ago`;
  return new Date(iso).toLocaleString();
}

function riskBadge(risk) {
  return el('span', { class: `risk risk-${risk}`, text: risk.toUpperCase() });
}

function stateBadge(state) {
  return el('span', { class: `state state-${state}`, text: state });
}

function label(key) {
  return key.replace(/_/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2');
}

// ---------- reading arguments without JSON ----------

function folded(text) {
  if (text.length <= FOLD_AT) return el('span', { class: 'value', text });
  return el('details', { class: 'fold' },
    el('summary', {}, el('span', { class: 'value', text: text.slice(0, FOLD_AT) + '…' }),
      el('span', { class: 'muted', text: ` (${text.length} characters, show all)` })),
    el('div', { class: 'value long', text }));
}

function valueNode(value) {
  if (value === null || value === undefined) return el('span', { class: 'muted', text: '(none)' });
  if (typeof value === 'boolean') return el('span', { class: 'value', text: value ? 'yes' : 'no' });
  if (typeof value === 'number') return el('span', { class: 'value number', text: value.toLocaleString() });
  if (typeof value === 'string') return value === '' ? el('span', { class: 'muted', text: '(empty)' }) : folded(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return el('span', { class: 'muted', text: '(empty list)' });
    const shown = value.slice(0, 10);
    const list = el('ul', { class: 'list' }, shown.map((v) => el('li', {}, valueNode(v))));
    if (value.length <= 10) return el('div', {}, el('span', { class: 'muted', text: `${value.length} items` }), list);
    return el('details', { class: 'fold' },
      el('summary', {}, el('span', { text: `${value.length} items` }), el('span', { class: 'muted', text: ' (show all)' })),
      el('ul', { class: 'list' }, value.map((v) => el('li', {}, valueNode(v)))));
  }
  return argumentList(value);
}

function argumentList(args) {
  const entries = Object.entries(args || {});
  if (entries.length === 0) return el('p', { class: 'muted', text: 'No arguments.' });
  return el('dl', { class: 'args' }, entries.map(([k, v]) => [el('dt', { text: label(k) }), el('dd', {}, valueNode(v))]));
}

// ---------- views ----------

function signInView(message) {
  document.getElementById('nav').hidden = true;
  const email = el('input', { type: 'email', name: 'email', autocomplete: 'username', required: true, placeholder: 'you@example.com' });
  const password = el('input', { type: 'password', name: 'password', autocomplete: 'current-password', required: true });
  const passwordForm = el('form', { class: 'card', hidden: true, on: { submit: async (e) => {
    e.preventDefault();
    try {
      me = await api('POST', '/session/password', { email: email.value, password: password.value });
      route();
    } catch (err) { toast(err.message, 'error'); }
  } } },
  el('label', {}, 'Email', email), el('label', {}, 'Password', password),
  el('button', { type: 'submit', class: 'primary', id: 'password-sign-in' }, 'Sign in'));
  const usePassword = el('button', { class: 'link', id: 'use-password', hidden: true, on: { click: () => { passwordForm.hidden = false; email.focus(); } } },
    'First time on this device? Use your password');
  const passkeysOnly = el('p', { class: 'muted', id: 'passkeys-only', hidden: true,
    text: 'This organisation signs in with passkeys only. To enrol your first passkey, open the invitation link a tenant admin sent you.' });
  show(
    el('section', { class: 'card center' },
      el('h1', { text: 'Sign in to approve' }),
      message ? el('p', { class: 'muted', text: message }) : null,
      el('button', { class: 'primary big', id: 'passkey-sign-in', on: { click: signInWithPasskey } }, 'Sign in with a passkey'),
      usePassword, passkeysOnly),
    passwordForm);
  // the tenant says whether its approvers may use a password at all
  api('GET', '/sign-in').then((methods) => {
    usePassword.hidden = !methods.password;
    passkeysOnly.hidden = methods.password;
  }).catch(() => { usePassword.hidden = false; });
}

// An invitation link (#/invitation/<token>): enrol a first passkey without a password.
async function invitationView(token) {
  document.getElementById('nav').hidden = true;
  let invited;
  try {
    invited = await api('POST', '/invitation/options', { token });
  } catch (err) {
    show(el('section', { class: 'card center' },
      el('h1', { text: 'This invitation does not work' }),
      el('p', { id: 'invitation-problem', text: err.message }),
      el('a', { class: 'button', href: '#/' }, 'Sign in')));
    return;
  }
  const name = el('input', { name: 'label', required: true, maxlength: 100, value: guessDeviceName() });
  show(el('form', { class: 'card', on: { submit: async (e) => {
    e.preventDefault();
    try {
      const credential = await createPasskey(invited.publicKey);
      const body = { token, label: name.value, challenge: invited.publicKey.challenge, credential };
      if (typeof window.countersignPushToken === 'string') body.push_token = window.countersignPushToken;
      me = await api('POST', '/invitation', body);
      // the link is used up: take it out of the address bar and the history
      history.replaceState(null, '', location.pathname + '#/');
      toast('This device is enrolled: you are signed in with its passkey.', 'ok');
      route();
    } catch (err) { toast(err.message || 'Enrolment was cancelled', 'error'); }
  } } },
  el('h1', { text: 'Welcome to Countersign' }),
  el('p', {}, 'You were invited to decide held AI-agent calls as ', el('strong', { id: 'invited-email', text: invited.email }), '.'),
  el('p', { text: 'Create a passkey on this device: it signs you in and signs your decisions, so the audit log can prove it was you, on this device, who decided.' }),
  el('label', {}, 'Name of this device', name),
  el('button', { type: 'submit', class: 'primary big', id: 'invitation-enrol' }, 'Create passkey and enrol')));
}

async function signInWithPasskey() {
  try {
    const options = await api('POST', '/session/passkey/options');
    const credential = await navigator.credentials.get({ publicKey: {
      challenge: fromB64u(options.challenge), rpId: options.rpId, timeout: options.timeout,
      userVerification: options.userVerification, allowCredentials: [] } });
    me = await api('POST', '/session/passkey', { credential: credentialJson(credential) });
    route();
  } catch (err) { toast(err.message || 'Sign-in was cancelled', 'error'); }
}

// Creates a passkey for these registration options; its answer as JSON for the server.
async function createPasskey(options) {
  const credential = await navigator.credentials.create({ publicKey: {
    challenge: fromB64u(options.challenge),
    rp: options.rp,
    user: { id: fromB64u(options.user.id), name: options.user.name, displayName: options.user.displayName },
    pubKeyCredParams: options.pubKeyCredParams,
    excludeCredentials: options.excludeCredentials.map((c) => ({ type: c.type, id: fromB64u(c.id) })),
    authenticatorSelection: options.authenticatorSelection,
    attestation: options.attestation,
    timeout: options.timeout,
  } });
  return credentialJson(credential);
}

async function enrolThisDevice(labelText) {
  const options = await api('POST', '/devices/options');
  const body = { label: labelText, challenge: options.challenge, credential: await createPasskey(options) };
  // A native shell or the Firebase Messaging web SDK provides the push token where push is set up.
  if (typeof window.countersignPushToken === 'string') body.push_token = window.countersignPushToken;
  return api('POST', '/devices', body);
}

function enrolView() {
  const name = el('input', { name: 'label', required: true, maxlength: 100, value: guessDeviceName() });
  show(el('form', { class: 'card', on: { submit: async (e) => {
    e.preventDefault();
    try {
      await enrolThisDevice(name.value);
      me = await api('GET', '/session');
      toast('This device is enrolled: your decisions are signed with its passkey.', 'ok');
      location.hash = '#/';
      route();
    } catch (err) { toast(err.message, 'error'); }
  } } },
  el('h1', { text: 'Enrol this device' }),
  el('p', { text: 'Decisions are signed with a passkey kept on this device, so the audit log can prove it was you, on this device, who decided.' }),
  el('label', {}, 'Name of this device', name),
  el('button', { type: 'submit', class: 'primary big', id: 'enrol' }, 'Create passkey and enrol')));
}

function guessDeviceName() {
  const ua = navigator.userAgent;
  if (/iPhone/.test(ua)) return 'iPhone';
  if (/Android/.test(ua)) return 'Android phone';
  if (/Mac/.test(ua)) return 'Mac';
  if (/Windows/.test(ua)) return 'Windows PC';
  return 'My device';
}

function activeDevices() {
  return (me && me.devices ? me.devices : []).filter((d) => d.active);
}

async function inboxView() {
  const seq = routeSeq;
  const data = await api('GET', '/requests');
  if (seq !== routeSeq) return;
  const items = data.items;
  const header = el('div', { class: 'heading' },
    el('h1', { text: items.length === 0 ? 'Nothing waits for you' : `${items.length} waiting` }),
    el('span', { class: 'muted', text: me.display_name }));
  const list = el('ul', { class: 'inbox', id: 'inbox' }, items.map((r) => el('li', {},
    el('a', { class: `item risk-edge-${r.risk}`, href: `#/requests/${r.id}`, 'data-id': r.id },
      el('div', { class: 'line' }, riskBadge(r.risk), el('span', { class: 'muted', text: timeLeft(r.seconds_left) })),
      el('div', { class: 'summary', text: r.summary }),
      el('div', { class: 'line muted' },
        el('span', { text: `${r.upstream} · ${r.tool}` }),
        el('span', { text: r.may_vote ? r.progress : 'for your information' }))))));
  const nodes = [header, list];
  if (activeDevices().length === 0) {
    nodes.unshift(el('div', { class: 'card warn' },
      el('p', { text: 'Enrol this device to decide: decisions are signed with its passkey.' }),
      el('a', { class: 'button primary', href: '#/enrol', id: 'go-enrol' }, 'Enrol this device')));
  }
  show(...nodes);
  poll(inboxView);
}

async function requestView(id) {
  const seq = routeSeq;
  const r = await api('GET', `/requests/${encodeURIComponent(id)}`);
  if (seq !== routeSeq) return;
  const pending = r.state === 'pending' && r.seconds_left > 0;
  const sections = [
    el('a', { href: '#/', class: 'back' }, '‹ Inbox'),
    el('section', { class: `card request risk-edge-${r.risk}`, id: 'request' },
      el('div', { class: 'line' }, riskBadge(r.risk), stateBadge(r.state),
        el('span', { class: 'muted', text: pending ? timeLeft(r.seconds_left) : ago(r.created_at) })),
      el('h1', { class: 'summary', id: 'summary', text: r.summary }),
      r.binding_code ? el('p', { class: 'code' }, 'Code ', el('strong', { text: r.binding_code }),
        el('span', { class: 'muted', text: ' — the agent\'s user sees the same code' })) : null,
      el('dl', { class: 'facts' },
        el('dt', { text: 'Tool' }), el('dd', { text: `${r.tool} on ${r.upstream}` }),
        r.requester ? [el('dt', { text: 'On behalf of' }), el('dd', { text: r.requester })] : null,
        el('dt', { text: 'Asked through' }), el('dd', { text: r.client_id }),
        el('dt', { text: 'Held by rule' }), el('dd', { text: r.policy_rule }),
        el('dt', { text: 'Needs' }), el('dd', { text: r.quorum }),
        el('dt', { text: 'So far' }), el('dd', { id: 'progress', text: r.progress }))),
  ];
  if (r.triggers && r.triggers.length) {
    sections.push(el('section', { class: 'card' }, el('h2', { text: 'Why you are asked' }),
      el('ul', { class: 'triggers' }, r.triggers.map((t) => el('li', { text: t })))));
  }
  sections.push(el('section', { class: 'card' }, el('h2', { text: 'What it will do' }),
    el('div', { id: 'arguments' }, argumentList(r.arguments)),
    r.original_arguments ? el('details', { class: 'fold' }, el('summary', { text: 'Arguments as the agent sent them' }), argumentList(r.original_arguments)) : null));
  if (r.votes.length) {
    sections.push(el('section', { class: 'card' }, el('h2', { text: 'Votes' }),
      el('ul', { class: 'votes' }, r.votes.map((v) => el('li', {},
        el('strong', { text: v.approver }), ` ${v.decision.replace('_', ' ')}`,
        v.reason ? el('span', { class: 'muted', text: `: ${v.reason}` }) : null,
        v.superseded ? el('span', { class: 'muted', text: ' (superseded by an edit)' }) : null)))));
  }
  if (r.similar && r.similar.length) sections.push(comparison(r));
  if (pending && r.may_vote) sections.push(decisionPanel(r));
  else if (pending) sections.push(el('p', { class: 'card muted', text: r.my_vote ? `You voted: ${r.my_vote.replace('_', ' ')}.` : 'You were told of this request; you do not decide it.' }));
  show(...sections);
  if (pending) poll(() => requestView(id), true);
}

// Side by side: this request and similar recent ones of the same tool; differing values stand out.
function comparison(r) {
  const columns = [r, ...r.similar];
  const keys = [...new Set(columns.flatMap((c) => Object.keys(c.arguments || {})))];
  const head = el('tr', {}, el('th', { text: '' }), columns.map((c, i) => el('th', {},
    i === 0 ? 'This request' : el('a', { href: `#/requests/${c.id}` }, ago(c.created_at)),
    el('div', {}, stateBadge(c.state)))));
  const rows = keys.map((k) => {
    const mine = JSON.stringify(r.arguments[k]);
    return el('tr', {}, el('th', { text: label(k) }), columns.map((c, i) => el('td', {
      class: i > 0 && JSON.stringify(c.arguments[k]) !== mine ? 'differs' : '' }, valueNode(c.arguments[k]))));
  });
  return el('section', { class: 'card' }, el('h2', { text: 'Compared with recent requests' }),
    el('div', { class: 'scroll' }, el('table', { class: 'compare', id: 'compare' }, el('thead', {}, head), el('tbody', {}, rows))));
}

function decisionPanel(r) {
  const reason = el('textarea', { id: 'reason', maxlength: 500, rows: 3, placeholder: 'Why? The agent and the audit log get this reason.' });
  const rejectForm = el('form', { class: 'stack', hidden: true, on: { submit: (e) => {
    e.preventDefault();
    if (!reason.value.trim()) { toast('A rejection needs a reason.', 'error'); return; }
    decide(r, { decision: 'reject', reason: reason.value.trim() });
  } } }, el('label', {}, 'Reason', reason), el('button', { type: 'submit', class: 'danger', id: 'confirm-reject' }, 'Reject'));
  const editForm = el('div', { hidden: true });
  const noDevice = activeDevices().length === 0;
  return el('section', { class: 'card actions', id: 'actions' },
    noDevice ? el('p', { class: 'warn' }, 'Enrol this device to decide. ', el('a', { href: '#/enrol' }, 'Enrol')) : null,
    el('div', { class: 'buttons' },
      el('button', { class: 'primary big', id: 'approve', disabled: noDevice, on: { click: () =>
        decide(r, { decision: 'approve', arguments_sha256: r.arguments_sha256 }) } }, 'Approve'),
      el('button', { class: 'danger', id: 'reject', disabled: noDevice, on: { click: () => {
        rejectForm.hidden = false; editForm.hidden = true; reason.focus(); } } }, 'Reject…'),
      el('button', { id: 'edit', disabled: noDevice, on: { click: () => {
        editForm.replaceChildren(editArgumentsForm(r)); editForm.hidden = false; rejectForm.hidden = true; } } }, 'Edit and approve…')),
    rejectForm, editForm);
}

// ---------- edit and approve: a form generated from the tool's input schema ----------

function schemaOf(r) {
  if (r.input_schema && r.input_schema.properties) return r.input_schema;
  // No schema known on this server: infer the fields from the current arguments.
  const properties = {};
  for (const [k, v] of Object.entries(r.arguments)) {
    properties[k] = { type: Array.isArray(v) ? 'array' : v === null ? 'string' : typeof v === 'object' ? 'object' : typeof v };
  }
  return { type: 'object', properties, required: [] };
}

function editArgumentsForm(r) {
  const schema = schemaOf(r);
  const required = new Set(schema.required || []);
  const fields = [];
  const form = el('form', { class: 'stack', id: 'edit-form', novalidate: true, on: { submit: (e) => {
    e.preventDefault();
    const { values, problems } = readFields(fields, required);
    for (const f of fields) f.error.textContent = problems[f.name] || '';
    if (Object.keys(problems).length) { toast('Fix the highlighted fields first.', 'error'); return; }
    decide(r, { decision: 'approve_edited', arguments: values });
  } } });
  for (const [name, prop] of Object.entries(schema.properties || {})) {
    const current = r.arguments[name];
    const type = Array.isArray(prop.type) ? prop.type.find((t) => t !== 'null') : prop.type;
    let input;
    if (Array.isArray(prop.enum)) {
      input = el('select', { name }, (required.has(name) ? [] : [el('option', { value: '', text: '(none)' })]),
        prop.enum.map((option) => el('option', { value: JSON.stringify(option), text: String(option), selected: option === current })));
    } else if (type === 'boolean') {
      input = el('input', { type: 'checkbox', name, checked: current === true });
    } else if (type === 'integer' || type === 'number') {
      input = el('input', { type: 'number', name, step: type === 'integer' ? 1 : 'any', value: current ?? '', min: prop.minimum, max: prop.maximum });
    } else if (type === 'array' && (!prop.items || ['string', 'number', 'integer'].includes(prop.items.type))) {
      input = el('textarea', { name, rows: Math.min(8, (current || []).length + 1) });
      input.value = (current || []).join('\n');
    } else if (type === 'object' || type === 'array') {
      input = el('textarea', { name, rows: 4, class: 'mono' });
      input.value = current === undefined ? '' : JSON.stringify(current, null, 2);
    } else {
      input = el('input', { type: 'text', name, value: current ?? '' });
    }
    const error = el('span', { class: 'error', 'aria-live': 'polite' });
    fields.push({ name, prop, type, input, error });
    form.append(el('label', {}, el('span', {}, label(name), required.has(name) ? el('span', { class: 'req', text: ' *' }) : null),
      prop.description ? el('small', { class: 'muted', text: prop.description }) : null,
      type === 'array' && !(prop.items && prop.items.type === 'object') ? el('small', { class: 'muted', text: 'One per line' }) : null,
      input, error));
  }
  form.append(el('button', { type: 'submit', class: 'primary', id: 'approve-edited' }, 'Approve with these arguments'));
  return form;
}

function readFields(fields, required) {
  const values = {};
  const problems = {};
  for (const { name, prop, type, input } of fields) {
    let value;
    const raw = input.type === 'checkbox' ? input.checked : input.value;
    if (input.tagName === 'SELECT') {
      value = raw === '' ? undefined : JSON.parse(raw);
    } else if (type === 'boolean') {
      value = raw;
    } else if (raw === '') {
      value = undefined;
    } else if (type === 'integer' || type === 'number') {
      value = Number(raw);
      if (!Number.isFinite(value) || (type === 'integer' && !Number.isInteger(value))) problems[name] = `a ${type === 'integer' ? 'whole number' : 'number'}`;
      else if (prop.minimum !== undefined && value < prop.minimum) problems[name] = `at least ${prop.minimum}`;
      else if (prop.maximum !== undefined && value > prop.maximum) problems[name] = `at most ${prop.maximum}`;
    } else if (type === 'array' && input.classList.contains('mono') === false) {
      value = raw.split('\n').map((s) => s.trim()).filter((s) => s !== '');
      if (prop.items && (prop.items.type === 'number' || prop.items.type === 'integer')) value = value.map(Number);
      if (prop.minItems !== undefined && value.length < prop.minItems) problems[name] = `at least ${prop.minItems} items`;
      if (prop.maxItems !== undefined && value.length > prop.maxItems) problems[name] = `at most ${prop.maxItems} items`;
    } else if (type === 'object' || type === 'array') {
      try { value = JSON.parse(raw); } catch (e) { problems[name] = 'not valid JSON'; }
    } else {
      value = raw;
      if (prop.minLength !== undefined && value.length < prop.minLength) problems[name] = `at least ${prop.minLength} characters`;
      if (prop.maxLength !== undefined && value.length > prop.maxLength) problems[name] = `at most ${prop.maxLength} characters`;
      if (prop.pattern && !new RegExp(prop.pattern, 'u').test(value)) problems[name] = 'does not have the expected form';
      if (prop.format === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(value)) problems[name] = 'a date, YYYY-MM-DD';
    }
    if (value === undefined) {
      if (required.has(name)) problems[name] = 'required';
      continue;
    }
    values[name] = value;
  }
  return { values, problems };
}

// ---------- deciding: the device signs exactly this decision on exactly this request ----------

async function decide(r, ballot) {
  stopPolling();
  try {
    const challenge = await api('POST', `/requests/${r.id}/challenge`, ballot);
    const credential = await navigator.credentials.get({ publicKey: {
      challenge: fromB64u(challenge.challenge), rpId: challenge.rpId, timeout: challenge.timeout,
      userVerification: challenge.userVerification,
      allowCredentials: challenge.allowCredentials.map((c) => ({ type: c.type, id: fromB64u(c.id) })) } });
    const result = await api('POST', `/requests/${r.id}/decision`, { ...ballot, credential: credentialJson(credential) });
    const words = { approve: 'Approved', approve_edited: 'Approved with your edits', reject: 'Rejected' }[ballot.decision];
    toast(`${words}. ${result.outcome === 'decided' ? 'The request is ' + result.state + '.' : result.progress}`, 'ok');
    location.hash = '#/';
  } catch (err) {
    toast(err.message || 'The decision was not sent', 'error');
    route();
  }
}

async function historyView() {
  const seq = routeSeq;
  const data = await api('GET', '/history');
  if (seq !== routeSeq) return;
  show(el('h1', { text: 'Your decisions' }),
    data.items.length === 0 ? el('p', { class: 'muted', text: 'You have not decided anything yet.' }) :
      el('ul', { class: 'inbox', id: 'history' }, data.items.map((r) => el('li', {},
        el('a', { class: 'item', href: `#/requests/${r.id}` },
          el('div', { class: 'line' }, riskBadge(r.risk), stateBadge(r.state), el('span', { class: 'muted', text: ago(r.created_at) })),
          el('div', { class: 'summary', text: r.summary }),
          el('div', { class: 'line muted' }, el('span', { text: `You: ${(r.my_vote || '').replace('_', ' ')}` })))))));
}

async function devicesView() {
  const seq = routeSeq;
  me = await api('GET', '/session');
  if (seq !== routeSeq) return;
  show(el('h1', { text: 'Your devices' }),
    el('ul', { class: 'inbox', id: 'devices' }, me.devices.map((d) => el('li', { class: 'item' },
      el('div', { class: 'line' }, el('strong', { text: d.label }), el('span', { class: 'muted', text: d.active ? (d.push ? 'push on' : 'no push') : 'revoked' })),
      el('div', { class: 'muted', text: `Enrolled ${ago(d.created_at)}${d.last_used_at ? ', last used ' + ago(d.last_used_at) : ''}` }),
      d.active ? el('button', { class: 'danger small', on: { click: async () => {
        if (!confirm(`Revoke ${d.label}? It can no longer sign in or decide.`)) return;
        try { await api('DELETE', `/devices/${d.id}`); toast('Revoked.', 'ok'); devicesView(); } catch (err) { toast(err.message, 'error'); }
      } } }, 'Revoke') : null))),
    el('a', { class: 'button', href: '#/enrol' }, 'Enrol this device'),
    el('button', { class: 'link', id: 'sign-out', on: { click: async () => {
      try { await api('DELETE', '/session'); } finally { me = null; signInView('Signed out.'); }
    } } }, 'Sign out'));
}

// ---------- routing and live updates ----------

function stopPolling() {
  clearTimeout(timer);
  timer = null;
}

function poll(view, quiet) {
  stopPolling();
  timer = setTimeout(async () => {
    if (document.hidden || document.activeElement && ['INPUT', 'TEXTAREA', 'SELECT'].includes(document.activeElement.tagName)) {
      poll(view, quiet);
      return;
    }
    if (document.querySelector('#actions form:not([hidden]), #edit-form')) { poll(view, quiet); return; }
    try { await view(); } catch (err) { if (!quiet) toast(err.message, 'error'); }
  }, POLL_MS);
}

async function route() {
  stopPolling();
  const seq = ++routeSeq;
  const hash = location.hash || '#/';
  const invitation = hash.match(/^#\/invitation\/([A-Za-z0-9_-]{20,100})$/);
  if (invitation) { await invitationView(invitation[1]); return; }
  try {
    if (!me) me = await api('GET', '/session');
    if (seq !== routeSeq) return;
    document.getElementById('nav').hidden = false;
    const request = hash.match(/^#\/requests\/([0-9a-f-]{36})$/);
    if (request) await requestView(request[1]);
    else if (hash === '#/history') await historyView();
    else if (hash === '#/devices') await devicesView();
    else if (hash === '#/enrol') enrolView();
    else await inboxView();
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) { me = null; signInView(); return; }
    show(el('section', { class: 'card' }, el('h1', { text: 'Something went wrong' }), el('p', { text: err.message })));
  }
}

window.addEventListener('hashchange', route);
document.addEventListener('visibilitychange', () => { if (!document.hidden && me) route(); });
if ('serviceWorker' in navigator) navigator.serviceWorker.register('sw.js').catch(() => {});
route();
