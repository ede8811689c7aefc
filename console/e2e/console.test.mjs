// The console in Debian's Chromium against the local stack and its Twilio simulator: what a team
// sees when a call comes in, a message arrives, a voicemail is left, and what it can do about it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
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
