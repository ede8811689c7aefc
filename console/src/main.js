import { Api } from './lib/api.js';
import { h, show, announce } from './lib/dom.js';
import { LiveChannel } from './lib/live.js';
import * as sessions from './lib/session.js';
import { Store } from './lib/store.js';
import * as signin from './views/signin.js';
import * as live from './views/live.js';
import * as calls from './views/calls.js';
import * as call from './views/call.js';
import * as voicemail from './views/voicemail.js';
import * as conversations from './views/conversations.js';
import * as numbers from './views/numbers.js';
import * as agents from './views/agents.js';
import * as webhooks from './views/webhooks.js';
import * as metrics from './views/metrics.js';

// Each route is a view: render(ctx, main, ...params) draws it and may return a cleanup.
const ROUTES = [
  [/^live$/, live, 'Live'],
  [/^calls$/, calls, 'Calls'],
  [/^calls\/(CA[0-9a-fA-F]{32})$/, call, 'Call'],
  [/^voicemail(?:\?open=(CA[0-9a-fA-F]{32}))?$/, voicemail, 'Voicemail'],
  [/^conversations$/, conversations, 'Conversations'],
  [/^conversations\/(cv_[0-9a-f]{24})$/, conversations, 'Conversation'],
  [/^metrics$/, metrics, 'Metrics'],
  [/^numbers$/, numbers, 'Numbers'],
  [/^agents$/, agents, 'Agents'],
  [/^webhooks$/, webhooks, 'Webhooks'],
  [/^webhooks\/(we_[0-9a-f]{24})$/, webhooks, 'Webhook endpoint'],
];
const NAV = [['live', 'Live'], ['calls', 'Calls'], ['voicemail', 'Voicemail'], ['conversations', 'Conversations'],
  ['metrics', 'Metrics'], ['numbers', 'Numbers'], ['agents', 'Agents'], ['webhooks', 'Webhooks']];
const AGENT_KEY = 'switchboard.console.agent';

const root = document.getElementById('app');
let ctx = null;
let cleanup = null;

start();

async function start() {
  const session = sessions.current();
  if (!session) {
    signInPage();
    return;
  }
  const api = new Api(session.apiUrl, session.tenantId, session.token);
  let ended = false;
  api.onUnauthorized = () => {
    // Once, however many requests were in flight: the session ended or was revoked.
    if (ended) return;
    ended = true;
    ctx?.live.stop();
    cleanup?.();
    cleanup = null;
    window.removeEventListener('hashchange', route);
    sessionStorage.clear();
    ctx = null;
    signInPage('Your session has ended. Sign in again.');
  };
  const agentId = sessionStorage.getItem(AGENT_KEY) || null;
  const store = new Store((kind, id) => (kind === 'message' ? api.get(`messages/${id}`) : api.get(`voicemails/${id}`)));
  const channel = new LiveChannel(api, agentId);
  ctx = { api, store, live: channel, session, agentId, agents: [], navigate };
  channel.onEvent((event) => {
    if (event.type === 'console.reload') route({ keepFocus: true });
    else store.apply(event);
  });
  channel.start();
  try {
    ctx.agents = (await api.get('agents', { limit: 100 })).items;
  } catch {
    if (ended) return;
  }
  layout();
  window.addEventListener('hashchange', route);
  route({ keepFocus: true });
}

function signInPage(message) {
  document.title = 'Sign in · Switchboard Console';
  show(root, h('main', { id: 'main', class: 'signin' }, signin.render(async (values) => {
    await sessions.signIn(values.apiUrl, values.tenantId, values.apiKey, values.hours);
    location.hash = '#/live';
    location.reload();
  }, message)));
}

function layout() {
  const { session } = ctx;
  const scope = h('select', {
    id: 'scope', 'aria-label': 'Whose activity',
    onchange: (e) => {
      if (e.target.value) sessionStorage.setItem(AGENT_KEY, e.target.value);
      else sessionStorage.removeItem(AGENT_KEY);
      location.reload();
    },
  }, h('option', { value: '' }, 'Whole team'),
  ctx.agents.map((a) => h('option', { value: a.id, selected: a.id === ctx.agentId }, `Agent: ${a.name}`)));
  const state = h('span', { class: 'live-state', id: 'live-state', role: 'status' });
  ctx.live.onState((s) => {
    state.textContent = { connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…', offline: 'Offline' }[s];
    state.dataset.state = s;
  });
  const signOut = h('button', {
    type: 'button', class: 'quiet',
    onclick: async () => {
      ctx.live.stop();
      await sessions.signOut(ctx.api, session);
      sessionStorage.removeItem(AGENT_KEY);
      location.hash = '';
      location.reload();
    },
  }, 'Sign out');
  const nav = h('nav', { 'aria-label': 'Sections' }, h('ul', {},
    NAV.map(([path, label]) => h('li', {}, h('a', { href: `#/${path}`, dataset: { path } }, label)))));
  show(root,
    h('a', { class: 'skip', href: '#main', onclick: (e) => { e.preventDefault(); document.getElementById('main').focus(); } },
      'Skip to content'),
    h('header', { class: 'top' },
      h('span', { class: 'brand' }, 'Switchboard'),
      h('span', { class: 'tenant', title: 'Workspace' }, session.tenantId),
      scope, state, signOut),
    nav,
    h('main', { id: 'main', tabindex: '-1' }),
    h('div', { id: 'status', role: 'status', 'aria-live': 'polite' }));
}

function navigate(path) {
  location.hash = `#/${path}`;
}

function route(options) {
  if (!ctx) return;
  const path = location.hash.replace(/^#\/?/, '') || 'live';
  const main = document.getElementById('main');
  // The channel may open before the page is laid out: the first route, after the layout, reads all.
  if (!main) return;
  cleanup?.();
  cleanup = null;
  announce('');
  const section = path.split(/[/?]/)[0];
  for (const link of document.querySelectorAll('nav a')) {
    if (link.dataset.path === section) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  for (const [pattern, view, title] of ROUTES) {
    const match = path.match(pattern);
    if (!match) continue;
    document.title = `${title} · Switchboard Console`;
    cleanup = view.render(ctx, main, ...match.slice(1)) ?? null;
    // A new view is where the reader is now (not on a refresh of the same one).
    if (!options?.keepFocus) main.focus();
    return;
  }
  show(main, h('h1', {}, 'Not found'), h('p', {}, h('a', { href: '#/live' }, 'Go to live activity')));
}
