// One live uPlot chart: time on x, one series per label (a viewer or a station), the last WINDOW_S seconds. The
// chart is remade only when its set of series changes; otherwise its data is replaced. Every array is bounded.
import uPlot from 'uplot';
import { setAttr } from './dom.js';

const WINDOW_S = 300;
const MAX_POINTS = 360;
const MAX_SERIES = 24;
const HEIGHT = 180;

export class LiveChart {
  #container;
  #plot = null;
  #labels = [];
  #times = [];
  #values = new Map();

  constructor(container) {
    this.#container = container;
    new ResizeObserver(() => this.#plot?.setSize(this.#size())).observe(container);
    this.#publishCounts();
  }

  /** Adds the values at time t (Unix seconds): {label: number|null}. Labels missing this time get a gap. */
  add(t, values) {
    if (this.#times.length > 0 && t <= this.#times[this.#times.length - 1]) return;
    this.#times.push(t);
    for (const [label, value] of Object.entries(values)) {
      if (!this.#values.has(label)) {
        if (this.#values.size >= MAX_SERIES) continue;
        this.#values.set(label, new Array(this.#times.length - 1).fill(null));
      }
      this.#values.get(label).push(Number.isFinite(value) ? value : null);
    }
    for (const series of this.#values.values()) {
      if (series.length < this.#times.length) series.push(null);
    }
    // Forget what left the window, and series with nothing left in it.
    let drop = 0;
    while (drop < this.#times.length && (this.#times[drop] < t - WINDOW_S || this.#times.length - drop > MAX_POINTS)) drop++;
    if (drop > 0) {
      this.#times.splice(0, drop);
      for (const series of this.#values.values()) series.splice(0, drop);
    }
    for (const [label, series] of this.#values) {
      if (series.every((v) => v === null)) this.#values.delete(label);
    }
    this.#render();
    this.#publishCounts();
  }

  #publishCounts() {
    const counts = {};
    for (const [label, series] of this.#values) counts[label] = series.reduce((n, v) => (v === null ? n : n + 1), 0);
    setAttr(this.#container, 'data-points', JSON.stringify(counts));
  }

  #render() {
    const labels = [...this.#values.keys()].sort();
    const data = [this.#times, ...labels.map((l) => this.#values.get(l))];
    if (this.#plot && sameLabels(labels, this.#labels)) {
      this.#plot.setData(data);
      return;
    }
    this.#plot?.destroy();
    this.#labels = labels;
    this.#plot = new uPlot(
      {
        ...this.#size(),
        legend: { live: false },
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: true }, y: { range: (u, min, max) => [Math.min(0, min), max > 0 ? max * 1.1 : 1] } },
        axes: [{}, { values: (u, ticks) => ticks.map(formatTick), size: 50 }],
        series: [{}, ...labels.map((label) => ({ label, stroke: colorOf(label), width: 1.5, spanGaps: false, points: { show: false } }))],
      },
      data,
      this.#container,
    );
  }

  #size() {
    return { width: Math.max(200, this.#container.clientWidth || 300), height: HEIGHT };
  }
}

function sameLabels(a, b) {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function formatTick(v) {
  if (v === null || v === undefined) return '';
  const abs = Math.abs(v);
  return abs >= 100 ? v.toFixed(0) : abs >= 10 ? v.toFixed(1) : v.toFixed(2);
}

/** A stable colour per label, so a viewer keeps its colour when the chart is remade. */
function colorOf(label) {
  let hash = 0;
  for (const ch of label) hash = (hash * 31 + ch.codePointAt(0)) >>> 0;
  return `hsl(${hash % 360} 70% 45%)`;
}
