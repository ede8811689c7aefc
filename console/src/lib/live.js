// The WebSocket channel as docs/realtime.md asks a client to use it: a fresh ticket per connection,
// a ping every four minutes, reconnection with backoff, resume from the last event seen (again
// with the cursor while a resume is incomplete), and duplicates dropped by event id.

const PING_MS = 4 * 60 * 1000;
const SEEN_LIMIT = 5000;

export class LiveChannel {
  constructor(api, agentId) {
    this.api = api;
    this.agentId = agentId || null;
    this.listeners = new Set();
    this.stateListeners = new Set();
    this.seen = new Set();
    this.lastEventId = null;
    this.backoff = 1000;
    this.state = 'connecting';
    this.closed = false;
  }

  /** Called with each event envelope, once per event id. */
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
      if (e.status === 401 || e.status === 403) {
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
    socket.onopen = () => {
      this.backoff = 1000;
      ping = setInterval(() => socket.send(JSON.stringify({ action: 'ping' })), PING_MS);
      if (this.lastEventId) {
        socket.send(JSON.stringify({ action: 'resume', lastEventId: this.lastEventId }));
      } else {
        this.setState('live');
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
        if (!frame.complete) socket.send(JSON.stringify({ action: 'resume', cursor: frame.cursor }));
        else this.setState('live');
        return;
      }
      if (frame.control === 'error' && this.state === 'reconnecting') {
        // Too old to resume from (past retention): what is on screen is reloaded instead.
        this.lastEventId = null;
        this.setState('live');
        this.deliver({ type: 'console.reload' });
        return;
      }
      if (frame.control || !frame.id) return;
      if (this.seen.has(frame.id)) return;
      this.remember(frame.id);
      this.lastEventId = frame.id;
      this.deliver(frame);
    };
    socket.onclose = () => {
      clearInterval(ping);
      if (this.socket === socket) this.again();
    };
  }

  again() {
    if (this.closed) return;
    this.setState('reconnecting');
    this.retry = setTimeout(() => this.connect(), this.backoff);
    this.backoff = Math.min(this.backoff * 2, 30000);
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
