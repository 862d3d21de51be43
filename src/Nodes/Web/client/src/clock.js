// The seed's clock as seen from this page, NTP-style: each ping/pong gives
// offset = serverTime - (sent + received) / 2 with an error of at most half the round trip, so the sample with the
// shortest round trip among the recent ones is the one kept.

const KEEP = 8;

export class ClockOffset {
  #samples = [];

  /** Adds one exchange: page clock when sent and received (ms), the seed's clock in the answer (ms). */
  add(sentMs, receivedMs, serverMs) {
    const roundTripMs = Math.max(0, receivedMs - sentMs);
    this.#samples.push({ offsetMs: serverMs - (sentMs + receivedMs) / 2, roundTripMs });
    if (this.#samples.length > KEEP) this.#samples.shift();
  }

  /** Forgets every sample (a new connection may reach a restarted seed). */
  reset() {
    this.#samples = [];
  }

  get known() {
    return this.#samples.length > 0;
  }

  #best() {
    return this.#samples.reduce((a, b) => (b.roundTripMs < a.roundTripMs ? b : a));
  }

  /** Seed clock minus page clock, ms; 0 until measured. */
  get offsetMs() {
    return this.known ? this.#best().offsetMs : 0;
  }

  get roundTripMs() {
    return this.known ? this.#best().roundTripMs : null;
  }

  /** The seed's clock now (Unix ms). */
  nowMs() {
    return Date.now() + this.offsetMs;
  }
}
