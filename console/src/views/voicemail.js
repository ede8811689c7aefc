import { h, show, field, announce } from '../lib/dom.js';
import { seconds, when } from '../lib/format.js';
import { badge, empty, failure } from './parts.js';

/** The voicemail inbox: play, read the transcription, mark listened or archived, delete. */
export function render(ctx, main, open) {
  const { api, store } = ctx;
  const status = h('select', { name: 'status' }, h('option', { value: '' }, 'All but archived'),
    ['new', 'listened', 'archived'].map((s) => h('option', { value: s }, s)));
  const list = h('ul', { class: 'rows', id: 'voicemails', 'aria-label': 'Voicemails' });
  const more = h('button', { type: 'button', class: 'quiet', hidden: true }, 'Load more');
  let items = [];
  let cursor = null;

  const draw = () => {
    show(list, items.length ? items.map((vm) => item(vm)) : empty('No voicemail.'));
  };

  const load = async (append) => {
    try {
      const page = await api.get('voicemails', { status: status.value || undefined, agentId: ctx.agentId, cursor: append ? cursor : undefined, limit: 25 });
      const fresh = status.value ? page.items : page.items.filter((v) => v.status !== 'archived');
      items = append ? [...items, ...fresh] : fresh;
      cursor = page.nextCursor;
      more.hidden = !cursor;
      draw();
    } catch (e) {
      show(list, h('li', {}, failure(e)));
    }
  };

  const item = (vm) => {
    const player = h('div', { class: 'player' });
    const details = h('details', {
      open: vm.callSid === open,
      ontoggle: (e) => { if (e.target.open && !player.firstChild) play(vm, player); },
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
    if (vm.callSid === open) queueMicrotask(() => play(vm, player));
    return h('li', { class: 'row voicemail', dataset: { callSid: vm.callSid, status: vm.status } }, details);
  };

  const play = async (vm, player) => {
    try {
      const full = await api.get(`voicemails/${vm.callSid}`);
      player.replaceChildren(full.playbackUrl
        ? h('audio', { controls: true, preload: 'metadata', src: full.playbackUrl, 'aria-label': `Voicemail from ${vm.from}` })
        : h('span', { class: 'meta' }, `Recording not available yet (copy ${full.copyStatus}).`));
    } catch (e) {
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
    if (['voicemail.received', 'voicemail.transcribed', 'recording.stored', 'recording.copy-failed'].includes(type)) load(false);
  });
  load(false);
  return unsubscribe;
}

