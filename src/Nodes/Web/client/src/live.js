// The page's one /ws/live socket: reconnects by itself with backoff (the seed restarts, the network drops),
// pings every few seconds to estimate the seed's clock offset, and hands each message to the handlers of its type.
import { ClockOffset } from './clock.js';

const PING_EVERY_MS = 3000;
const FIRST_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 10000;

export class LiveSocket {
  #url;
  #socket = null;
  #handlers = new Map();
  #stateHandlers = [];
  #backoffMs = FIRST_BACKOFF_MS;
  #retryTimer = null;
  #pingTimer = null;
  #pingId = 0;
  #pending = new Map();

  clock = new ClockOffset();
  /** The id the seed gave this connection (hello); the page's /ws/stream names it. */
  connectionId = null;
  state = 'closed';
  /** Why the last connection closed, when the seed said. */
  closeReason = '';

  constructor(url) {
    this.#url = url;
  }

  /** Calls handler(message) for each message of type `type` ('*' for all). */
  on(type, handler) {
    if (!this.#handlers.has(type)) this.#handlers.set(type, []);
    this.#handlers.get(type).push(handler);
  }

  /** Calls handler(state) when the state changes: 'connecting', 'open', 'closed'. */
  onState(handler) {
    this.#stateHandlers.push(handler);
  }

  start() {
    this.#connect();
  }

  /** Sends a message when the socket is open; false when it is not. */
  send(message) {
    if (!this.#socket || this.#socket.readyState !== WebSocket.OPEN) return false;
    this.#socket.send(JSON.stringify(message));
    return true;
  }

  /** Connects again now rather than after the backoff (e.g. just logged in). */
  reconnectNow() {
    if (this.state === 'open') return;
    clearTimeout(this.#retryTimer);
    this.#backoffMs = FIRST_BACKOFF_MS;
    if (!this.#socket) this.#connect();
  }

  #setState(state) {
    if (this.state === state && state !== 'connecting') return;
    this.state = state;
    for (const handler of this.#stateHandlers) handler(state);
  }

  #connect() {
    this.#setState('connecting');
    let socket;
    try {
      socket = new WebSocket(this.#url);
    } catch (e) {
      this.closeReason = String(e.message || e);
      this.#scheduleRetry();
      return;
    }
    this.#socket = socket;
    socket.onopen = () => {
      this.#backoffMs = FIRST_BACKOFF_MS;
      this.closeReason = '';
      this.clock.reset();
      this.#startPings();
    };
    socket.onmessage = (event) => this.#receive(event.data);
    socket.onclose = (event) => {
      if (this.#socket !== socket) return;
      this.#socket = null;
      this.connectionId = null;
      this.closeReason = event.reason || (event.code === 1006 ? 'the seed cannot be reached' : `closed (${event.code})`);
      clearInterval(this.#pingTimer);
      this.#pending.clear();
      // Lost (the seed restarts, the network drops): 'connecting' while it tries again. Refused by the seed's
      // limits (1008, policy): 'closed' until the next try, which comes after the backoff.
      this.#setState(event.code === 1008 ? 'closed' : 'connecting');
      this.#scheduleRetry();
    };
  }

  #scheduleRetry() {
    clearTimeout(this.#retryTimer);
    // Jitter, so that many pages do not all come back at the same instant after a seed restart.
    const delay = this.#backoffMs * (0.75 + Math.random() * 0.5);
    this.#backoffMs = Math.min(MAX_BACKOFF_MS, this.#backoffMs * 2);
    this.#retryTimer = setTimeout(() => this.#connect(), delay);
  }

  #startPings() {
    clearInterval(this.#pingTimer);
    // A few quick ones first, so that an offset is known within a second; then every PING_EVERY_MS.
    for (const delay of [0, 250, 500, 750]) setTimeout(() => this.#ping(), delay);
    this.#pingTimer = setInterval(() => this.#ping(), PING_EVERY_MS);
  }

  #ping() {
    const id = ++this.#pingId;
    if (this.send({ type: 'ping', id })) {
      this.#pending.set(id, Date.now());
      if (this.#pending.size > 16) this.#pending.delete(this.#pending.keys().next().value);
    }
  }

  #receive(data) {
    let message;
    try {
      message = JSON.parse(data);
    } catch {
      return;
    }
    if (!message || typeof message.type !== 'string') return;
    if (message.type === 'hello') {
      this.connectionId = message.connectionId;
      this.#setState('open');
    } else if (message.type === 'pong') {
      const sent = this.#pending.get(message.id);
      if (sent !== undefined) {
        this.#pending.delete(message.id);
        this.clock.add(sent, Date.now(), message.serverTimeMs);
      }
    }
    for (const handler of this.#handlers.get(message.type) ?? []) this.#dispatch(handler, message);
    for (const handler of this.#handlers.get('*') ?? []) this.#dispatch(handler, message);
  }

  #dispatch(handler, message) {
    try {
      handler(message);
    } catch (e) {
      // One section's bug must not stop the others' updates.
      console.error(`handling ${message.type}`, e);
    }
  }
}
