// The WebSocket channel as docs/realtime.md asks a client to use it: a fresh ticket per connection,
// a ping every four minutes, reconnection with backoff, resume from the last event seen (again
// from the same place if the connection drops mid-resume, and with the cursor while a resume is
// incomplete), and duplicates dropped by event id. Today's figures (metrics.today) come as
// snapshots without an id: passed on as they come, never a place to resume from.

const PING_MS = 4 * 60 * 1000;
const RESUME_MS = 20 * 1000;
const SEEN_LIMIT = 5000;
const LAST_KEY = 'switchboard.console.lastEventId';

export class LiveChannel {
  constructor(api, agentId) {
    this.api = api;
    this.agentId = agentId || null;
    this.listeners = new Set();
    this.stateListeners = new Set();
    this.seen = new Set();
    // Kept for the tab, so that reloading the page (another agent's view) resumes too.
    this.lastEventId = sessionStorage.getItem(LAST_KEY);
    // Where an unfinished resume started: {lastEventId} or {cursor}.
    this.anchor = null;
    this.backoff = 1000;
    this.state = 'connecting';
    this.closed = false;
  }

  /** Called with each event envelope, once per event id; {type: 'console.reload'} means read everything again. */
  onEvent(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called with 'connecting', 'live', 'reconnecting' or 'offline'. */
  onState(listener) {
    this.stateListeners.add(listener);
    listener(this.state);
    return () => this.stateListeners.delete(listener);
  }

  start() {
    this.connect();
    return this;
  }

  stop() {
    this.closed = true;
    clearTimeout(this.retry);
    this.socket?.close(1000, 'signed out');
  }

  setState(state) {
    this.state = state;
    document.documentElement.dataset.live = state;
    for (const listener of this.stateListeners) listener(state);
  }

  async connect() {
    if (this.closed) return;
    let ticket;
    try {
      ticket = await this.api.post('realtime/tickets', this.agentId ? { agentId: this.agentId } : undefined);
    } catch (e) {
      // A refusal will not change by asking again (a session ended, an agent deleted); the rest may.
      if (e.status >= 400 && e.status < 500 && e.status !== 429) {
        this.setState('offline');
        return;
      }
      this.again();
      return;
    }
    if (this.closed) return;
    const socket = new WebSocket(ticket.url);
    this.socket = socket;
    let ping;
    let resumeTimer;
    const resume = (from) => {
      this.anchor = from;
      socket.send(JSON.stringify({ action: 'resume', ...from }));
      // A resume that never answers is a connection that is not working: start again.
      clearTimeout(resumeTimer);
      resumeTimer = setTimeout(() => socket.close(4000, 'resume unanswered'), RESUME_MS);
    };
    socket.onopen = () => {
      this.backoff = 1000;
      ping = setInterval(() => socket.send(JSON.stringify({ action: 'ping' })), PING_MS);
      if (this.anchor) {
        resume(this.anchor);
      } else if (this.lastEventId) {
        resume({ lastEventId: this.lastEventId });
      } else {
        // Nothing to resume from: whatever happened before this connection is read from the API,
        // now that nothing after it can be missed.
        this.setState('live');
        this.deliver({ type: 'console.reload' });
      }
    };
    socket.onmessage = (message) => {
      let frame;
      try {
        frame = JSON.parse(message.data);
      } catch {
        return;
      }
      if (frame.control === 'resumed') {
        clearTimeout(resumeTimer);
        if (!frame.complete) {
          resume({ cursor: frame.cursor });
        } else {
          // Everything up to now has been seen: the latest event of the resume is where the next starts.
          this.anchor = null;
          if (this.lastDuring) this.keep(this.lastDuring);
          this.lastDuring = null;
          this.setState('live');
        }
        return;
      }
      if (frame.control === 'error' && this.anchor) {
        // The place to resume from is past the log's retention (or unreadable): everything shown
        // is read again from the API instead, and the channel goes on from now.
        clearTimeout(resumeTimer);
        this.anchor = null;
        this.setState('live');
        this.deliver({ type: 'console.reload' });
        return;
      }
      if (frame.control) return;
      // A snapshot (metrics.today) is no event of the log: no id, nothing to resume from, the latest wins.
      if (!frame.id) {
        if (frame.type === 'metrics.today') this.deliver(frame);
        return;
      }
      if (this.seen.has(frame.id)) return;
      this.remember(frame.id);
      if (this.anchor) this.lastDuring = frame.id;
      else this.keep(frame.id);
      // An event too large for a frame names itself only: the views read it from the API.
      this.deliver(frame.truncated ? { type: 'console.reload' } : frame);
    };
    socket.onclose = () => {
      clearInterval(ping);
      clearTimeout(resumeTimer);
      if (this.socket === socket) this.again();
    };
  }

  again() {
    if (this.closed) return;
    this.setState('reconnecting');
    this.retry = setTimeout(() => this.connect(), this.backoff);
    this.backoff = Math.min(this.backoff * 2, 30000);
  }

  /** The last event seen outside a resume: where the next resume starts. */
  keep(id) {
    this.lastEventId = id;
    sessionStorage.setItem(LAST_KEY, id);
  }

  remember(id) {
    this.seen.add(id);
    if (this.seen.size > SEEN_LIMIT) this.seen.delete(this.seen.values().next().value);
  }

  deliver(event) {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (e) {
        console.error('console: a view failed on an event', e);
      }
    }
  }
}
