// The metrics section: the seed's 1 s snapshot feeds five live charts (per viewer and per station) and the
// viewers' and stations' tables.
import { byTestId, el, setText, setAttr, syncRows, formatBits, formatNumber } from './dom.js';
import { LiveChart } from './charts.js';

export class MetricsView {
  #charts;

  constructor(live) {
    this.#charts = {
      bitrate: new LiveChart(byTestId('chart-bitrate')),
      fps: new LiveChart(byTestId('chart-fps')),
      loss: new LiveChart(byTestId('chart-loss')),
      jitter: new LiveChart(byTestId('chart-jitter')),
      latency: new LiveChart(byTestId('chart-latency')),
    };
    live.on('metrics', (m) => this.show(m.snapshot));
  }

  show(snapshot) {
    if (!snapshot) return;
    const t = (Date.parse(snapshot.atUtc) || Date.now()) / 1000;
    const stations = snapshot.stations ?? [];
    const viewers = (snapshot.viewers ?? []).filter((v) => !v.stale);
    const bitrate = {};
    const fps = {};
    const loss = {};
    const jitter = {};
    const latency = {};
    for (const s of stations) {
      const label = `station ${s.station}`;
      bitrate[label] = s.bitsPerSecond / 1e6;
      fps[label] = s.framesPerSecond;
      loss[label] = s.viewers > 0 ? s.lossRatio * 100 : null;
      latency[`${label} p50`] = s.latencyP50Ms;
      latency[`${label} p95`] = s.latencyP95Ms;
    }
    for (const v of viewers) {
      bitrate[v.viewerId] = v.bitsPerSecond / 1e6;
      fps[v.viewerId] = v.framesPerSecond;
      loss[v.viewerId] = v.lossRatio * 100;
      jitter[v.viewerId] = v.jitterMs;
      latency[`${v.viewerId} p50`] = v.latencyP50Ms;
      latency[`${v.viewerId} p95`] = v.latencyP95Ms;
    }
    this.#charts.bitrate.add(t, bitrate);
    this.#charts.fps.add(t, fps);
    this.#charts.loss.add(t, loss);
    this.#charts.jitter.add(t, jitter);
    this.#charts.latency.add(t, latency);

    // A viewer is known by station and id: a page that switched stations is one viewer of each for a while.
    syncRows(byTestId('viewers-table').tBodies[0], snapshot.viewers ?? [], (v) => `${v.station}/${v.viewerId}`, createViewerRow, updateViewerRow);
    setText(byTestId('viewers-empty'), (snapshot.viewers ?? []).length === 0 ? 'no viewer' : '');
    syncRows(byTestId('station-metrics-table').tBodies[0], stations, (s) => s.station, createStationRow, updateStationRow);
  }
}

const VIEWER_CELLS = ['viewer', 'station', 'node', 'fps', 'bitrate', 'loss', 'jitter', 'p50', 'p95', 'frames', 'offset', 'state'];

function createViewerRow(v) {
  return el('tr', { testid: 'viewer-row', 'data-viewer': v.viewerId }, ...VIEWER_CELLS.map((n) => el('td', { class: `c-${n}`, 'data-label': n })));
}

function updateViewerRow(row, v) {
  const c = row.cells;
  const browser = v.viewerId.startsWith('browser-');
  const values = [
    v.viewerId,
    v.station,
    v.nodeAddress,
    formatNumber(v.framesPerSecond),
    formatBits(v.bitsPerSecond),
    // A browser measures neither: its MSE player shows no packets.
    browser ? '' : `${formatNumber(v.lossRatio * 100, 2)}%`,
    browser ? '' : `${formatNumber(v.jitterMs)} ms`,
    v.latencyP50Ms === null || v.latencyP50Ms === undefined ? '' : `${formatNumber(v.latencyP50Ms, 0)} ms`,
    v.latencyP95Ms === null || v.latencyP95Ms === undefined ? '' : `${formatNumber(v.latencyP95Ms, 0)} ms`,
    v.frames,
    v.clockOffsetMs === null || v.clockOffsetMs === undefined ? '' : `${formatNumber(v.clockOffsetMs)} ms`,
    v.stale ? 'stale' : v.subscribed ? 'watching' : 'idle',
  ];
  values.forEach((value, i) => setText(c[i], value));
  setAttr(row, 'data-station', v.station);
  row.classList.toggle('stale', Boolean(v.stale));
}

const STATION_CELLS = ['station', 'fps', 'bitrate', 'viewers', 'destinations', 'loss', 'p50', 'p95', 'drops', 'restarts'];

function createStationRow(s) {
  return el('tr', { testid: 'station-metrics-row', 'data-station': s.station }, ...STATION_CELLS.map((n) => el('td', { class: `c-${n}`, 'data-label': n })));
}

function updateStationRow(row, s) {
  const values = [
    s.station,
    formatNumber(s.framesPerSecond),
    formatBits(s.bitsPerSecond),
    s.viewers,
    s.destinations,
    `${formatNumber(s.lossRatio * 100, 2)}%`,
    s.latencyP50Ms === null || s.latencyP50Ms === undefined ? '' : `${formatNumber(s.latencyP50Ms, 0)} ms`,
    s.latencyP95Ms === null || s.latencyP95Ms === undefined ? '' : `${formatNumber(s.latencyP95Ms, 0)} ms`,
    s.drops,
    s.encoderRestarts + s.captureRestarts,
  ];
  values.forEach((value, i) => setText(row.cells[i], value));
}
