import { furtherOn, messageFurtherOn } from './format.js';

// What the console knows of the tenant's activity: loaded from the API, kept current by the
// WebSocket's events. Both feed the same merge, so their order never matters: a status only moves
// further on, whichever told it first.

export class Store {
  /** @param fetchOne reads one message or voicemail the store has only heard part of (an event) */
  constructor(fetchOne = async () => null) {
    this.fetchOne = fetchOne;
    this.calls = new Map();
    this.messages = new Map();
    this.voicemails = new Map();
    this.optOuts = new Map();
    this.listeners = new Set();
    this.pending = false;
  }

  subscribe(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  changed(what, event) {
    for (const listener of this.listeners) listener(what, event);
  }

  // --- from the API ---

  putCall(call) {
    const before = this.calls.get(call.callSid) ?? {};
    const merged = { ...before, ...strip(call) };
    merged.status = furtherOn(call.status, before.status) ? call.status : before.status;
    if (before.missed) Object.assign(merged, { missed: true, missedReason: before.missedReason });
    this.calls.set(call.callSid, merged);
    return merged;
  }

  putMessage(message) {
    const before = this.messages.get(message.id) ?? {};
    const merged = { ...before, ...strip(message) };
    merged.status = messageFurtherOn(message.status, before.status) ? message.status : before.status;
    this.messages.set(message.id, merged);
  }

  putVoicemail(voicemail) {
    const before = this.voicemails.get(voicemail.callSid) ?? {};
    this.voicemails.set(voicemail.callSid, { ...before, ...strip(voicemail) });
  }

  /**
   * Whether a party has opted out: as the last contact event said, else as the API said. An
   * event is the fresher of the two (a list read just after STOP may not show it yet).
   */
  optedOut(party, fromApi) {
    return this.optOuts.has(party) ? this.optOuts.get(party) : fromApi === true;
  }

  async fill(kind, id) {
    try {
      const whole = await this.fetchOne(kind, id);
      if (!whole) return;
      if (kind === 'message') this.putMessage(whole);
      else this.putVoicemail(whole);
      this.changed(`${kind}.loaded`, { type: `${kind}.loaded`, payload: whole });
    } catch {
      // Gone or not this view's: nothing to show.
    }
  }

  // --- from the WebSocket ---

  apply(event) {
    const p = event.payload ?? {};
    switch (event.type) {
      case 'call.started':
        this.putCall({ callSid: p.callSid, from: p.from, to: p.to, agentId: p.agentId, direction: p.direction,
          routing: p.routing, status: p.direction === 'outbound' ? 'initiated' : 'ringing', createdAt: event.occurredAt });
        break;
      case 'call.status-changed':
        this.putCall({ callSid: p.callSid, from: p.from, to: p.to, agentId: p.agentId, direction: p.direction,
          status: p.status, answeredAt: p.answeredAt, endedAt: p.endedAt, durationSeconds: p.durationSeconds,
          createdAt: this.calls.get(p.callSid)?.createdAt ?? event.occurredAt });
        break;
      case 'call.missed': {
        const call = this.putCall({ callSid: p.callSid, from: p.from, to: p.to, agentId: p.agentId,
          createdAt: this.calls.get(p.callSid)?.createdAt ?? event.occurredAt });
        call.missed = true;
        call.missedReason = p.reason;
        break;
      }
      case 'voicemail.received':
        this.putVoicemail({ callSid: p.callSid, id: p.callSid, recordingSid: p.recordingSid, from: p.from, to: p.to,
          agentId: p.agentId, durationSeconds: p.durationSeconds, status: 'new', leftAt: event.occurredAt });
        break;
      case 'voicemail.transcribed':
        // It may come before voicemail.received: a voicemail is shown once it is known whole.
        if (this.voicemails.has(p.callSid)) this.putVoicemail({ callSid: p.callSid, transcription: p.text, transcriptionStatus: p.status });
        else this.fill('voicemail', p.callSid);
        break;
      case 'message.received':
        this.putMessage({ id: p.messageId, conversationId: p.conversationId, direction: 'inbound', from: p.from,
          to: p.to, body: p.body, status: 'received', numMedia: p.numMedia, createdAt: event.occurredAt });
        break;
      case 'message.status-changed':
      case 'message.media-stored':
        // A message sent by the tenant's own app, or received before this page opened, is read
        // whole first: an event carries only what changed.
        if (this.messages.has(p.messageId)) {
          this.putMessage({ id: p.messageId, status: p.status, errorCode: p.errorCode, errorMessage: p.errorMessage,
            deliveredAt: p.deliveredAt, mediaStored: event.type === 'message.media-stored' ? true : undefined });
        } else {
          this.fill('message', p.messageId);
        }
        break;
      case 'contact.opted-out':
        this.optOuts.set(p.party, true);
        break;
      case 'contact.opted-in':
        this.optOuts.set(p.party, false);
        break;
      default:
        break;
    }
    this.changed(event.type, event);
  }
}

/** Fields the API or an event left unknown (null) do not erase what is known. */
function strip(record) {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined && v !== null));
}
