// The stations: a table refreshed by the live socket's once-a-second list, their RTSP and multicast URLs to copy,
// and the add and remove actions (admin).
import { byTestId, el, setText, syncRows, syncOptions, copyButton, formatBits, formatNumber } from './dom.js';

export class StationsView {
  #api;
  #listeners = [];
  stations = [];

  constructor(api, live) {
    this.#api = api;
    live.on('stations', (m) => this.show(m.stations ?? []));
    byTestId('station-add-form').addEventListener('submit', (event) => {
      event.preventDefault();
      this.#add();
    });
  }

  /** Calls handler(stations) after each update. */
  onChange(handler) {
    this.#listeners.push(handler);
  }

  /** Reads the list once over the API (before the live socket is up, and right after an action). */
  async refresh() {
    try {
      const list = await this.#api.get('/api/stations');
      this.show(list?.stations ?? []);
    } catch {
      // the live socket's next list will do
    }
  }

  show(stations) {
    this.stations = stations;
    syncRows(byTestId('stations-table').tBodies[0], stations, (s) => s.name, createRow, updateRow(this));
    setText(byTestId('stations-empty'), stations.length === 0 ? 'no station' : '');
    const names = stations.map((s) => s.name);
    syncOptions(byTestId('station-select'), names, '(no station)');
    syncOptions(byTestId('destinations-station'), names, '(no station)');
    for (const handler of this.#listeners) handler(stations);
  }

  async remove(name) {
    try {
      await this.#api.delete(`/api/stations/${encodeURIComponent(name)}`);
    } catch {
      return;
    }
    await this.refresh();
  }

  async #add() {
    const name = byTestId('station-name').value.trim();
    const source = byTestId('station-source').value.trim() || 'testsrc';
    const codec = byTestId('station-codec').value;
    if (!name) {
      this.#api.showRefusal('a station needs a name');
      return;
    }
    try {
      await this.#api.post('/api/stations', { name, source, codec });
    } catch {
      return;
    }
    byTestId('station-name').value = '';
    await this.refresh();
  }
}

function multicastUrl(station) {
  return station.group ? `udp://@${station.group}` : '';
}

const CELLS = ['name', 'codec', 'size', 'fps', 'bitrate', 'state', 'viewers', 'rtsp', 'multicast', 'actions'];

function createRow(station) {
  const row = el('tr', { testid: 'station-row', 'data-station': station.name });
  const cells = Object.fromEntries(CELLS.map((name) => [name, el('td', { class: `c-${name}`, 'data-label': name })]));
  const rtspText = el('code', { testid: 'station-rtsp-url' });
  const multicastText = el('code', { testid: 'station-multicast-url' });
  cells.rtsp.append(rtspText, ' ', copyButton(() => rtspText.textContent, 'station-rtsp-copy'));
  cells.multicast.append(multicastText, ' ', copyButton(() => multicastText.textContent, 'station-multicast-copy'));
  row.append(...CELLS.map((name) => cells[name]));
  row._cells = cells;
  return row;
}

function updateRow(view) {
  return (row, station) => {
    const c = row._cells;
    const p = station.properties ?? {};
    setText(c.name, station.name);
    setText(c.codec, p.codec ?? '');
    setText(c.size, p.width && p.height ? `${p.width}x${p.height}` : '');
    setText(c.fps, formatNumber(station.framesPerSecond));
    setText(c.bitrate, formatBits(station.bitsPerSecond));
    setText(c.state, station.state);
    c.state.className = `c-state state-${station.state}`;
    setText(c.viewers, station.viewers);
    setText(c.rtsp.querySelector('code'), station.rtsp ?? '');
    c.rtsp.querySelector('button').hidden = !station.rtsp;
    setText(c.multicast.querySelector('code'), multicastUrl(station));
    c.multicast.querySelector('button').hidden = !station.group;
    if (!c.actions.firstChild) {
      c.actions.append(
        el('button', { type: 'button', testid: 'station-remove', class: 'danger', onclick: () => view.remove(station.name) }, 'remove'),
      );
    }
    row.title = [p.audio ? `audio: ${p.audio}` : 'no audio', `source: ${station.source}`, `restarts: ${station.restarts}`].join(' · ');
  };
}
