import { h, show, field, announce } from '../lib/dom.js';
import { clock } from '../lib/format.js';
import { messageRow, empty, failure } from './parts.js';

/** Conversations: threads with their pictures inline, unread counts, and sending (now or later). */
export function render(ctx, main, conversationId) {
  const { api, store } = ctx;
  const list = h('ul', { class: 'rows conversations', id: 'conversations', 'aria-label': 'Conversations' });
  const thread = h('section', { class: 'thread', id: 'thread', 'aria-label': 'Conversation' });
  const mediaCache = new Map();
  let conversations = [];
  let current = null;
  let disposed = false;

  const drawList = () => {
    show(list, conversations.length ? conversations.map((c) => h('li', {
      class: 'row conversation', dataset: { conversationId: c.id, party: c.party, optedOut: String(store.optedOut(c.party, c.optedOut)) },
    },
    h('a', { href: `#/conversations/${c.id}`, class: 'row-main', 'aria-current': c.id === conversationId ? 'page' : null },
      h('span', { class: 'who' }, c.party, store.optedOut(c.party, c.optedOut) ? h('span', { class: 'badge s-opted-out' }, 'opted out') : null),
      h('span', { class: 'meta' }, `via ${c.number}${c.lastActivityAt ? ` · ${clock(c.lastActivityAt)}` : ''}`),
      c.lastMessage?.body ? h('span', { class: 'preview' }, c.lastMessage.body) : null),
    c.unreadCount ? h('span', { class: 'unread' }, String(c.unreadCount), h('span', { class: 'visually-hidden' }, ' unread')) : null))
      : empty('No conversations yet.'));
  };

  const loadList = async () => {
    try {
      const page = await api.get('conversations', { limit: 50 });
      if (disposed) return;
      conversations = page.items;
      current = conversations.find((c) => c.id === conversationId) ?? current;
      drawList();
    } catch (e) {
      if (!disposed) show(list, h('li', {}, failure(e)));
    }
  };

  // The composer stays put while the thread above it is redrawn: what was typed, and what the
  // last send answered, are not wiped by the next event.
  const threadBody = h('div', { class: 'thread-body' });
  let writer = null;

  const loadThread = async () => {
    if (!conversationId) {
      show(thread, h('h2', {}, 'New message'), composer(ctx, null, loadList));
      return;
    }
    try {
      const page = await api.get(`conversations/${conversationId}/messages`, { limit: 50 });
      if (disposed) return;
      page.items.forEach((m) => store.putMessage(m));
      if (!current) await loadList();
      // A conversation past the list's first page is known from its own messages.
      if (!current && page.items.length) {
        const m = page.items[0];
        current = { id: conversationId, party: m.direction === 'inbound' ? m.from : m.to,
          number: m.direction === 'inbound' ? m.to : (m.from ?? ''), optedOut: false, unreadCount: 0 };
      }
      if (disposed) return;
      const optedOut = store.optedOut(current?.party, current?.optedOut);
      show(threadBody,
        h('h2', {}, current ? `${current.party} via ${current.number}` : 'Conversation'),
        optedOut ? h('p', { class: 'warning', id: 'opted-out-note' },
          `${current.party} has opted out (texted STOP). Switchboard refuses to send to them until they text START.`) : null,
        h('ol', { class: 'rows messages', id: 'messages', 'aria-label': 'Messages, oldest first' },
          page.items.length ? [...page.items].reverse().map((m) => messageRow(store.messages.get(m.id), api, mediaCache))
            : empty('No messages.')));
      if (current && !writer) {
        writer = composer(ctx, current, loadThread);
        show(thread, threadBody, writer);
        // On a phone the thread is below the list: take the reader to it.
        if (matchMedia('(max-width: 40rem)').matches) thread.scrollIntoView();
      }
      if (current?.unreadCount) {
        api.post(`conversations/${conversationId}/read`).then((c) => {
          current = c;
          conversations = conversations.map((x) => (x.id === c.id ? c : x));
          drawList();
        }, () => {});
      }
    } catch (e) {
      if (!disposed) show(threadBody, failure(e));
    }
  };

  // Events come in bursts: the list and thread are read again once it has passed, the thread if
  // any event of the burst was about it.
  let timer = 0;
  let threadToo = false;
  const unsubscribe = store.subscribe((type, event) => {
    if (!type.startsWith('message.') && !type.startsWith('contact.')) return;
    threadToo ||= !conversationId || event?.payload?.conversationId === conversationId || type.startsWith('contact.');
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const again = threadToo;
      threadToo = false;
      await loadList();
      if (again) loadThread();
    }, 150);
  });

  show(main, h('h1', {}, 'Conversations'),
    h('div', { class: 'split' }, h('div', { class: 'list-pane' },
      h('p', {}, h('a', { href: '#/conversations', class: 'button-link' }, 'New message')), list), thread));
  show(thread, threadBody);
  loadList().then(loadThread);
  return () => {
    disposed = true;
    unsubscribe();
    clearTimeout(timer);
  };
}

/** Sends an SMS or MMS through POST …/messages, now or at a time; a refusal is shown in words. */
function composer(ctx, conversation, sent) {
  const to = h('input', { type: 'tel', name: 'to', required: true, pattern: '\\+[1-9][0-9]{1,14}', value: conversation?.party ?? '' });
  const from = h('input', { type: 'text', name: 'from', required: true, value: conversation?.number ?? '', placeholder: '+15005550101 or MG…' });
  const body = h('textarea', { name: 'body', rows: 3, maxlength: 1600 });
  const media = h('input', { type: 'url', name: 'mediaUrl', pattern: 'https://.*', placeholder: 'https://…' });
  const sendAt = h('input', { type: 'datetime-local', name: 'sendAt' });
  const button = h('button', { type: 'submit' }, 'Send');
  const result = h('p', { class: 'result', id: 'send-result', role: 'status' });
  // One key per message written: sending it again after a timeout cannot send it twice.
  let key = crypto.randomUUID();
  return h('form', {
    class: 'composer', 'aria-label': 'Send a message',
    oninput: () => { key = crypto.randomUUID(); },
    onsubmit: async (e) => {
      e.preventDefault();
      button.disabled = true;
      result.textContent = '';
      result.classList.remove('error');
      const sender = from.value.trim();
      const request = {
        to: to.value.trim(),
        ...(sender.startsWith('MG') ? { messagingServiceSid: sender } : { from: sender }),
        body: body.value || undefined,
        mediaUrls: media.value ? [media.value.trim()] : undefined,
        sendAt: sendAt.value ? new Date(sendAt.value).toISOString() : undefined,
      };
      try {
        const message = await ctx.api.post('messages', request, { 'idempotency-key': key });
        key = crypto.randomUUID();
        ctx.store.putMessage(message);
        result.textContent = message.status === 'scheduled' ? 'Scheduled.' : 'Sent to Twilio.';
        body.value = '';
        media.value = '';
        sendAt.value = '';
        announce(result.textContent);
        await sent(message);
      } catch (err) {
        result.classList.add('error');
        result.dataset.code = err.code ?? '';
        result.textContent = err.code === 'opted_out'
          ? `Not sent: ${request.to} has opted out of your messages.` : `Not sent: ${err.message}`;
        result.setAttribute('role', 'alert');
      } finally {
        button.disabled = false;
      }
    },
  },
  conversation ? null : field('To', to),
  conversation ? null : field('From (your number or Messaging Service)', from),
  field('Message', body),
  h('div', { class: 'inline' },
    field('Picture or file (MMS)', media, 'A public https:// link Twilio can fetch'),
    field('Send later', sendAt, 'Leave empty to send now')),
  button, result);
}
