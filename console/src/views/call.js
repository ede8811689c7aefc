import { h, show } from '../lib/dom.js';
import { callState, clock, safeUrl, seconds, when } from '../lib/format.js';
import { badge, failure } from './parts.js';

const KINDS = {
  inbound: 'Call came in (voice webhook)',
  outbound: 'Call placed (TwiML fetched)',
  status: 'Status callback',
  'dial-complete': 'Dial ended',
  recording: 'Recording callback',
  voicemail: 'Voicemail',
  transcription: 'Transcription',
};

/** One call: its facts, every Twilio callback in firing order, and its recordings to play. */
export function render(ctx, main, callSid) {
  const { api, store } = ctx;
  let timer = 0;
  let disposed = false;
  // A recording being played is kept as it is when the call is drawn again.
  const players = new Map();
  const draw = async () => {
    let call;
    try {
      call = await api.get(`calls/${callSid}`);
    } catch (e) {
      if (disposed) return;
      show(main, h('h1', {}, 'Call'), failure(e), h('p', {}, h('a', { href: '#/calls' }, 'Back to calls')));
      return;
    }
    if (disposed) return;
    const known = store.putCall(call);
    const state = callState(known);
    show(main,
      h('p', {}, h('a', { href: '#/calls' }, '← Calls')),
      h('h1', {}, `Call ${call.from ?? ''} → ${call.to ?? ''}`),
      h('div', { class: 'card call-facts', dataset: { callSid, state } },
        h('dl', {},
          fact('State', badge(state, known.missedReason ? `missed (${known.missedReason})` : state)),
          fact('Direction', call.direction ?? 'unknown'),
          fact('Agent', ctx.agents.find((a) => a.id === call.agentId)?.name ?? call.agentId ?? 'none'),
          fact('Routing', call.routing ?? ''),
          fact('Started', when(call.createdAt)),
          fact('Answered', when(call.answeredAt) || 'not answered'),
          fact('Ended', when(call.endedAt)),
          fact('Duration', seconds(call.durationSeconds)),
          fact('CallSid', h('code', {}, call.callSid)))),
      call.path?.length ? [h('h2', {}, 'Path through the flow'),
        h('ol', { class: 'timeline', id: 'path' }, call.path.map((step) => h('li', { dataset: { node: step.node, type: step.type } },
          h('span', { class: 'time' }, clock(step.at)), h('span', { class: 'what' },
            `${step.node} (${step.type})${step.branch ? `: ${step.branch}` : ''}`))))] : null,
      h('h2', {}, 'Recordings'),
      call.recordings.length ? h('ul', { class: 'rows', id: 'recordings' }, call.recordings.map((r) => {
        const key = `${r.recordingSid}:${r.copyStatus}`;
        if (!players.has(key)) players.set(key, recording(r));
        return players.get(key);
      }))
        : h('p', {}, 'No recordings.'),
      h('h2', {}, 'Timeline'),
      // In the order Switchboard received them (callbacks of one call can arrive out of their
      // firing order; each status callback's own SequenceNumber is shown beside it).
      h('ol', { class: 'timeline', id: 'timeline' }, [...call.events].sort((a, b) => Date.parse(a.receivedAt) - Date.parse(b.receivedAt)).map((event) =>
        h('li', { dataset: { kind: event.kind } },
          h('span', { class: 'time' }, clock(event.receivedAt)),
          h('span', { class: 'what' }, describe(event)),
          h('details', {}, h('summary', {}, 'Parameters Twilio sent'),
            h('dl', { class: 'params' }, Object.entries(event.params).map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])))))));
  };
  // Each callback of this call redraws it, once the burst has passed.
  const unsubscribe = store.subscribe((type, event) => {
    if (event?.payload?.callSid !== callSid) return;
    clearTimeout(timer);
    timer = setTimeout(draw, 150);
  });
  draw();
  return () => {
    disposed = true;
    unsubscribe();
    clearTimeout(timer);
  };
}

function fact(name, value) {
  return [h('dt', {}, name), h('dd', {}, value)];
}

function describe(event) {
  const p = event.params;
  const base = KINDS[event.kind] ?? event.kind;
  if (event.kind === 'status') {
    return `${p.ParentCallSid ? 'Dialled party: ' : ''}${base}: ${p.CallStatus}${event.sequenceNumber !== null ? ` (#${event.sequenceNumber})` : ''}`;
  }
  if (event.kind === 'dial-complete') return `${base}: ${p.DialCallStatus ?? ''}`;
  if (event.kind === 'recording') return `${base}: ${p.RecordingStatus ?? ''}`;
  return base;
}

function recording(r) {
  return h('li', { class: 'row recording', dataset: { recordingSid: r.recordingSid, copyStatus: r.copyStatus } },
    h('div', { class: 'row-main' },
      h('span', { class: 'who' }, `${r.source ?? 'Recording'} · ${seconds(r.durationSeconds)}${r.channels === 2 ? ' · two channels' : ''}`),
      safeUrl(r.playbackUrl) ? h('audio', { controls: true, preload: 'metadata', src: safeUrl(r.playbackUrl), 'aria-label': `Recording ${r.recordingSid}` })
        : h('span', { class: 'meta' }, r.copyStatus === 'failed' ? `Not copied: ${r.copyError?.detail ?? ''}` : `Copy ${r.copyStatus}`)),
    badge(r.copyStatus));
}
