import { h, show, field, announce } from '../lib/dom.js';
import { callRow, empty, failure } from './parts.js';
import { newest } from './live.js';

const STATUSES = ['ringing', 'in-progress', 'completed', 'busy', 'no-answer', 'failed', 'canceled'];

/** Call history with filters, kept current live, and a click-to-call form. */
export function render(ctx, main) {
  const { api, store } = ctx;
  const list = h('ul', { class: 'rows', id: 'call-history', 'aria-label': 'Calls' });
  const more = h('button', { type: 'button', class: 'quiet', hidden: true }, 'Load more');
  const filters = {
    direction: h('select', { name: 'direction' }, h('option', { value: '' }, 'Any'), h('option', { value: 'inbound' }, 'Inbound'), h('option', { value: 'outbound' }, 'Outbound')),
    status: h('select', { name: 'status' }, h('option', { value: '' }, 'Any'), STATUSES.map((s) => h('option', { value: s }, s))),
    number: h('input', { type: 'tel', name: 'number', placeholder: '+14155550100', pattern: '\\+[1-9][0-9]{1,14}' }),
    from: h('input', { type: 'date', name: 'from' }),
    to: h('input', { type: 'date', name: 'to' }),
  };
  let shown = [];
  let disposed = false;
  let cursor = null;
  let query = {};

  const draw = () => {
    // Calls the channel told of since are merged in: a new call at the top, a status where it is.
    const ids = new Set(shown);
    const live = !Object.values(query).some((v) => v && v !== ctx.agentId)
      ? [...store.calls.values()].filter((c) => !ctx.agentId || c.agentId === ctx.agentId) : [];
    const calls = [...new Map([...shown.map((id) => [id, store.calls.get(id)]),
      ...live.filter((c) => !ids.has(c.callSid)).map((c) => [c.callSid, c])]).values()].filter(Boolean)
      .sort(newest('createdAt'));
    show(list, calls.length ? calls.map((c) => callRow(c, ctx.agents)) : empty('No calls match.'));
  };

  const load = async (append) => {
    list.setAttribute('aria-busy', 'true');
    try {
      const page = await api.get('calls', { ...query, cursor: append ? cursor : undefined, limit: 25 });
      if (disposed) return;
      const ids = page.items.map((c) => store.putCall(c).callSid);
      shown = append ? [...shown, ...ids] : ids;
      cursor = page.nextCursor;
      more.hidden = !cursor;
      draw();
    } catch (e) {
      show(list, h('li', {}, failure(e)));
    } finally {
      list.removeAttribute('aria-busy');
    }
  };

  const filterForm = h('form', {
    class: 'filters', 'aria-label': 'Filter calls',
    onsubmit: (e) => {
      e.preventDefault();
      query = {
        agentId: ctx.agentId, direction: filters.direction.value, status: filters.status.value, number: filters.number.value.trim(),
        from: filters.from.value ? new Date(`${filters.from.value}T00:00:00`).toISOString() : '',
        to: filters.to.value ? new Date(`${filters.to.value}T23:59:59.999`).toISOString() : '',
      };
      load(false);
    },
  },
  field('Direction', filters.direction), field('Status', filters.status), field('Number', filters.number),
  field('From date', filters.from), field('To date', filters.to),
  h('button', { type: 'submit' }, 'Apply'));

  more.addEventListener('click', () => load(true));
  show(main, h('h1', {}, 'Calls'), clickToCall(ctx), filterForm, list, more);
  query = { agentId: ctx.agentId };
  const unsubscribe = store.subscribe((type) => { if (type.startsWith('call.')) draw(); });
  load(false);
  return () => {
    disposed = true;
    unsubscribe();
  };
}

/** Places a call through POST …/calls: the agent's phone rings first, then the number is dialled. */
function clickToCall(ctx) {
  const to = h('input', { type: 'tel', name: 'to', required: true, placeholder: '+14155550100', pattern: '\\+[1-9][0-9]{1,14}' });
  const agent = h('select', { name: 'agentId' }, h('option', { value: '' }, 'No agent: say a message'),
    ctx.agents.map((a) => h('option', { value: a.id, selected: a.id === ctx.agentId }, a.name)));
  const record = h('input', { type: 'checkbox', name: 'record' });
  const button = h('button', { type: 'submit' }, 'Call');
  const result = h('p', { class: 'result', role: 'status' });
  // One key per call asked for: pressing Call again after a timeout does not place a second.
  let key = crypto.randomUUID();
  return h('form', {
    class: 'card', 'aria-labelledby': 'c2c-title',
    oninput: () => { key = crypto.randomUUID(); },
    onsubmit: async (e) => {
      e.preventDefault();
      button.disabled = true;
      result.textContent = '';
      try {
        const placed = await ctx.api.post('calls', {
          to: to.value.trim(), agentId: agent.value || undefined, record: record.checked,
          message: agent.value ? undefined : 'This is a call from Switchboard.',
        }, { 'idempotency-key': key });
        key = crypto.randomUUID();
        ctx.store.putCall({ ...placed, direction: 'outbound', createdAt: new Date().toISOString() });
        ctx.store.changed('call.placed');
        result.replaceChildren('Calling… ', h('a', { href: `#/calls/${placed.callSid}` }, 'follow the call'));
        announce(`Calling ${placed.to}`);
      } catch (err) {
        result.textContent = `Not placed: ${err.message}`;
        result.classList.add('error');
      } finally {
        button.disabled = false;
      }
    },
  },
  h('h2', { id: 'c2c-title' }, 'Click to call'),
  h('div', { class: 'inline' }, field('Number to call', to), field('Agent', agent),
    h('div', { class: 'field check' }, h('label', {}, record, ' Record the call'))),
  button, result);
}
