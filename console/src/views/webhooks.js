import { h, show, field, announce } from '../lib/dom.js';
import { when } from '../lib/format.js';
import { badge, empty, failure } from './parts.js';

/** Webhook endpoints, each with its delivery log and redelivery. */
export function render(ctx, main, endpointId) {
  return endpointId ? endpoint(ctx, main, endpointId) : endpoints(ctx, main);
}

function endpoints(ctx, main) {
  const { api } = ctx;
  const list = h('ul', { class: 'rows', id: 'endpoints', 'aria-label': 'Webhook endpoints' });
  const load = async () => {
    try {
      const items = (await api.get('webhook-endpoints')).items;
      show(list, items.length ? items.map((e) => h('li', { class: 'row endpoint', dataset: { endpointId: e.id, status: e.status } },
        h('a', { href: `#/webhooks/${e.id}`, class: 'row-main' }, h('span', { class: 'who' }, e.url),
          h('span', { class: 'meta' }, `${e.description ?? ''} ${e.eventTypes.join(', ')}`)),
        badge(e.status === 'enabled' && e.failingSince ? 'failing' : e.status)))
        : empty('No endpoints: events reach your servers once you add one.'));
    } catch (e) {
      show(list, h('li', {}, failure(e)));
    }
  };
  const url = h('input', { type: 'url', name: 'url', required: true, placeholder: 'https://example.com/switchboard' });
  const types = h('input', { type: 'text', name: 'eventTypes', value: '*' });
  const description = h('input', { type: 'text', name: 'description', maxlength: 200 });
  const result = h('div', { class: 'result', role: 'status' });
  const form = h('form', {
    class: 'card', 'aria-labelledby': 'new-endpoint',
    onsubmit: async (e) => {
      e.preventDefault();
      result.replaceChildren();
      try {
        const made = await api.post('webhook-endpoints', {
          url: url.value.trim(), description: description.value.trim() || undefined,
          eventTypes: types.value.split(',').map((t) => t.trim()).filter(Boolean),
        });
        // The signing secret is shown once, here; the console does not keep it.
        result.replaceChildren(h('p', {}, 'Endpoint added. Its signing secret, shown only now:'), h('code', { class: 'secret' }, made.secret));
        form.reset();
        await load();
      } catch (err) {
        result.replaceChildren(h('p', { class: 'error' }, `Not added: ${err.message}`));
      }
    },
  }, h('h2', { id: 'new-endpoint' }, 'Add an endpoint'),
  h('div', { class: 'inline' }, field('URL', url), field('Event types', types, 'Comma-separated: call.*, message.received, or *'), field('Description', description)),
  h('button', { type: 'submit' }, 'Add endpoint'), result);
  show(main, h('h1', {}, 'Webhooks'), list, form);
  load();
}

function endpoint(ctx, main, endpointId) {
  const { api, store } = ctx;
  let timer = 0;
  const draw = async () => {
    let e;
    let attempts;
    try {
      [e, attempts] = await Promise.all([api.get(`webhook-endpoints/${endpointId}`), api.get(`webhook-endpoints/${endpointId}/attempts`, { limit: 50 })]);
    } catch (err) {
      show(main, h('p', {}, h('a', { href: '#/webhooks' }, '← Webhooks')), failure(err));
      return;
    }
    const toggle = h('button', {
      type: 'button',
      onclick: async () => {
        try {
          const after = await api.post(`webhook-endpoints/${endpointId}/${e.status === 'enabled' ? 'disable' : 'enable'}`);
          announce(after.recovery ? `Enabled. Events missed since ${when(after.recovery.since)} can be recovered.` : `Endpoint ${after.status}.`);
          draw();
        } catch (err) {
          announce(`Could not change it: ${err.message}`, 'error');
        }
      },
    }, e.status === 'enabled' ? 'Disable' : 'Enable');
    const test = h('button', {
      type: 'button', class: 'quiet',
      onclick: async () => {
        try {
          await api.post(`webhook-endpoints/${endpointId}/test`);
          announce('Test event sent.');
        } catch (err) {
          announce(`Not sent: ${err.message}`, 'error');
        }
      },
    }, 'Send a test event');
    show(main,
      h('p', {}, h('a', { href: '#/webhooks' }, '← Webhooks')),
      h('h1', {}, e.url),
      h('div', { class: 'card' },
        h('p', {}, badge(e.status === 'enabled' && e.failingSince ? 'failing' : e.status), ' ',
          e.disabledReason ?? (e.failingSince ? `failing since ${when(e.failingSince)}` : '')),
        h('p', {}, `Events: ${e.eventTypes.join(', ')}`),
        h('div', { class: 'actions' }, toggle, test)),
      h('h2', {}, 'Delivery log'),
      h('table', { id: 'attempts' },
        h('caption', {}, 'Attempts, newest first'),
        h('thead', {}, h('tr', {}, ['When', 'Event', 'Attempt', 'Result', 'Status', 'Time', 'Next try', 'Redeliver'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, attempts.items.length ? attempts.items.map((a) => h('tr', { dataset: { eventId: a.eventId, result: a.result } },
          h('td', {}, when(a.attemptedAt)), h('td', {}, `${a.eventType} `, h('code', {}, a.eventId)), h('td', {}, String(a.attempt)),
          h('td', {}, badge(a.result)), h('td', {}, a.responseStatus ?? (a.reason ?? '')), h('td', {}, `${a.latencyMs} ms`),
          h('td', {}, a.nextAttemptAt ? when(a.nextAttemptAt) : ''),
          h('td', {}, h('button', {
            type: 'button', class: 'quiet', 'aria-label': `Redeliver ${a.eventType} ${a.eventId}`,
            onclick: async () => {
              try {
                await api.post(`webhook-endpoints/${endpointId}/redeliver`, { eventId: a.eventId });
                announce(`Redelivery of ${a.eventId} queued.`);
              } catch (err) {
                announce(`Not queued: ${err.message}`, 'error');
              }
            },
          }, 'Redeliver')))) : h('tr', {}, h('td', { colspan: 8 }, 'No attempts yet.')))));
  };
  // Any event may be one this endpoint is sent: the log is read again once a burst has passed.
  const unsubscribe = store.subscribe(() => {
    clearTimeout(timer);
    timer = setTimeout(draw, 700);
  });
  // Attempts (retries, redeliveries) make no events of their own: read again every few seconds too.
  const every = setInterval(draw, 5000);
  draw();
  return () => {
    unsubscribe();
    clearTimeout(timer);
    clearInterval(every);
  };
}
