// The page's own latency, frame by frame: for each frame presented (requestVideoFrameCallback), its PTS from the
// video's media time and the stream's start (streamStart), its capture time from the station's latest clock
// mapping (clock: this PTS was captured then, on the seed's clock), against the seed's clock now as this page
// estimates it (ping/pong offset). Shown as a running median and reported to the seed once a second.
import { byTestId, setText, setAttr } from './dom.js';

const PTS_WRAP_MS = 2 ** 33 / 90;
const SHOWN_SAMPLES = 150;
const MAX_REPORT_SAMPLES = 240;

export class LatencyMeter {
  #live;
  #station = null;
  #video = null;
  #base = null;
  #clock = null;
  #callbackId = null;
  #recent = [];
  #report = [];
  #timer = null;
  #lastFrames = null;
  #bitsPerSecond = 0;

  constructor(live) {
    this.#live = live;
    live.on('streamStart', (m) => {
      if (m.station !== this.#station) return;
      const starts = [m.videoPtsMs, m.audioPtsMs].filter((v) => typeof v === 'number');
      this.#base = starts.length ? Math.min(...starts) : null;
    });
    live.on('clock', (m) => {
      if (m.station === this.#station) this.#clock = m;
    });
  }

  /** Measures the frames of video, the stream of station just opened. */
  start(station, video) {
    this.stop();
    if (station !== this.#station) this.#clock = null;
    this.#station = station;
    this.#video = video;
    this.#base = null;
    this.#recent = [];
    this.#lastFrames = null;
    if (typeof video.requestVideoFrameCallback !== 'function') {
      setText(byTestId('latency'), 'latency: this browser cannot tell when a frame is shown');
      return;
    }
    const onFrame = (now, metadata) => {
      this.#sample(metadata);
      this.#callbackId = video.requestVideoFrameCallback(onFrame);
    };
    this.#callbackId = video.requestVideoFrameCallback(onFrame);
    this.#timer = setInterval(() => this.#tick(), 1000);
  }

  /** Forgets the figure shown (another station, or paused): "latency …" until new frames are measured. */
  /** The stream's rate as received now (mpegts.js statistics), reported with the samples. */
  receivedKBps(speed) {
    this.#bitsPerSecond = Math.max(0, speed * 1024 * 8);
  }

  clear() {
    this.#recent = [];
    const node = byTestId('latency');
    setText(node, 'latency …');
    setAttr(node, 'data-latency-ms', null);
  }

  stop() {
    if (this.#video && this.#callbackId !== null) this.#video.cancelVideoFrameCallback(this.#callbackId);
    this.#callbackId = null;
    clearInterval(this.#timer);
    this.#timer = null;
    this.#report = [];
  }

  #sample(metadata) {
    if (this.#base === null || !this.#clock || !this.#live.clock.known) return;
    const ptsMs = metadata.mediaTime * 1000 + this.#base;
    let sinceClockMs = ptsMs - this.#clock.pts / 90;
    // PTS is 33 bits: a frame and the clock's frame on either side of a wrap (once every 26.5 hours).
    if (sinceClockMs > PTS_WRAP_MS / 2) sinceClockMs -= PTS_WRAP_MS;
    else if (sinceClockMs < -PTS_WRAP_MS / 2) sinceClockMs += PTS_WRAP_MS;
    const captureMs = this.#clock.captureUtcMs + sinceClockMs;
    // expectedDisplayTime is on the performance clock: when this frame reaches the screen.
    const shownMs = performance.timeOrigin + (metadata.expectedDisplayTime ?? performance.now());
    const latencyMs = shownMs + this.#live.clock.offsetMs - captureMs;
    if (!Number.isFinite(latencyMs)) return;
    this.#recent.push(latencyMs);
    if (this.#recent.length > SHOWN_SAMPLES) this.#recent.shift();
    this.#report.push(Math.round(latencyMs * 10) / 10);
    if (this.#report.length > MAX_REPORT_SAMPLES) this.#report.shift();
  }

  #tick() {
    const video = this.#video;
    if (!video) return;
    if (this.#recent.length > 0) {
      const median = medianOf(this.#recent);
      const node = byTestId('latency');
      setText(node, `latency ${Math.round(median)} ms`);
      setAttr(node, 'data-latency-ms', Math.round(median));
    }
    const quality = video.getVideoPlaybackQuality ? video.getVideoPlaybackQuality() : null;
    const frames = quality?.totalVideoFrames ?? 0;
    const dropped = quality?.droppedVideoFrames ?? 0;
    const now = performance.now();
    let fps = 0;
    if (this.#lastFrames) fps = ((frames - this.#lastFrames.frames) * 1000) / (now - this.#lastFrames.at);
    this.#lastFrames = { frames, at: now };
    if (this.#report.length === 0) return;
    this.#live.send({
      type: 'latency',
      station: this.#station,
      samplesMs: this.#report,
      frames,
      droppedFrames: dropped,
      fps: Math.max(0, Math.round(fps * 10) / 10),
      bitsPerSecond: Math.round(this.#bitsPerSecond),
    });
    this.#report = [];
  }
}

function medianOf(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
