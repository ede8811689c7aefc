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
  if (call.missed) return 'missed';
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
