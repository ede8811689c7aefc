import { h, show, field, announce } from '../lib/dom.js';
import { safeUrl, seconds, when } from '../lib/format.js';
import { badge, empty, failure } from './parts.js';

const EVENTS = ['voicemail.received', 'voicemail.transcribed', 'voicemail.loaded', 'recording.stored', 'recording.copy-failed'];

/** The voicemail inbox: play, read the transcription, mark listened or archived, delete. */
export function render(ctx, main, open) {
  const { api, store } = ctx;
  const status = h('select', { name: 'status' }, h('option', { value: '' }, 'All but archived'),
    ['new', 'listened', 'archived'].map((s) => h('option', { value: s }, s)));
  const list = h('ul', { class: 'rows', id: 'voicemails', 'aria-label': 'Voicemails' });
  const more = h('button', { type: 'button', class: 'quiet', hidden: true }, 'Load more');
  let items = [];
  let cursor = null;
  let disposed = false;
  // An item drawn again unchanged is the same element: it stays open, and its audio keeps playing.
  const drawn = new Map();

  const draw = () => {
    show(list, items.length ? items.map((vm) => {
      const key = JSON.stringify(vm);
      const before = drawn.get(vm.callSid);
      if (before?.key === key) return before.element;
      const element = item(vm, before?.element?.querySelector('details')?.open);
      drawn.set(vm.callSid, { key, element });
      return element;
    }) : empty('No voicemail.'));
  };

  const load = async (append) => {
    try {
      const page = await api.get('voicemails', { status: status.value || undefined, agentId: ctx.agentId, cursor: append ? cursor : undefined, limit: 25 });
      if (disposed) return;
      const fresh = status.value ? page.items : page.items.filter((v) => v.status !== 'archived');
      items = append ? [...items, ...fresh] : fresh;
      cursor = page.nextCursor;
      more.hidden = !cursor;
      draw();
    } catch (e) {
      if (!disposed) show(list, h('li', {}, failure(e)));
    }
  };

  const item = (vm, wasOpen) => {
    const player = h('div', { class: 'player' });
    const opened = wasOpen || vm.callSid === open;
    const details = h('details', {
      open: opened,
      ontoggle: (e) => { if (e.target.open) play(vm, player); },
    },
    h('summary', {}, h('span', { class: 'who' }, `${vm.from} → ${vm.to}`), ' ',
      h('span', { class: 'meta' }, `${seconds(vm.durationSeconds)} · ${when(vm.leftAt)}`), ' ', badge(vm.status)),
    player,
    h('p', { class: 'transcription' }, vm.transcription ? `“${vm.transcription}”`
      : vm.transcriptionStatus === 'failed' ? 'No transcription: Twilio could not transcribe it.' : 'Transcription not yet in.'),
    h('div', { class: 'actions' },
      vm.status !== 'listened' ? h('button', { type: 'button', onclick: () => move(vm, 'listened') }, 'Mark listened') : null,
      vm.status !== 'new' ? h('button', { type: 'button', class: 'quiet', onclick: () => move(vm, 'new') }, 'Mark new') : null,
      vm.status !== 'archived' ? h('button', { type: 'button', class: 'quiet', onclick: () => move(vm, 'archived') }, 'Archive') : null,
      h('button', { type: 'button', class: 'danger', onclick: () => remove(vm) }, 'Delete')));
    if (opened) play(vm, player);
    return h('li', { class: 'row voicemail', dataset: { callSid: vm.callSid, status: vm.status } }, details);
  };

  // The playback link is asked for when the item is opened (it is valid 15 minutes), once.
  const play = async (vm, player) => {
    if (player.dataset.asked) return;
    player.dataset.asked = 'true';
    try {
      const full = await api.get(`voicemails/${vm.callSid}`);
      const url = safeUrl(full.playbackUrl);
      player.replaceChildren(url
        ? h('audio', { controls: true, preload: 'metadata', src: url, 'aria-label': `Voicemail from ${vm.from}` })
        : h('span', { class: 'meta' }, `Recording not available yet (copy ${full.copyStatus}).`));
      if (!url) delete player.dataset.asked;
    } catch (e) {
      delete player.dataset.asked;
      player.replaceChildren(failure(e));
    }
  };

  const move = async (vm, to) => {
    try {
      const updated = await api.patch(`voicemails/${vm.callSid}`, { status: to });
      items = items.map((v) => (v.callSid === vm.callSid ? updated : v));
      store.putVoicemail(updated);
      draw();
      announce(`Voicemail from ${vm.from} marked ${to}.`);
    } catch (e) {
      announce(`Could not change it: ${e.message}`, 'error');
    }
  };

  const remove = async (vm) => {
    if (!confirm(`Delete the voicemail from ${vm.from}, and its recording? This cannot be undone.`)) return;
    try {
      await api.delete(`voicemails/${vm.callSid}`);
      items = items.filter((v) => v.callSid !== vm.callSid);
      store.voicemails.delete(vm.callSid);
      store.changed('voicemail.deleted');
      draw();
      announce(`Voicemail from ${vm.from} deleted.`);
    } catch (e) {
      announce(`Could not delete it: ${e.message}`, 'error');
    }
  };

  status.addEventListener('change', () => load(false));
  more.addEventListener('click', () => load(true));
  show(main, h('h1', {}, 'Voicemail'), h('div', { class: 'filters' }, field('Show', status)), list, more);
  const unsubscribe = store.subscribe((type) => {
    // A new voicemail, its transcription, or its recording's copy: the inbox is read again.
    if (EVENTS.includes(type)) load(false);
  });
  load(false);
  return () => {
    disposed = true;
    unsubscribe();
  };
}
