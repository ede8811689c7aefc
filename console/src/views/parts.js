import { h } from '../lib/dom.js';
import { callState, clock, safeUrl, seconds, when } from '../lib/format.js';

/** A call as one line: who called whom, its state as a word, and a link to its timeline. */
export function callRow(call, agents) {
  const state = callState(call);
  const agent = agents.find((a) => a.id === call.agentId);
  return h('li', { class: 'row call', dataset: { callSid: call.callSid, state } },
    h('a', { href: `#/calls/${call.callSid}`, class: 'row-main' },
      h('span', { class: 'who' }, `${call.from ?? 'unknown'} → ${call.to ?? 'unknown'}`),
      h('span', { class: 'meta' }, [call.direction ?? '', agent ? `· ${agent.name}` : '', call.createdAt ? `· ${clock(call.createdAt)}` : ''].join(' '))),
    badge(state, call.missedReason ? `missed (${call.missedReason})` : state));
}

export function badge(state, label) {
  return h('span', { class: `badge s-${state.replace(/\s+/g, '-')}`, dataset: { state } }, label ?? state);
}

/** A message with its pictures and files shown inline once stored. */
export function messageRow(message, api, mediaCache) {
  const images = h('div', { class: 'media' });
  if ((message.numMedia ?? message.media?.length ?? 0) > 0) loadMedia(message, api, mediaCache, images);
  return h('li', { class: `row message ${message.direction}`, dataset: { messageId: message.id, status: message.status } },
    h('div', { class: 'row-main' },
      h('span', { class: 'who' }, message.direction === 'inbound' ? `${message.from} → ${message.to}` : `${message.from ?? 'Messaging Service'} → ${message.to ?? ''}`),
      message.body ? h('p', { class: 'body' }, message.body) : null,
      images,
      h('span', { class: 'meta' }, message.sendAt && message.status === 'scheduled' ? `scheduled for ${when(message.sendAt)}` : clock(message.createdAt))),
    badge(message.status ?? 'unknown', statusWord(message)));
}

function statusWord(message) {
  if (message.status === 'failed' || message.status === 'undelivered') {
    return `${message.status}${message.errorCode ? ` (error ${message.errorCode})` : ''}`;
  }
  return message.status ?? 'unknown';
}

/**
 * The message's own page holds links to its stored media (valid 15 minutes); they are asked for
 * when shown. An item not stored yet is named, not drawn.
 */
export async function loadMedia(message, api, cache, container) {
  let media = message.direction === 'outbound' ? message.media : cache.get(message.id);
  const stale = !media || (message.mediaStored && !media.every((m) => m.stored));
  if (stale) {
    try {
      media = (await api.get(`messages/${message.id}`)).media;
      cache.set(message.id, media);
    } catch {
      return;
    }
  }
  container.replaceChildren(...(media ?? []).map((m) => mediaItem(m, message)));
}

function mediaItem(m, message) {
  const label = `${m.contentType ?? 'file'} from ${message.from ?? 'sender'}`;
  const url = safeUrl(m.url);
  if (!url || (message.direction === 'inbound' && !m.stored)) {
    return h('span', { class: 'file pending' }, `${m.contentType ?? 'file'} (${message.direction === 'inbound' ? 'arriving' : 'not shown'})`);
  }
  // An outbound item is wherever the sender put it: a link, so that opening the thread does not
  // fetch it from a stranger's server. Inbound items are Switchboard's own copies.
  if (message.direction !== 'inbound') {
    return h('a', { href: url, target: '_blank', rel: 'noopener noreferrer', class: 'file' }, `Open ${m.contentType ?? 'file'} sent`);
  }
  if (m.contentType?.startsWith('image/')) {
    return h('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, h('img', { src: url, alt: `Picture: ${label}` }));
  }
  if (m.contentType?.startsWith('audio/')) return h('audio', { controls: true, src: url, 'aria-label': `Audio: ${label}` });
  if (m.contentType?.startsWith('video/')) return h('video', { controls: true, src: url, 'aria-label': `Video: ${label}` });
  return h('a', { href: url, target: '_blank', rel: 'noopener noreferrer', class: 'file' }, `Open ${label}`);
}

export function voicemailRow(vm) {
  return h('li', { class: 'row voicemail', dataset: { callSid: vm.callSid, status: vm.status ?? 'new' } },
    h('a', { href: `#/voicemail?open=${vm.callSid}`, class: 'row-main' },
      h('span', { class: 'who' }, `${vm.from} → ${vm.to}`),
      vm.transcription ? h('p', { class: 'body' }, vm.transcription) : null,
      h('span', { class: 'meta' }, `${seconds(vm.durationSeconds)} · ${clock(vm.leftAt)}`)),
    badge(vm.status ?? 'new'));
}

export function empty(text) {
  return h('li', { class: 'empty' }, text);
}

/** A failure shown where the content would be, in words. */
export function failure(error) {
  return h('p', { class: 'error', role: 'alert' }, `Could not load: ${error.message}`);
}
