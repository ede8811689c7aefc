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
  let disposed = false;
  const load = async () => {
    try {
      const items = (await api.get('webhook-endpoints')).items;
      if (disposed) return;
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
  return () => { disposed = true; };
}

function endpoint(ctx, main, endpointId) {
  const { api, store } = ctx;
  let timer = 0;
  let disposed = false;
  const card = h('div', { class: 'card', id: 'endpoint' });
  const title = h('h1', {}, 'Webhook endpoint');
  const body = h('tbody', {});
  const offer = h('div', { class: 'result', role: 'status' });

  const drawEndpoint = async () => {
    let e;
    try {
      e = await api.get(`webhook-endpoints/${endpointId}`);
    } catch (err) {
      if (!disposed) show(card, failure(err));
      return;
    }
    if (disposed) return;
    title.textContent = e.url;
    const toggle = h('button', {
      type: 'button',
      onclick: async () => {
        try {
          const after = await api.post(`webhook-endpoints/${endpointId}/${e.status === 'enabled' ? 'disable' : 'enable'}`);
          announce(`Endpoint ${after.status}.`);
          show(offer, after.recovery ? recoveryOffer(after.recovery) : null);
          drawEndpoint();
        } catch (err) {
          announce(`Could not change it: ${err.message}`, 'error');
        }
      },
    }, e.status === 'enabled' ? 'Disable' : 'Enable');
    const test = h('button', {
      type: 'button', class: 'quiet',
      onclick: async () => {
        try {
          const r = await api.post(`webhook-endpoints/${endpointId}/test`);
          announce(r.delivered ? `Test event delivered (${r.status}, ${r.latencyMs} ms).`
            : `Test event not delivered: ${r.reason ?? `the endpoint answered ${r.status}`}.`, r.delivered ? 'info' : 'error');
        } catch (err) {
          announce(`Not sent: ${err.message}`, 'error');
        }
      },
    }, 'Send a test event');
    show(card,
      h('p', {}, badge(e.status === 'enabled' && e.failingSince ? 'failing' : e.status), ' ',
        e.disabledReason ?? (e.failingSince ? `failing since ${when(e.failingSince)}` : '')),
      h('p', {}, `Events: ${e.eventTypes.join(', ')}`),
      h('div', { class: 'actions' }, toggle, test), offer);
  };

  // What a disabled endpoint missed, offered when it is enabled again: sent on request.
  const recoveryOffer = (recovery) => h('p', {}, `It missed events from ${when(recovery.since)}. `,
    h('button', {
      type: 'button',
      onclick: async () => {
        try {
          await api.post(`webhook-endpoints/${endpointId}/recover`, { since: recovery.since, until: recovery.until });
          show(offer, h('p', {}, 'Recovery queued: the missed events are on their way.'));
        } catch (err) {
          announce(`Not queued: ${err.message}`, 'error');
        }
      },
    }, 'Send what it missed'));

  const drawAttempts = async () => {
    let attempts;
    try {
      attempts = await api.get(`webhook-endpoints/${endpointId}/attempts`, { limit: 50 });
    } catch (err) {
      if (!disposed) show(body, h('tr', {}, h('td', { colspan: 8 }, failure(err))));
      return;
    }
    if (disposed) return;
    // Redrawn in place, and only when it changed: a keyboard user's place is kept.
    const key = JSON.stringify(attempts.items);
    if (body.dataset.key === key) return;
    body.dataset.key = key;
    show(body, attempts.items.length ? attempts.items.map((a) => h('tr', { dataset: { eventId: a.eventId, result: a.result } },
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
      }, 'Redeliver')))) : h('tr', {}, h('td', { colspan: 8 }, 'No attempts yet.')));
  };

  show(main,
    h('p', {}, h('a', { href: '#/webhooks' }, '← Webhooks')),
    title, card,
    h('h2', {}, 'Delivery log'),
    h('div', { class: 'scroll' }, h('table', { id: 'attempts' },
      h('caption', {}, 'Attempts, newest first'),
      h('thead', {}, h('tr', {}, ['When', 'Event', 'Attempt', 'Result', 'Status', 'Time', 'Next try', 'Redeliver'].map((t) => h('th', { scope: 'col' }, t)))),
      body)));
  // Any event may be one this endpoint is sent: the log is read again once a burst has passed.
  const unsubscribe = store.subscribe(() => {
    clearTimeout(timer);
    timer = setTimeout(drawAttempts, 700);
  });
  // Attempts (retries, redeliveries) make no events of their own: read again every few seconds too.
  const every = setInterval(drawAttempts, 5000);
  drawEndpoint();
  drawAttempts();
  return () => {
    disposed = true;
    unsubscribe();
    clearTimeout(timer);
    clearInterval(every);
  };
}
