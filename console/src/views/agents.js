import { h, show, field, announce } from '../lib/dom.js';
import { empty, failure } from './parts.js';

/** The tenant's agents: who they are, the phone their calls ring, their browser identity. */
export function render(ctx, main) {
  const { api } = ctx;
  const table = h('tbody', { id: 'agents' });
  let disposed = false;
  const load = async () => {
    try {
      const agents = (await api.get('agents', { limit: 100 })).items;
      if (disposed) return;
      ctx.agents = agents;
      show(table, agents.length ? agents.map((a) => h('tr', { dataset: { agentId: a.id } },
        h('th', { scope: 'row' }, a.name), h('td', {}, a.id), h('td', {}, a.phone ?? 'browser only'), h('td', {}, a.clientIdentity),
        h('td', {}, h('a', { href: '#/live', onclick: () => { sessionStorage.setItem('switchboard.console.agent', a.id); location.hash = '#/live'; location.reload(); } },
          `View as ${a.name}`))))
        : h('tr', {}, h('td', { colspan: 5 }, empty('No agents yet.'))));
    } catch (e) {
      show(table, h('tr', {}, h('td', { colspan: 5 }, failure(e))));
    }
  };
  const id = h('input', { type: 'text', name: 'id', required: true, pattern: '[A-Za-z0-9_\\-]{1,64}' });
  const name = h('input', { type: 'text', name: 'name', required: true, maxlength: 200 });
  const phone = h('input', { type: 'tel', name: 'phone', pattern: '\\+[1-9][0-9]{1,14}' });
  const result = h('p', { class: 'result', role: 'status' });
  const form = h('form', {
    class: 'card', 'aria-labelledby': 'new-agent',
    onsubmit: async (e) => {
      e.preventDefault();
      try {
        await api.post('agents', { id: id.value.trim(), name: name.value.trim(), phone: phone.value.trim() || undefined });
        announce(`Agent ${name.value} added.`);
        form.reset();
        await load();
      } catch (err) {
        result.classList.add('error');
        result.textContent = `Not added: ${err.message}`;
      }
    },
  }, h('h2', { id: 'new-agent' }, 'Add an agent'), h('div', { class: 'inline' }, field('Id', id), field('Name', name), field('Phone (optional)', phone)),
  h('button', { type: 'submit' }, 'Add agent'), result);
  show(main, h('h1', {}, 'Agents'),
    h('div', { class: 'scroll' }, h('table', {}, h('caption', {}, 'Agents of this workspace'),
      h('thead', {}, h('tr', {}, ['Name', 'Id', 'Phone', 'Browser identity', 'Activity'].map((t) => h('th', { scope: 'col' }, t)))), table)),
    form);
  load();
  return () => { disposed = true; };
}
