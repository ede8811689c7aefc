import { h, show } from '../lib/dom.js';
import { callRow, messageRow, voicemailRow, empty, failure } from './parts.js';

const SHOWN = 25;

/** Live activity: calls, messages and voicemails as they happen. */
export function render(ctx, main) {
  const { api, store, agentId } = ctx;
  const callList = h('ul', { class: 'rows', id: 'live-calls', 'aria-labelledby': 'live-calls-title' });
  const messageList = h('ul', { class: 'rows', id: 'live-messages', 'aria-labelledby': 'live-messages-title' });
  const voicemailList = h('ul', { class: 'rows', id: 'live-voicemails', 'aria-labelledby': 'live-voicemails-title' });
  const mediaCache = new Map();
  show(main,
    h('h1', {}, agentId ? `Live: ${ctx.agents.find((a) => a.id === agentId)?.name ?? agentId}` : 'Live'),
    h('div', { class: 'panels' },
      h('section', { class: 'panel' }, h('h2', { id: 'live-calls-title' }, 'Calls'), callList),
      h('section', { class: 'panel' }, h('h2', { id: 'live-messages-title' }, 'Messages'), messageList),
      h('section', { class: 'panel' }, h('h2', { id: 'live-voicemails-title' }, 'Voicemail'), voicemailList)));

  let frame = 0;
  const draw = () => {
    frame = 0;
    const calls = [...store.calls.values()].filter((c) => !agentId || c.agentId === agentId)
      .sort(newest('createdAt')).slice(0, SHOWN);
    show(callList, calls.length ? calls.map((c) => callRow(c, ctx.agents)) : empty('No calls yet.'));
    const messages = [...store.messages.values()].sort(newest('createdAt')).slice(0, SHOWN);
    show(messageList, messages.length ? messages.map((m) => messageRow(m, api, mediaCache)) : empty('No messages yet.'));
    const voicemails = [...store.voicemails.values()].filter((v) => !agentId || v.agentId === agentId)
      .sort(newest('leftAt')).slice(0, SHOWN);
    show(voicemailList, voicemails.length ? voicemails.map(voicemailRow) : empty('No voicemail yet.'));
  };
  // Drawn at most once a frame, however many events arrive in it.
  const redraw = () => { if (!frame) frame = requestAnimationFrame(draw); };
  const unsubscribe = store.subscribe(redraw);
  draw();
  let disposed = false;
  load(ctx).then(redraw, (e) => { if (!disposed) main.prepend(failure(e)); });
  return () => {
    disposed = true;
    unsubscribe();
    cancelAnimationFrame(frame);
  };
}

async function load({ api, store, agentId }) {
  const [calls, voicemails, conversations] = await Promise.all([
    api.get('calls', { agentId, limit: SHOWN }),
    api.get('voicemails', { agentId, limit: SHOWN }),
    api.get('conversations', { limit: 10 }),
  ]);
  calls.items.forEach((c) => store.putCall(c));
  voicemails.items.forEach((v) => store.putVoicemail(v));
  const threads = await Promise.all(conversations.items.filter((c) => c.lastMessage)
    .map((c) => api.get(`conversations/${c.id}/messages`, { limit: 3 }).catch(() => ({ items: [] }))));
  threads.forEach((t) => t.items.forEach((m) => store.putMessage(m)));
}

export function newest(field) {
  return (a, b) => (Date.parse(b[field] ?? '') || 0) - (Date.parse(a[field] ?? '') || 0);
}
