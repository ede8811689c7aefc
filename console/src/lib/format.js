const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function clock(iso) {
  return iso ? time.format(new Date(iso)) : '';
}

export function when(iso) {
  return iso ? dateTime.format(new Date(iso)) : '';
}

export function seconds(n) {
  if (n === null || n === undefined) return '';
  const m = Math.floor(n / 60);
  return m ? `${m} min ${n % 60} s` : `${n} s`;
}

/** What a person calls a call's state. Twilio's in-progress is the agent having answered. */
export function callState(call) {
  if (call.missed || missedByRecord(call)) return 'missed';
  switch (call.status) {
    case 'queued': case 'initiated': return 'dialling';
    case 'ringing': return 'ringing';
    case 'in-progress': return 'answered';
    case 'completed': return 'completed';
    case 'busy': return 'busy';
    case 'no-answer': return 'no answer';
    case 'failed': return 'failed';
    case 'canceled': return 'canceled';
    default: return call.status ?? 'unknown';
  }
}

const RANK = { queued: 0, initiated: 1, ringing: 2, 'in-progress': 3, completed: 4, busy: 4, 'no-answer': 4, failed: 4, canceled: 4 };

/** Callbacks come in any order: a status replaces another only when it is further on. */
export function furtherOn(incoming, stored) {
  if (!stored) return true;
  return (RANK[incoming] ?? -1) > (RANK[stored] ?? -1);
}

const MESSAGE_RANK = { scheduled: 0, accepted: 1, queued: 1, sending: 2, sent: 3, delivered: 4, undelivered: 4, failed: 4,
  partially_delivered: 4, read: 5, canceled: 4, receiving: 1, received: 4 };

/** A message's status moves only forward: a list read a moment ago may not show the last callback yet. */
export function messageFurtherOn(incoming, stored) {
  if (!stored || !incoming) return !!incoming;
  return (MESSAGE_RANK[incoming] ?? -1) >= (MESSAGE_RANK[stored] ?? -1);
}

const ENDED = new Set(['completed', 'busy', 'no-answer', 'failed', 'canceled']);

/**
 * A call the API lists is missed when it came in, ended, and nobody answered it: its <Dial> ended
 * unanswered, or the number sends every call to voicemail (what call.missed says, live).
 */
function missedByRecord(call) {
  if (call.direction !== 'inbound' || !ENDED.has(call.status) || call.answeredAt) return false;
  return (call.dialStatus && !['completed', 'answered'].includes(call.dialStatus)) || call.routing === 'voicemail';
}

/** A link from data is followed only if it is https (or this machine, for the local stack). */
export function safeUrl(url) {
  try {
    const u = new URL(url);
    if (u.protocol === 'https:') return u.href;
    if (u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname)) return u.href;
  } catch {
    // Not a URL.
  }
  return null;
}

// --- Metrics: counts, rates (fractions of 1) and seconds, as the metrics API gives them ---

/** A figure as shown: a rate as a percentage, seconds as m:ss (h:mm:ss from an hour), and — for nothing. */
export function figure(metric, value) {
  if (value === null || value === undefined) return '—';
  if (isRate(metric)) return `${(Math.round(value * 1000) / 10).toFixed(1)}%`;
  if (isSeconds(metric)) return clockTime(value);
  return String(value);
}

export function isRate(metric) {
  return /Rate$|serviceLevel$/.test(metric);
}

export function isSeconds(metric) {
  return /Time\.|speedToAnswer/.test(metric);
}

function clockTime(seconds) {
  const total = Math.round(seconds);
  const s = String(total % 60).padStart(2, '0');
  const m = Math.floor(total / 60);
  return m >= 60 ? `${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** The date (YYYY-MM-DD) it is now on a time zone's clock. */
export function dateIn(zone, at = new Date()) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(at).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** A date n days after (or before) another, both YYYY-MM-DD. */
export function addDays(date, n) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

const dayName = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });

/** A date (YYYY-MM-DD, already on the tenant's clock) as a reader says it: Mon, 4 May. */
export function day(date) {
  return dayName.format(new Date(`${date}T00:00:00Z`));
}
