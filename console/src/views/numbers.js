import { h, show, field, announce } from '../lib/dom.js';
import { empty, failure, badge } from './parts.js';

const MODES = {
  forward: 'Forward to a phone',
  client: "Ring the agent's browser",
  voicemail: 'Straight to voicemail',
  stream: 'AI voice agent (media stream)',
  greeting: 'Play a greeting and hang up',
};

/** The tenant's numbers, each one's routing (view and change), and the Twilio connection's health. */
export function render(ctx, main) {
  const { api } = ctx;
  const list = h('ul', { class: 'rows', id: 'numbers', 'aria-label': 'Numbers' });
  const health = h('section', { class: 'card', id: 'twilio-health', 'aria-labelledby': 'health-title' });

  let disposed = false;
  const loadNumbers = async () => {
    try {
      const numbers = (await api.get('numbers', { limit: 100 })).items;
      if (disposed) return;
      show(list, numbers.length ? numbers.map((n) => numberItem(ctx, n, loadNumbers)) : empty('No numbers yet: import or buy one through the API.'));
    } catch (e) {
      show(list, h('li', {}, failure(e)));
    }
  };

  const loadHealth = async () => {
    show(health, h('h2', { id: 'health-title' }, 'Twilio connection'), h('p', {}, 'Checking…'));
    let report;
    try {
      report = await api.get('twilio/health');
    } catch (e) {
      if (disposed) return;
      show(health, h('h2', { id: 'health-title' }, 'Twilio connection'), failure(e));
      return;
    }
    if (disposed) return;
    const repair = h('button', {
      type: 'button',
      onclick: async () => {
        repair.disabled = true;
        try {
          const repaired = await api.post('twilio/repair');
          announce(repaired.repaired.length ? `Repaired ${repaired.repaired.length} difference(s).` : 'Nothing needed repair.');
          await loadHealth();
        } catch (e) {
          announce(`Repair failed: ${e.message}`, 'error');
          repair.disabled = false;
        }
      },
    }, 'Repair');
    show(health,
      h('h2', { id: 'health-title' }, 'Twilio connection'),
      h('p', {}, badge(report.healthy ? 'healthy' : 'drifted', report.healthy ? 'healthy' : 'needs repair'), ' ',
        `Account ${report.accountSid}`),
      report.drift.length ? h('div', { class: 'scroll' }, h('table', {},
        h('caption', {}, 'What Twilio has that differs from what Switchboard set'),
        h('thead', {}, h('tr', {}, ['Resource', 'SID', 'Setting', 'Expected', 'At Twilio'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, report.drift.map((d) => h('tr', {}, [d.resource, d.sid ?? '', d.field, d.expected ?? '', d.actual ?? ''].map((v) => h('td', {}, v))))))) : null,
      report.healthy ? null : repair);
  };

  show(main, h('h1', {}, 'Numbers'), health, h('h2', {}, 'Routing'), list);
  loadHealth();
  loadNumbers();
  return () => { disposed = true; };
}

function numberItem(ctx, number, reload) {
  const r = number.routing;
  const agent = ctx.agents.find((a) => a.id === number.agentId);
  const summary = r.mode === 'forward' ? `${MODES.forward}: ${r.forwardTo}` : MODES[r.mode];
  return h('li', { class: 'row number', dataset: { phoneNumber: number.phoneNumber, mode: r.mode } },
    h('details', {},
      h('summary', {}, h('span', { class: 'who' }, number.phoneNumber), ' ', h('span', { class: 'meta' },
        `${summary}${agent ? ` · ${agent.name}` : ''}${r.voicemail ? ' · voicemail when unanswered' : ''}${r.record ? ' · recorded' : ''}`)),
      routingForm(ctx, number, reload)));
}

function routingForm(ctx, number, reload) {
  const r = number.routing;
  const mode = h('select', { name: 'mode' }, Object.entries(MODES).map(([v, label]) => h('option', { value: v, selected: v === r.mode }, label)));
  const agent = h('select', { name: 'agentId' }, h('option', { value: '' }, 'None'),
    ctx.agents.map((a) => h('option', { value: a.id, selected: a.id === number.agentId }, a.name)));
  const forwardTo = h('input', { type: 'tel', name: 'forwardTo', value: r.forwardTo ?? '', pattern: '\\+[1-9][0-9]{1,14}' });
  const streamUrl = h('input', { type: 'url', name: 'streamUrl', value: r.streamUrl ?? '', pattern: 'wss://.*' });
  const greeting = h('textarea', { name: 'greeting', rows: 2, maxlength: 4096 }, r.greeting ?? '');
  const timeout = h('input', { type: 'number', name: 'timeoutSeconds', min: 5, max: 600, value: r.timeoutSeconds ?? 20 });
  const voicemail = h('input', { type: 'checkbox', name: 'voicemail', checked: r.voicemail === true });
  const record = h('input', { type: 'checkbox', name: 'record', checked: r.record === true });
  const result = h('p', { class: 'result', role: 'status' });
  const only = () => {
    forwardTo.closest('.field').hidden = mode.value !== 'forward';
    streamUrl.closest('.field').hidden = mode.value !== 'stream';
    timeout.closest('.field').hidden = !['forward', 'client'].includes(mode.value);
  };
  mode.addEventListener('change', only);
  const form = h('form', {
    class: 'routing', 'aria-label': `Routing of ${number.phoneNumber}`,
    onsubmit: async (e) => {
      e.preventDefault();
      // Everything the form does not show (a voicemail greeting, say) is kept as it was.
      const routing = { ...r, mode: mode.value, greeting: greeting.value || null };
      routing.forwardTo = mode.value === 'forward' ? forwardTo.value.trim() : null;
      routing.streamUrl = mode.value === 'stream' ? streamUrl.value.trim() : null;
      if (['forward', 'client'].includes(mode.value)) {
        routing.timeoutSeconds = Number(timeout.value);
        routing.voicemail = voicemail.checked;
        routing.record = record.checked;
      }
      try {
        await ctx.api.patch(`numbers/${encodeURIComponent(number.phoneNumber)}`, { routing, agentId: agent.value || null });
        announce(`${number.phoneNumber}: routing saved.`);
        await reload();
      } catch (err) {
        result.classList.add('error');
        result.textContent = `Not saved: ${err.message}`;
      }
    },
  },
  field('How calls are answered', mode), field("Number's agent", agent), field('Forward to', forwardTo),
  field('Media stream URL', streamUrl), field('Greeting', greeting), field('Ring for (seconds)', timeout),
  h('div', { class: 'field check' }, h('label', {}, voicemail, ' Voicemail when nobody answers')),
  h('div', { class: 'field check' }, h('label', {}, record, ' Record answered calls')),
  h('button', { type: 'submit' }, 'Save routing'), result);
  queueMicrotask(only);
  return form;
}
