// The player: a station's MPEG-TS over /ws/stream/NAME?live=CONNECTION_ID, played through MSE by mpegts.js.
// Pause stops the player and closes the stream; resume opens it again at the live edge. The stream is opened
// again when the live socket reconnects (a new connection id) or the station's encoder restarts (a new run).
import mpegts from 'mpegts.js';
import { byTestId, setText } from './dom.js';

const HEVC_TYPE = 'video/mp4; codecs="hvc1.1.6.L93.B0"';
const FIRST_RETRY_MS = 2000;
const MAX_RETRY_MS = 15000;

export class Player {
  #live;
  #latency;
  #video;
  #player = null;
  #stations = new Map();
  #encoderRun = null;
  #retryTimer = null;
  #retryMs = FIRST_RETRY_MS;
  // The last open found no station info (the list had not come yet): the next list opens it.
  #awaitingStations = false;

  /** The station chosen in station-select. */
  station = '';
  paused = false;

  constructor(live, latency) {
    this.#live = live;
    this.#latency = latency;
    this.#video = byTestId('player');
    this.#video.muted = true;
    mpegts.LoggingControl.enableAll = false;

    byTestId('station-select').addEventListener('change', (e) => this.choose(e.target.value));
    byTestId('pause-button').addEventListener('click', () => this.pause());
    byTestId('resume-button').addEventListener('click', () => this.resume());
    byTestId('unmute-button').addEventListener('click', () => {
      this.#video.muted = !this.#video.muted;
      if (!this.#video.muted) this.#video.volume = Math.max(this.#video.volume, 0.5);
      this.#showMuted();
    });
    this.#video.addEventListener('volumechange', () => this.#showMuted());
    // Frames on the screen say more than mpegts.js' MEDIA_INFO, which a stream without audio may never complete.
    this.#video.addEventListener('playing', () => {
      if (this.#player) this.#message('');
    });

    live.on('hello', () => this.#open());
    live.onState((state) => {
      if (state !== 'open') this.#close();
    });
    live.on('clock', (m) => this.#onClock(m));
    live.on('error', (m) => this.#message(m.error));
    this.#showButtons();
    this.#showMuted();
    this.#message('waiting for the seed');
  }

  /** Keeps the station list (codec and RTSP URL are needed before opening). */
  setStations(stations) {
    this.#stations = new Map(stations.map((s) => [s.name, s]));
    if (!this.station && stations.length > 0) {
      this.choose(stations[0].name);
    } else if (this.station && !this.#stations.has(this.station)) {
      this.#close();
      this.#message(`station ${this.station} is gone`);
    } else if (this.#awaitingStations && !this.paused) {
      this.#open();
    }
  }

  choose(name) {
    if (!name) return;
    const select = byTestId('station-select');
    if (select.value !== name) select.value = name;
    if (name === this.station && this.#player) return;
    this.station = name;
    this.#encoderRun = null;
    this.#latency.clear();
    this.#retryMs = FIRST_RETRY_MS;
    this.#open();
  }

  pause() {
    this.paused = true;
    this.#close();
    this.#latency.clear();
    this.#message('paused');
    this.#showButtons();
  }

  resume() {
    this.paused = false;
    this.#retryMs = FIRST_RETRY_MS;
    this.#showButtons();
    this.#open();
  }

  #onClock(message) {
    if (message.station !== this.station) return;
    if (this.#encoderRun !== null && message.encoderRun !== this.#encoderRun && this.#player) {
      // The encoder started over: its timestamps too. Start from its next keyframe.
      this.#encoderRun = message.encoderRun;
      this.#open();
      return;
    }
    this.#encoderRun = message.encoderRun;
  }

  #open() {
    clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    this.#close();
    this.#awaitingStations = false;
    if (this.paused || !this.station) return;
    const station = this.#stations.get(this.station);
    if (!station) {
      this.#awaitingStations = true;
      this.#message(this.#stations.size === 0 ? 'no station yet' : `no station ${this.station}`);
      return;
    }
    if (station.properties?.codec === 'h265' && !hevcSupported()) {
      const rtsp = station.rtsp ? `play ${station.rtsp} instead` : 'play it over RTSP instead';
      this.#message(`this browser cannot play H.265; ${rtsp}`);
      return;
    }
    if (!mpegts.isSupported() || !mpegts.getFeatureList().mseLivePlayback) {
      this.#message('this browser has no Media Source Extensions: it cannot play the stream');
      return;
    }
    const connectionId = this.#live.connectionId;
    if (!connectionId) {
      this.#message('waiting for the seed');
      return;
    }
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const url = `${scheme}://${location.host}/ws/stream/${encodeURIComponent(this.station)}?live=${encodeURIComponent(connectionId)}`;
    const player = mpegts.createPlayer(
      { type: 'mpegts', isLive: true, url, hasAudio: Boolean(station.properties?.audio) },
      {
        enableWorker: false,
        enableStashBuffer: false,
        lazyLoad: false,
        autoCleanupSourceBuffer: true,
        autoCleanupMaxBackwardDuration: 20,
        autoCleanupMinBackwardDuration: 10,
        liveBufferLatencyChasing: true,
        // Far behind (a stall, a background tab): jump to near the live edge. A little behind: play 10% faster
        // until the buffer is down to the target; smooth, no skipped frames.
        liveBufferLatencyMaxLatency: 1.2,
        liveBufferLatencyMinRemain: 0.2,
        liveSync: true,
        liveSyncMaxLatency: 0.35,
        liveSyncTargetLatency: 0.2,
        liveSyncPlaybackRate: 1.1,
      },
    );
    this.#player = player;
    player.on(mpegts.Events.ERROR, (type, detail, info) => {
      if (this.#player !== player) return;
      const why = type === mpegts.ErrorTypes.NETWORK_ERROR ? 'the video stream could not be opened' : `the video failed (${detail || type})`;
      this.#message(`${why}${info?.msg ? `: ${info.msg}` : ''}; trying again in ${Math.round(this.#retryMs / 1000)} s`);
      this.#retryLater();
    });
    player.on(mpegts.Events.LOADING_COMPLETE, () => {
      if (this.#player !== player) return;
      // A live stream that ends was closed by the seed (station gone, encoder restarted, seed stopping).
      this.#message('the stream ended; opening it again');
      this.#retryLater();
    });
    // mpegts.js's download speed (KB/s) over its last second: the stream's bitrate as this page receives it.
    player.on(mpegts.Events.STATISTICS_INFO, (info) => {
      if (this.#player === player && Number.isFinite(info?.speed)) this.#latency.receivedKBps(info.speed);
    });
    player.on(mpegts.Events.MEDIA_INFO, () => {
      if (this.#player !== player) return;
      this.#message('');
      this.#retryMs = FIRST_RETRY_MS;
    });
    player.attachMediaElement(this.#video);
    player.load();
    this.#latency.start(this.station, this.#video);
    this.#message('connecting to the stream');
    const playing = player.play();
    if (playing && typeof playing.catch === 'function') {
      playing.catch((e) => {
        if (this.#player === player && e?.name === 'NotAllowedError') this.#message('press play to start');
      });
    }
  }

  // Each failure in a row waits twice as long (up to MAX_RETRY_MS): a stream the seed keeps refusing (its
  // limit of streams) is not hammered.
  #retryLater() {
    this.#close();
    clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => this.#open(), this.#retryMs);
    this.#retryMs = Math.min(MAX_RETRY_MS, this.#retryMs * 2);
  }

  #close() {
    this.#latency.stop();
    const player = this.#player;
    this.#player = null;
    if (!player) return;
    try {
      player.pause();
      player.unload();
      player.detachMediaElement();
      player.destroy();
    } catch (e) {
      console.warn('closing the player', e);
    }
  }

  #message(text) {
    setText(byTestId('player-message'), text);
  }

  #showButtons() {
    byTestId('pause-button').disabled = this.paused;
    byTestId('resume-button').disabled = !this.paused;
  }

  #showMuted() {
    setText(byTestId('unmute-button'), this.#video.muted ? 'unmute' : 'mute');
  }
}

function hevcSupported() {
  return typeof MediaSource !== 'undefined' && MediaSource.isTypeSupported(HEVC_TYPE);
}
