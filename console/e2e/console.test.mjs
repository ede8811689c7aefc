// The console in Debian's Chromium against the local stack and its Twilio simulator: what a team
// sees when a call comes in, a message arrives, a voicemail is left, and what it can do about it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import { isDeepStrictEqual } from 'node:util';
import { accessible, byDeadline, handset, inSession, launch, play, shoot, signedIn, stack, twilio } from './harness.mjs';

const FORWARD = '+15005550101'; // acme: forwarded to Alice, voicemail when unanswered, recorded
const GLOBEX = '+15005550201';
const PICTURE = new URL('../../local/samples/damage.jpg', import.meta.url).pathname;

/** The API as the page's own session sees it. */
async function apiJson(page, path) {
  return page.evaluate(async (p) => {
    const s = JSON.parse(sessionStorage.getItem('switchboard.console'));
    const r = await fetch(`${s.apiUrl}/v1/tenants/${s.tenantId}/${p}`, { headers: { authorization: `Bearer ${s.token}` } });
    return r.json();
  }, path);
}

/** The audio element's duration once the browser has read the file (-1 if it could not). */
async function duration(audio) {
  return audio.evaluate((el) => new Promise((resolve) => {
    if (el.duration > 0) resolve(el.duration);
    el.addEventListener('loadedmetadata', () => resolve(el.duration));
    el.addEventListener('error', () => resolve(-1));
    el.load();
  }));
}

async function apiStatus(page, path) {
  return page.evaluate(async (p) => {
    const s = JSON.parse(sessionStorage.getItem('switchboard.console'));
    return (await fetch(`${s.apiUrl}/v1/tenants/${s.tenantId}/${p}`, { headers: { authorization: `Bearer ${s.token}` } })).status;
  }, path);
}

/** Switchboard's API as the tenant's own servers call it: with its key, not the page's session. */
async function tenantApi(tenant, path, { method = 'GET', body, accept } = {}) {
  const headers = { authorization: `Bearer ${tenant.key}` };
  if (accept) headers.accept = accept;
  if (body) headers['content-type'] = 'application/json';
  const r = await fetch(`${stack.url}/v1/tenants/${tenant.tenantId}${path}`, { method, headers, body: body && JSON.stringify(body) });
  const text = await r.text();
  assert.ok(r.ok, `${method} ${path}: ${r.status} ${text}`);
  return accept === 'text/csv' ? text : JSON.parse(text);
}

const metricsOf = (tenant, query, accept) => tenantApi(tenant, `/metrics?${new URLSearchParams(query)}`, { accept });

/** Polls until check gives something truthy, failing after ms. */
async function until(what, check, ms = 20000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const result = await check();
    if (result) return result;
    if (Date.now() > deadline) assert.fail(`${what}: not so within ${ms} ms`);
    await new Promise((resolve) => { setTimeout(resolve, 250); });
  }
}

const TODAY_METRICS = ['calls.inbound', 'calls.outbound', 'calls.answered', 'calls.missed', 'calls.abandoned', 'calls.voicemail',
  'calls.afterHours', 'calls.answerRate', 'calls.talkTime.avg', 'messages.sent', 'messages.delivered', 'messages.failed',
  'messages.received', 'messages.optOuts'].join(',');
const SERIES_METRICS = 'calls.inbound,calls.answered,calls.missed,calls.answerRate,messages.sent,messages.received';
const BY_METRICS = 'calls.inbound,calls.answered,calls.missed,calls.answerRate,calls.talkTime.total,calls.talkTime.avg';

/** A figure as the page is to show it: a rate as a percentage, seconds as m:ss, nothing as a dash. */
function shownAs(metric, value) {
  if (value === null) return '—';
  if (/Rate$/.test(metric)) return `${(Math.round(value * 1000) / 10).toFixed(1)}%`;
  if (/Time\./.test(metric)) {
    const t = Math.round(value);
    const m = Math.floor(t / 60);
    const s = String(t % 60).padStart(2, '0');
    return m >= 60 ? `${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}:${s}` : `${m}:${s}`;
  }
  return String(value);
}

const shownValues = (values) => Object.fromEntries(Object.entries(values).map(([m, v]) => [m, [v, shownAs(m, v)]]));

function daysBefore(date, n) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
}

/** What the metrics view should show, read from the API (its default range: the last 7 days to today). */
async function expectedMetrics(tenant, days) {
  const week = await metricsOf(tenant, { metrics: 'calls.inbound', bucket: 'day' });
  const today = week.rows.at(-1).start.slice(0, 10);
  const from = daysBefore(today, days - 1);
  const from30 = daysBefore(today, 29);
  const [now, daily, total, agents, numbers, heat, inbound30] = await Promise.all([
    metricsOf(tenant, { metrics: TODAY_METRICS, bucket: 'none', from: today, to: today }),
    metricsOf(tenant, { metrics: SERIES_METRICS, bucket: 'day', from, to: today }),
    metricsOf(tenant, { metrics: SERIES_METRICS, bucket: 'none', from, to: today }),
    metricsOf(tenant, { metrics: BY_METRICS, bucket: 'none', groupBy: 'agent', from, to: today }),
    metricsOf(tenant, { metrics: BY_METRICS, bucket: 'none', groupBy: 'number', from, to: today }),
    metricsOf(tenant, { metrics: 'calls.inbound', bucket: 'none', groupBy: 'hourOfWeek', from: from30, to: today }),
    metricsOf(tenant, { metrics: 'calls.inbound', bucket: 'none', from: from30, to: today }),
  ]);
  return {
    dates: { today, from, from30, timeZone: week.timeZone, dayStarts: now.from },
    shown: {
      today: shownValues(now.rows[0].values),
      days: Object.fromEntries(daily.rows.map((r) => [r.start.slice(0, 10), shownValues(r.values)])),
      total: shownValues(total.rows[0].values),
      agents: Object.fromEntries(agents.rows.map((r) => [r.group, shownValues(r.values)])),
      numbers: Object.fromEntries(numbers.rows.map((r) => [r.group, shownValues(r.values)])),
      heat: Object.fromEntries(heat.rows.map((r) => [r.group, r.values['calls.inbound']])),
    },
    inbound30: inbound30.rows[0].values['calls.inbound'],
  };
}

/** What the metrics view shows: each figure's value (data-value) and its text. */
async function shownMetrics(page) {
  return page.evaluate(() => {
    const cells = (row) => Object.fromEntries([...row.querySelectorAll('[data-metric]')]
      .map((c) => [c.dataset.metric, [JSON.parse(c.dataset.value), c.textContent]]));
    const rows = (selector, key) => Object.fromEntries([...document.querySelectorAll(selector)].map((r) => [r.dataset[key], cells(r)]));
    return {
      today: cells(document.querySelector('#today')),
      days: rows('#series tbody tr', 'date'),
      total: cells(document.querySelector('#series tfoot tr')),
      agents: rows('#by-agent tbody tr[data-group]', 'group'),
      numbers: rows('#by-number tbody tr[data-group]', 'group'),
      heat: Object.fromEntries([...document.querySelectorAll('#heat td[data-group]')].map((c) => [c.dataset.group, Number(c.textContent)])),
    };
  });
}

const metricsLoaded = (page) => page.waitForFunction(() => {
  const sections = [...document.querySelectorAll('main section[data-state]')];
  return sections.length === 5 && sections.every((s) => s.dataset.state === 'loaded');
});

describe('Switchboard Console', () => {
  let browser;
  let acme;
  const caller = handset();

  before(async () => {
    browser = await launch();
    acme = await signedIn(browser, stack.acme);
  });

  after(async () => {
    await browser?.close();
  });

  it('signs in with a key it does not keep: only a session token is stored', async () => {
    const stored = await acme.page.evaluate(() => JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage }));
    assert.ok(stored.includes('sbs_'), 'a console session is kept for the tab');
    assert.ok(!stored.includes(stack.acme.key), 'the API key is not');
    assert.equal(await acme.page.locator('#live-state').textContent(), 'Live');
    await accessible(acme.page, 'live');
  });

  it('shows a call ring, get answered and complete, each within a second of the change', async () => {
    const { page } = acme;
    await page.goto(`${stack.url}/console/#/live`);
    await page.locator('#live-state[data-state="live"]').waitFor();
    let callSid = null;
    const seen = [];
    const checks = [];
    const expect = (state, at) => {
      checks.push(byDeadline(page, `#live-calls [data-call-sid="${callSid}"][data-state="${state}"]`, at + 1000, state)
        .then((shownAt) => seen.push([state, shownAt - at])));
    };
    await play(['call', '--from', caller, '--to', FORWARD, '--ring-seconds', '2', '--talk-seconds', '2'], (line, at) => {
      const started = line.match(/call (CA[0-9a-f]{32}) /);
      if (started) callSid = started[1];
      if (/voice POST .* -> 200/.test(line)) expect('ringing', at);
      else if (/status in-progress \(dialed leg .* -> 200/.test(line)) expect('answered', at);
      else if (/status completed .* -> 200/.test(line)) expect('completed', at);
    });
    await Promise.all(checks);
    assert.deepEqual(seen.map(([state]) => state).sort(), ['answered', 'completed', 'ringing']);
    await shoot(page, 'live');

    // The number records its calls: the recording plays in the call's page once copied.
    await page.goto(`${stack.url}/console/#/calls/${callSid}`);
    const audio = page.locator('#recordings audio').first();
    await audio.waitFor({ timeout: 20000 });
    assert.ok(await duration(audio) > 0, 'the recording plays');
    assert.ok(await page.locator('#timeline li[data-kind="dialed-leg"]').count() >= 1, 'the answer is on the timeline');
  });

  it('shows a call nobody answered as missed, and its voicemail plays', async () => {
    const { page } = acme;
    await page.goto(`${stack.url}/console/#/live`);
    await page.locator('#live-state[data-state="live"]').waitFor();
    let callSid = null;
    await play(['call', '--from', caller, '--to', FORWARD, '--outcome', 'no-answer'], (line) => {
      callSid ??= line.match(/call (CA[0-9a-f]{32}) /)?.[1];
    });
    await page.locator(`#live-calls [data-call-sid="${callSid}"][data-state="missed"]`).waitFor({ timeout: 5000 });
    await page.goto(`${stack.url}/console/#/voicemail?open=${callSid}`);
    const audio = page.locator(`#voicemails [data-call-sid="${callSid}"] audio`);
    await audio.waitFor({ timeout: 20000 });
    const length = await duration(audio);
    assert.ok(length > 0, `the voicemail's audio has a duration (${length})`);
    const item = page.locator(`#voicemails [data-call-sid="${callSid}"]`);
    assert.match(await item.locator('.transcription').textContent(), /simulated caller/);
    await accessible(page, 'voicemail');
    await shoot(page, 'voicemail');
    await item.getByRole('button', { name: 'Mark listened' }).click();
    await page.locator(`#voicemails [data-call-sid="${callSid}"][data-status="listened"]`).waitFor();

    await page.goto(`${stack.url}/console/#/calls/${callSid}`);
    await page.locator('#timeline li').first().waitFor();
    assert.ok(await page.locator('#timeline li[data-kind="inbound"]').count() >= 1, 'the timeline starts with the voice webhook');
    assert.ok(await page.locator('#timeline li[data-kind="dial-complete"]').count() >= 1, 'and shows the dial ending');
    await accessible(page, 'call');
    await shoot(page, 'call');

    // Deleted from the inbox: asked first, then gone, here and from the API.
    await page.goto(`${stack.url}/console/#/voicemail?open=${callSid}`);
    const asked = new Promise((resolve) => page.once('dialog', (dialog) => { resolve(dialog.message()); dialog.accept(); }));
    await page.locator(`#voicemails [data-call-sid="${callSid}"]`).getByRole('button', { name: 'Delete' }).click();
    assert.match(await asked, /cannot be undone/);
    await page.locator('#status', { hasText: 'deleted' }).waitFor();
    assert.equal(await page.locator(`#voicemails [data-call-sid="${callSid}"]`).count(), 0);
    assert.equal(await apiStatus(page, `voicemails/${callSid}`), 404, 'gone from the API too');
  });

  it("shows a menu call's path through its flow", async () => {
    const { page } = acme;
    let callSid = null;
    await play(['call', '--from', caller, '--to', '+15005550106', '--digits', '2'], (line) => {
      callSid ??= line.match(/call (CA[0-9a-f]{32}) /)?.[1];
    });
    await page.goto(`${stack.url}/console/#/calls/${callSid}`);
    await page.locator('#path li[data-node="main"]', { hasText: '2: Support' }).waitFor({ timeout: 5000 });
    await page.locator('#path li[data-node="support"]', { hasText: 'answered' }).waitFor();
    await accessible(page, 'call-flow');
  });

  it('filters the call history', async () => {
    const { page } = acme;
    let other = null;
    await play(['call', '--from', caller, '--to', '+15005550103'], (line) => { other ??= line.match(/call (CA[0-9a-f]{32}) /)?.[1]; });
    await page.goto(`${stack.url}/console/#/calls`);
    await page.locator(`#call-history [data-call-sid="${other}"]`).waitFor({ timeout: 5000 });
    await page.getByLabel('Number', { exact: true }).fill(FORWARD);
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.locator('#call-history:not([aria-busy])').waitFor();
    const rows = await page.locator('#call-history .row').evaluateAll((r) => r.map((row) => [row.dataset.callSid, row.textContent]));
    assert.ok(rows.length > 0, 'the calls to the number are listed');
    assert.ok(!rows.some(([sid]) => sid === other), 'the call to another number is not');
    assert.ok(rows.every(([, text]) => text.includes(FORWARD)), rows.map(([, t]) => t).join(' | '));
  });

  it('shows an MMS with its picture, sends an SMS that reaches delivered', async () => {
    const { page } = acme;
    await play(['sms', '--from', caller, '--to', FORWARD, '--body', 'Here is the damage', '--media', PICTURE]);
    await page.goto(`${stack.url}/console/#/conversations`);
    const thread = page.locator(`#conversations [data-party="${caller}"] a`);
    await thread.waitFor({ timeout: 5000 });
    assert.match(await page.locator(`#conversations [data-party="${caller}"] .unread`).textContent(), /^\d+ unread$/);
    await thread.click();
    // Opened, it is read.
    await page.locator(`#conversations [data-party="${caller}"]:not(:has(.unread))`).waitFor();
    const picture = page.locator('#messages .message.inbound img').first();
    await picture.waitFor({ timeout: 15000 });
    await page.waitForFunction((img) => img.complete && img.naturalWidth > 0, await picture.elementHandle(), { timeout: 10000 });
    assert.equal(await picture.evaluate((img) => img.naturalWidth), 160, 'the picture the handset sent');

    await page.getByRole('textbox', { name: 'Message', exact: true }).fill('We will send someone today.');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.locator('#send-result', { hasText: 'Sent to Twilio.' }).waitFor();
    await page.locator('#messages .message.outbound[data-status="delivered"]', { hasText: 'We will send someone today.' })
      .waitFor({ timeout: 5000 });
    await accessible(page, 'conversation');
    await shoot(page, 'conversation');

    // One for later: kept as scheduled, shown with its time.
    const later = new Date(Date.now() + 3 * 60 * 60 * 1000);
    const local = new Date(later.getTime() - later.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
    await page.getByRole('textbox', { name: 'Message', exact: true }).fill('Reminder: technician arrives today.');
    await page.getByLabel('Send later').fill(local);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.locator('#send-result', { hasText: 'Scheduled.' }).waitFor();
    await page.locator('#messages .message.outbound[data-status="scheduled"]', { hasText: 'Reminder: technician arrives today.' })
      .waitFor({ timeout: 5000 });
  });

  it('marks a party who texts STOP, and the next send from the page is refused', async () => {
    const { page } = acme;
    await play(['sms', '--from', caller, '--to', FORWARD, '--body', 'STOP']);
    await page.locator(`#conversations [data-party="${caller}"][data-opted-out="true"]`).waitFor({ timeout: 5000 });
    await page.locator('#opted-out-note').waitFor();
    await page.getByRole('textbox', { name: 'Message', exact: true }).fill('Are you still there?');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    const refused = page.locator('#send-result[data-code="opted_out"]');
    await refused.waitFor();
    assert.match(await refused.textContent(), /opted out/);
  });

  it("never shows a tenant another tenant's activity", async () => {
    const globex = await signedIn(browser, stack.globex);
    try {
      await acme.page.goto(`${stack.url}/console/#/live`);
      await acme.page.locator('#live-state[data-state="live"]').waitFor();
      let globexCall = null;
      await play(['call', '--from', caller, '--to', GLOBEX], (line) => { globexCall ??= line.match(/call (CA[0-9a-f]{32}) /)?.[1]; });
      await globex.page.locator(`#live-calls [data-call-sid="${globexCall}"]`).waitFor({ timeout: 5000 });
      // Acme's own next event has reached acme's page: globex's earlier one would have too.
      await play(['sms', '--from', caller, '--to', FORWARD, '--body', 'after the globex call']);
      await acme.page.locator('#live-messages .message', { hasText: 'after the globex call' }).waitFor({ timeout: 5000 });
      assert.equal(await acme.page.locator(`[data-call-sid="${globexCall}"]`).count(), 0, "acme's page never shows globex's call");
      assert.ok(!acme.frames.received.some((f) => f.includes(globexCall)), "nor does acme's WebSocket carry it");

      const shown = await globex.page.locator('#live-calls [data-call-sid]').evaluateAll((rows) => rows.map((r) => r.dataset.callSid));
      const acmeCalls = (await apiJson(acme.page, 'calls?limit=100')).items.map((c) => c.callSid);
      assert.deepEqual(shown.filter((sid) => acmeCalls.includes(sid)), [], "globex's page shows none of acme's calls");
      assert.ok(!globex.frames.received.some((f) => f.includes('after the globex call')), "globex's WebSocket carries none of acme's messages");
      await globex.page.goto(`${stack.url}/console/#/conversations`);
      await globex.page.locator('#conversations').waitFor();
      assert.equal(await globex.page.locator(`#conversations [data-party="${caller}"]`).count(), 0,
        "acme's conversation with the handset is not globex's");
      await globex.page.goto(`${stack.url}/console/#/calls/${acmeCalls[0]}`);
      await globex.page.getByRole('alert').waitFor();
      assert.match(await globex.page.getByRole('alert').textContent(), /Could not load/);
    } finally {
      await globex.context.close();
    }
  });

  it("shows one agent's calls in the agent view, not the team's other calls", async () => {
    await inSession(browser, stack.acme, async ({ page, frames }) => {
      await page.getByLabel('Whose activity').selectOption('alice');
      await page.locator('h1', { hasText: 'Live: Alice Ng' }).waitFor();
      await page.locator('#live-state[data-state="live"]').waitFor();
      const sids = {};
      for (const [who, number] of [['bob', '+15005550102'], ['alice', FORWARD]]) {
        await play(['call', '--from', caller, '--to', number], (line) => { sids[who] ??= line.match(/call (CA[0-9a-f]{32}) /)?.[1]; });
      }
      await page.locator(`#live-calls [data-call-sid="${sids.alice}"]`).waitFor({ timeout: 5000 });
      assert.equal(await page.locator(`[data-call-sid="${sids.bob}"]`).count(), 0, "Bob's call is not in Alice's view");
      assert.ok(!frames.received.some((f) => f.includes(sids.bob)), "nor on her WebSocket: the ticket is Alice's");
      await accessible(page, 'agent-live');
    });
  });

  it("changes a number's routing, keeping what the form does not show", async () => {
    await inSession(browser, stack.ops, async ({ page }) => {
      const number = () => page.locator(`#numbers [data-phone-number="${stack.ops.number}"]`);
      await page.goto(`${stack.url}/console/#/numbers`);
      await number().locator('summary').click();
      await number().getByLabel('Ring for (seconds)').fill('30');
      await number().getByRole('button', { name: 'Save routing' }).click();
      await page.locator('#status', { hasText: `${stack.ops.number}: routing saved.` }).waitFor();
      let routing = (await apiJson(page, `numbers/${encodeURIComponent(stack.ops.number)}`)).routing;
      assert.equal(routing.timeoutSeconds, 30);
      assert.equal(routing.forwardTo, '+15005550181');
      assert.equal(routing.voicemailGreeting, 'Leave it after the tone.', 'a field the form does not show is kept');

      await number().locator('summary').click();
      await number().getByLabel('How calls are answered').selectOption('voicemail');
      await number().getByLabel('Greeting').fill('We are closed. Leave a message.');
      await number().getByRole('button', { name: 'Save routing' }).click();
      await page.locator(`#numbers [data-phone-number="${stack.ops.number}"][data-mode="voicemail"]`).waitFor();
      routing = (await apiJson(page, `numbers/${encodeURIComponent(stack.ops.number)}`)).routing;
      assert.equal(routing.mode, 'voicemail');
      assert.equal(routing.greeting, 'We are closed. Leave a message.');
      await accessible(page, 'numbers-edit');
    });
  });

  it("shows the Twilio connection's health and repairs it", async () => {
    await inSession(browser, stack.ops, async ({ page }) => {
      await page.goto(`${stack.url}/console/#/numbers`);
      await page.locator('#twilio-health .badge[data-state="healthy"]').waitFor();
      const app = (await apiJson(page, 'twilio/health')).twimlAppSid;
      await twilio(stack.ops, `Applications/${app}.json`, { VoiceUrl: 'https://old-backend.example.com/voice' });
      await page.reload();
      await page.locator('#twilio-health .badge[data-state="drifted"]').waitFor();
      assert.match(await page.locator('#twilio-health table').textContent(), /old-backend\.example\.com/);
      await accessible(page, 'numbers-drifted');
      await page.locator('#twilio-health').getByRole('button', { name: 'Repair' }).click();
      await page.locator('#twilio-health .badge[data-state="healthy"]').waitFor();
      assert.equal(await page.locator('#twilio-health table').count(), 0, 'no differences left');
    });
  });

  it('adds a webhook endpoint, shows its delivery log, and redelivers', async () => {
    const { page } = acme;
    const received = [];
    let arrived = () => {};
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => { body += c; });
      req.on('end', () => {
        received.push({ id: req.headers['webhook-id'], body });
        res.writeHead(204).end();
        arrived();
      });
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      await page.goto(`${stack.url}/console/#/webhooks`);
      await page.getByLabel('URL').fill(`http://127.0.0.1:${server.address().port}/hooks`);
      await page.getByLabel('Event types').fill('message.received');
      await page.getByRole('button', { name: 'Add endpoint' }).click();
      await page.locator('.secret').waitFor();
      assert.match(await page.locator('.secret').textContent(), /^whsec_/);
      const first = new Promise((resolve) => { arrived = resolve; });
      const party = handset();
      await play(['sms', '--from', party, '--to', FORWARD, '--body', 'for the webhook']);
      await first;
      await page.locator('#endpoints .row a', { hasText: `127.0.0.1:${server.address().port}` }).click();
      await page.locator('#attempts tr[data-result="delivered"]').first().waitFor({ timeout: 10000 });
      assert.ok(received.length >= 1);
      const again = new Promise((resolve) => { arrived = resolve; });
      await accessible(page, 'webhook-endpoint');
      await shoot(page, 'webhook-endpoint');
      await page.locator('#attempts tr[data-result="delivered"] button').first().click();
      await page.locator('#status', { hasText: 'Redelivery of' }).waitFor();
      await again;
      assert.equal(received.at(-1).id, received[0].id, 'the same event again, with its webhook-id');
    } finally {
      server.close();
    }
  });

  it('adds an agent', async () => {
    await inSession(browser, stack.ops, async ({ page }) => {
      await page.goto(`${stack.url}/console/#/agents`);
      await page.getByLabel('Id', { exact: true }).fill('dana');
      await page.getByLabel('Name', { exact: true }).fill('Dana Ruiz');
      await page.getByLabel('Phone (optional)').fill('+15005550177');
      await page.getByRole('button', { name: 'Add agent' }).click();
      await page.locator('#agents tr[data-agent-id="dana"]', { hasText: 'Dana Ruiz' }).waitFor();
      assert.equal((await apiJson(page, 'agents/dana')).phone, '+15005550177');
    });
  });

  it("shows the team's metrics as the API reports them, today's kept current, each table as the API's CSV", async () => {
    const before = await tenantApi(stack.acme, '');
    // A clock far from UTC (13:45 ahead, on quarter hours): today and the hours are the tenant's.
    await tenantApi(stack.acme, '', { method: 'PATCH', body: { timeZone: 'Pacific/Chatham' } });
    try {
      await inSession(browser, stack.acme, async ({ page, problems, frames }) => {
        // Calls to count: one answered (Alice's number), one missed with a voicemail, one to Bob's; a message.
        for (const args of [['--to', FORWARD], ['--to', FORWARD, '--outcome', 'no-answer'], ['--to', '+15005550102']]) {
          await play(['call', '--from', handset(), ...args]);
        }
        await play(['sms', '--from', handset(), '--to', FORWARD, '--body', 'for the metrics']);
        // Counted: today's inbound calls are as many as the calls API lists since the day began, of
        // those its inbound webhook answered (a routing): a call known only from status callbacks
        // (as some of the suite's tests make them) has no call.started, and docs/metrics.md counts
        // a call from its call.started.
        const { dates } = await expectedMetrics(stack.acme, 7);
        const listed = async () => {
          let n = 0;
          let cursor;
          do {
            const batch = await tenantApi(stack.acme, `/calls?${new URLSearchParams({ direction: 'inbound',
              from: new Date(dates.dayStarts).toISOString(), limit: 100, ...(cursor ? { cursor } : {}) })}`);
            n += batch.items.filter((call) => call.routing).length;
            cursor = batch.nextCursor;
          } while (cursor);
          return n;
        };
        let counts;
        await until('every call of today counted', async () => {
          counts = [(await metricsOf(stack.acme, { metrics: 'calls.inbound', bucket: 'none', from: dates.today, to: dates.today }))
            .rows[0].values['calls.inbound'], await listed()];
          return counts[0] >= 3 && counts[0] === counts[1];
        }).catch((e) => assert.fail(`${e.message}: counted and listed ${counts}`));

        // Reached from the navigation by keyboard, as the other views are; the view has the focus.
        for (let i = 0; i < 25 && (await page.evaluate(() => document.activeElement?.textContent)) !== 'Metrics'; i++) {
          await page.keyboard.press('Tab');
        }
        await page.keyboard.press('Enter');
        await page.locator('h1', { hasText: 'Metrics' }).waitFor();
        assert.equal(await page.evaluate(() => document.activeElement?.id), 'main', 'the new view has the focus');
        await page.locator('#metrics-zone', { hasText: 'Pacific/Chatham' }).waitFor();

        // The page shows exactly the API's figures, read before and after it (the same both times).
        const compare = async (days) => {
          let last;
          await until(`the ${days}-day figures as the API reports them`, async () => {
            const ahead = await expectedMetrics(stack.acme, days);
            await metricsLoaded(page);
            const shown = await shownMetrics(page);
            const behind = await expectedMetrics(stack.acme, days);
            last = { shown, expected: behind.shown };
            if (isDeepStrictEqual(ahead, behind) && isDeepStrictEqual(shown, behind.shown)) return behind;
            // Counted meanwhile: read again.
            await page.reload();
            if (days === 30) await page.getByRole('radio', { name: 'Last 30 days' }).check();
            return null;
          }, 30000).catch((e) => {
            assert.deepEqual(last?.shown, last?.expected, e.message);
            throw e;
          });
          return last;
        };
        const week = await compare(7);
        const expected = await expectedMetrics(stack.acme, 7);
        assert.ok(week.shown.today['calls.inbound'][0] >= 3, JSON.stringify(week.shown.today));
        assert.ok(week.shown.total['calls.answered'][0] >= 1 && week.shown.total['calls.missed'][0] >= 1, JSON.stringify(week.shown.total));
        assert.deepEqual(Object.keys(week.shown.days), Object.keys(expected.shown.days));
        assert.equal(Object.keys(week.shown.days).length, 7, 'a row per day');
        assert.equal(Object.keys(week.shown.days).at(-1), expected.dates.today, "the last day is today on the tenant's clock");
        assert.ok(week.shown.agents.alice, 'Alice has a row of her own');
        assert.equal((await page.locator('#by-agent tr[data-group="alice"] th').textContent()),
          (await tenantApi(stack.acme, '/agents/alice')).name, 'under her name');
        assert.ok(week.shown.numbers[FORWARD], 'the forwarding number has a row of its own');
        assert.equal(Object.keys(week.shown.heat).length, 168, 'a cell per hour of the week');
        assert.equal(Object.values(week.shown.heat).reduce((a, b) => a + b, 0), expected.inbound30,
          'the heat map holds every inbound call of the last 30 days');
        await accessible(page, 'metrics');
        await shoot(page, 'metrics');

        // Each table downloads as the API's CSV for the same report, asked with the session's token in a
        // header, never in a URL.
        const asked = [];
        page.on('request', (r) => { if (r.headers().accept === 'text/csv') asked.push(r); });
        const csv = [
          ['m-series', { metrics: SERIES_METRICS, bucket: 'day', from: expected.dates.from, to: expected.dates.today }, ''],
          ['m-agents', { metrics: BY_METRICS, bucket: 'none', groupBy: 'agent', from: expected.dates.from, to: expected.dates.today }, '-by-agent'],
          ['m-numbers', { metrics: BY_METRICS, bucket: 'none', groupBy: 'number', from: expected.dates.from, to: expected.dates.today }, '-by-number'],
          ['m-heat', { metrics: 'calls.inbound', bucket: 'none', groupBy: 'hourOfWeek', from: expected.dates.from30, to: expected.dates.today }, '-by-hour-of-week'],
        ];
        for (const [section, query, suffix] of csv) {
          const [download] = await Promise.all([page.waitForEvent('download'),
            page.locator(`#${section}`).getByRole('button', { name: /^Download CSV of/ }).click()]);
          assert.equal(download.suggestedFilename(), `metrics-acme-${query.from}-${query.to}${suffix}.csv`);
          assert.equal(await readFile(await download.path(), 'utf8'), await metricsOf(stack.acme, query, 'text/csv'), section);
          await page.locator('#status', { hasText: `Downloaded ${download.suggestedFilename()}` }).waitFor();
        }
        assert.equal(asked.length, csv.length, 'one CSV request per table');
        for (const r of asked) {
          assert.match(r.headers().authorization, /^Bearer sbs_/, 'the session, not the key');
          assert.ok(!/sb[ksa]_/.test(r.url()), r.url());
        }

        // The last 30 days, chosen, are the API's 30 days.
        await page.getByRole('radio', { name: 'Last 30 days' }).check();
        const month = await compare(30);
        assert.equal(Object.keys(month.shown.days).length, 30, 'a row per day');

        // One more call: today's calls in go up by one, on the page as it stands (no reload).
        const inbound = month.shown.today['calls.inbound'][0];
        await page.evaluate(() => { window.notReloaded = true; });
        await play(['call', '--from', handset(), '--to', FORWARD]);
        await page.locator(`#today dd[data-metric="calls.inbound"][data-value="${inbound + 1}"]`).waitFor({ timeout: 15000 });
        assert.equal(await page.locator('#today dd[data-metric="calls.inbound"]').textContent(), String(inbound + 1));
        assert.equal(await page.evaluate(() => window.notReloaded), true, 'by the channel, not a reload');
        assert.ok(frames.received.some((f) => f.includes('"metrics.today"')), 'metrics.today came by the WebSocket');
        assert.deepEqual(problems, [], 'no script errors');
      });
    } finally {
      await tenantApi(stack.acme, '', { method: 'PATCH', body: { timeZone: before.timeZone } });
    }
  });

  it('can be used with the keyboard alone', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(`${stack.url}/console/`);
      await page.getByLabel('Workspace (tenant id)').waitFor();
      // Tab from the top of the page to each field, type, and press Enter.
      await page.keyboard.press('Tab');
      await page.keyboard.type(stack.acme.tenantId);
      await page.keyboard.press('Tab');
      await page.keyboard.type(stack.acme.key);
      await page.keyboard.press('Enter');
      await page.locator('#live-state[data-state="live"]').waitFor();
      // To the Calls section: Tab until the link has focus, then Enter.
      for (let i = 0; i < 20 && (await page.evaluate(() => document.activeElement?.textContent)) !== 'Calls'; i++) {
        await page.keyboard.press('Tab');
      }
      await page.keyboard.press('Enter');
      await page.locator('h1', { hasText: 'Calls' }).waitFor();
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'main', 'the new view has the focus');
    } finally {
      await context.close();
    }
  });

  it('resumes a dropped WebSocket without a gap', async () => {
    await inSession(browser, stack.acme, async ({ page, frames }) => {
      let blocked = false;
      const sockets = [];
      await page.routeWebSocket(/\/live\?ticket=/, (ws) => {
        if (blocked) {
          ws.close();
          return;
        }
        sockets.push({ page: ws, server: ws.connectToServer() });
      });
      await page.reload();
      await page.locator('#live-state[data-state="live"]').waitFor();
      const party = handset();
      await play(['sms', '--from', party, '--to', FORWARD, '--body', 'before the drop']);
      await page.locator('#live-messages .message', { hasText: 'before the drop' }).waitFor({ timeout: 5000 });

      // The network drops; while it is down three messages arrive.
      blocked = true;
      for (const s of sockets.splice(0)) {
        await s.server.close();
        await s.page.close();
      }
      await page.locator('#live-state[data-state="reconnecting"]').waitFor();
      for (const n of [1, 2, 3]) await play(['sms', '--from', party, '--to', FORWARD, '--body', `during the drop ${n}`]);
      blocked = false;

      await page.locator('#live-state[data-state="live"]').waitFor({ timeout: 40000 });
      for (const n of [1, 2, 3]) {
        await page.locator('#live-messages .message', { hasText: `during the drop ${n}` }).waitFor({ timeout: 5000 });
      }
      // They came by the channel's resume, from the last event the page had seen.
      const resumes = frames.sent.map((f) => JSON.parse(f)).filter((f) => f.action === 'resume');
      assert.ok(resumes.some((f) => typeof f.lastEventId === 'string' && f.lastEventId.startsWith('evt_')), JSON.stringify(resumes));
    });
  });

  it('keeps every view usable: accessible, and drawn at laptop and phone widths', async () => {
    const { page } = acme;
    for (const [view, ready] of [
      ['live', '#live-calls .row'],
      ['calls', '#call-history .row'],
      ['conversations', '#conversations .row'],
      ['numbers', '#twilio-health .badge'],
      ['agents', '#agents tr'],
      ['webhooks', '#endpoints .row'],
      ['metrics', '#m-heat[data-state="loaded"]'],
    ]) {
      await page.goto(`${stack.url}/console/#/${view}`);
      await page.locator(ready).first().waitFor();
      await accessible(page, view);
      await shoot(page, view);
    }
    const context = await browser.newContext();
    const signIn = await context.newPage();
    await signIn.goto(`${stack.url}/console/`);
    await signIn.getByLabel('API key').waitFor();
    await accessible(signIn, 'sign-in');
    await shoot(signIn, 'sign-in');
    await context.close();
    assert.deepEqual(acme.problems, [], 'no script errors on any page');
    assert.deepEqual(acme.frames.sent.filter((f) => !/"action":"(ping|resume|subscribe)"/.test(f)), [], 'only documented actions sent');
  });
});
