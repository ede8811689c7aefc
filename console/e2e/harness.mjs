// What the browser tests share: Debian's Chromium through playwright-core, the local stack they
// were given (ConsoleBrowserTest in the local module starts it and passes its addresses), the
// switchboard-local command to play calls and messages, axe-core, and screenshots.
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';

const need = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run these tests through the local module (mvn -B verify)`);
  return value;
};

export const stack = {
  url: need('SWITCHBOARD_URL'),
  local: need('SWITCHBOARD_LOCAL'),
  simulator: need('SWITCHBOARD_SIMULATOR'),
  acme: { tenantId: 'acme', key: need('ACME_KEY') },
  globex: { tenantId: 'globex', key: need('GLOBEX_KEY') },
  // A tenant whose Twilio account the tests may put out of order and repair.
  ops: { tenantId: need('OPS_TENANT'), key: need('OPS_KEY'), accountSid: need('OPS_ACCOUNT'), authToken: need('OPS_TOKEN'),
    number: need('OPS_NUMBER') },
};

/** Changes something in the simulated Twilio account as a person in Twilio's console would. */
export async function twilio(tenant, path, form) {
  const response = await fetch(`${stack.simulator}/2010-04-01/Accounts/${tenant.accountSid}/${path}`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${tenant.accountSid}:${tenant.authToken}`).toString('base64')}` },
    body: new URLSearchParams(form),
  });
  assert.equal(response.status, 200, await response.text());
}
export const screenshots = process.env.SCREENSHOTS_DIR ?? 'target/screenshots';
mkdirSync(screenshots, { recursive: true });

export const LAPTOP = { width: 1366, height: 768 };
export const PHONE = { width: 390, height: 844 };

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-quic', '--autoplay-policy=no-user-gesture-required'],
  });
}

/** A fresh browser profile signed in to the console as a tenant. */
export async function signedIn(browser, tenant, viewport = LAPTOP) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  // A refusal the page shows in words (409 opted_out) is logged by the browser as a failed
  // resource; anything else the page logs as an error is a problem.
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console: ${m.text()}`);
  });
  // What the WebSocket carried, both ways.
  const frames = { sent: [], received: [] };
  page.on('websocket', (ws) => {
    ws.on('framesent', (f) => frames.sent.push(String(f.payload)));
    ws.on('framereceived', (f) => frames.received.push(String(f.payload)));
  });
  await page.goto(`${stack.url}/console/`);
  await page.getByLabel('Workspace (tenant id)').fill(tenant.tenantId);
  await page.getByLabel('API key').fill(tenant.key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('#live-state[data-state="live"]').waitFor();
  return { context, page, problems, frames };
}

/** A browser profile of its own, signed in as the tenant, for as long as fn runs. */
export async function inSession(browser, tenant, fn) {
  const session = await signedIn(browser, tenant);
  try {
    return await fn(session);
  } finally {
    await session.context.close();
  }
}

/**
 * Runs switchboard-local (call, sms) and hands each line of its timeline to onLine as it is
 * printed, with the time it arrived. Resolves with every line once the command exits 0.
 */
export function play(args, onLine = () => {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(stack.local, [...args, '--simulator', stack.simulator], { stdio: ['ignore', 'pipe', 'pipe'] });
    const lines = [];
    let buffer = '';
    let err = '';
    child.stdout.on('data', (chunk) => {
      const at = Date.now();
      buffer += chunk;
      let nl;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        lines.push(line);
        onLine(line, at);
      }
    });
    child.stderr.on('data', (chunk) => { err += chunk; });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(lines)
      : reject(new Error(`switchboard-local ${args.join(' ')} exited ${code}\n${lines.join('\n')}\n${err}`))));
  });
}

/** Waits for a selector, failing if it has not appeared by the deadline (ms since the epoch). */
export async function byDeadline(page, selector, deadline, what) {
  const started = Date.now();
  try {
    await page.locator(selector).first().waitFor({ timeout: Math.max(1, deadline - Date.now()) });
  } catch {
    assert.fail(`${what}: ${selector} not shown within the deadline (waited ${Date.now() - started} ms)`);
  }
  return Date.now();
}

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core on the page as it stands: no serious or critical violation. */
export async function accessible(page, view) {
  // Evaluated, not injected as a tag: the console's Content-Security-Policy forbids inline scripts.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) })));
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad, [], `${view}: serious or critical accessibility violations`);
  return violations;
}

/** The view at laptop and phone widths, as build output; at neither does it need sideways scrolling. */
export async function shoot(page, view) {
  const before = page.viewportSize();
  for (const [name, size] of [['laptop', LAPTOP], ['phone', PHONE]]) {
    await page.setViewportSize(size);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${view} at ${name} width is ${overflow} px wider than the screen`);
    await page.screenshot({ path: `${screenshots}/${view}-${name}.png`, fullPage: true });
  }
  await page.setViewportSize(before);
}

/** A handset number no other test uses: opt-outs belong to a party. */
export function handset() {
  return `+1415${String(Math.floor(1000000 + Math.random() * 8999999))}`;
}
