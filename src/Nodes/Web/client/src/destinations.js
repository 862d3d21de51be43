// The destinations of the station chosen in destinations-station: listed (refreshed every 2 s while the page is
// shown), added with a URI checked here first (the seed checks again) and removed.
import { byTestId, el, setText, syncRows, formatBytes } from './dom.js';

const REFRESH_MS = 2000;
const HOST = String.raw`(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)`;
const FORMS = [
  // udp may carry options (ttl, and the seed's canonical form adds localaddr): the seed judges them.
  { scheme: 'udp', pattern: new RegExp(String.raw`^udp://${HOST}:(\d{1,5})(?:\?[A-Za-z]+=[^&\s]*(?:&[A-Za-z]+=[^&\s]*)*)?$`) },
  { scheme: 'tcp', pattern: new RegExp(String.raw`^tcp://${HOST}:(\d{1,5})$`) },
  { scheme: 'tcp-listen', pattern: new RegExp(String.raw`^tcp-listen://${HOST}:(\d{1,5})$`) },
];

const USAGE = 'udp://host:port[?ttl=N], tcp://host:port or tcp-listen://address:port';

/** Why uri is not a destination the seed takes, or null when it looks right. */
export function checkDestinationUri(uri) {
  if (!uri) return 'enter a destination URI';
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(uri)?.[1]?.toLowerCase();
  if (!scheme || !FORMS.some((f) => f.scheme === scheme)) {
    return `unsupported scheme in "${uri}": a destination is ${USAGE}`;
  }
  const form = FORMS.find((f) => f.pattern.test(uri));
  if (!form) return `"${uri}" is not a valid ${scheme} destination: use ${USAGE}`;
  const [, port] = uri.match(form.pattern);
  if (Number(port) < 1 || Number(port) > 65535) return `port ${port} is outside 1-65535`;
  const ttl = /[?&]ttl=([^&]*)/.exec(uri)?.[1];
  if (ttl !== undefined && !(/^\d{1,3}$/.test(ttl) && Number(ttl) <= 255)) return `ttl ${ttl} is outside 0-255`;
  return null;
}

export class DestinationsView {
  #api;
  #station = '';
  #generation = 0;

  constructor(api) {
    this.#api = api;
    byTestId('destinations-station').addEventListener('change', (e) => this.choose(e.target.value));
    byTestId('destination-add-form').addEventListener('submit', (event) => {
      event.preventDefault();
      this.#add();
    });
    setInterval(() => {
      if (!document.hidden) this.refresh();
    }, REFRESH_MS);
  }

  /** Follows the station list: keeps the chosen station, or takes the first. */
  setStations(stations) {
    const select = byTestId('destinations-station');
    const names = stations.map((s) => s.name);
    if (!names.includes(this.#station)) this.choose(select.value && names.includes(select.value) ? select.value : names[0] ?? '');
  }

  choose(name) {
    if (name === this.#station) return;
    this.#station = name;
    byTestId('destinations-station').value = name;
    this.#show([]);
    this.refresh();
  }

  async refresh() {
    const station = this.#station;
    const generation = ++this.#generation;
    if (!station) {
      this.#show([]);
      return;
    }
    try {
      const list = await this.#api.get(`/api/stations/${encodeURIComponent(station)}/destinations`);
      if (generation === this.#generation) {
        this.#show(list?.destinations ?? []);
        setText(byTestId('destinations-status'), '');
      }
    } catch (e) {
      if (generation === this.#generation) setText(byTestId('destinations-status'), e.message);
    }
  }

  #show(destinations) {
    syncRows(byTestId('destinations-table').tBodies[0], destinations, (d) => d.uri, (d) => this.#createRow(d), updateRow);
    setText(byTestId('destinations-empty'), destinations.length === 0 ? 'no destination' : '');
  }

  #createRow(destination) {
    const row = el('tr', { testid: 'destination-row', 'data-uri': destination.uri });
    row._cells = ['uri', 'kind', 'connected', 'bytes', 'drops', 'queue'].map((name) => el('td', { class: `c-${name}`, 'data-label': name }));
    const remove = el('button', { type: 'button', testid: 'destination-remove', class: 'danger' }, 'remove');
    remove.addEventListener('click', () => this.#remove(destination.uri));
    row.append(...row._cells, el('td', { class: 'c-actions' }, remove));
    return row;
  }

  async #add() {
    const input = byTestId('destination-uri');
    const uri = input.value.trim();
    const problem = checkDestinationUri(uri);
    if (problem) {
      this.#api.showRefusal(problem);
      return;
    }
    if (!this.#station) {
      this.#api.showRefusal('choose a station first');
      return;
    }
    try {
      await this.#api.post(`/api/stations/${encodeURIComponent(this.#station)}/destinations`, { uri });
    } catch {
      return;
    }
    input.value = '';
    await this.refresh();
  }

  async #remove(uri) {
    try {
      await this.#api.delete(`/api/stations/${encodeURIComponent(this.#station)}/destinations?uri=${encodeURIComponent(uri)}`);
    } catch {
      return;
    }
    await this.refresh();
  }
}

function updateRow(row, d) {
  const [uri, kind, connected, bytes, drops, queue] = row._cells;
  setText(uri, d.uri);
  setText(kind, d.kind);
  setText(connected, d.kind === 'tcp-listen' ? `${d.clients} client${d.clients === 1 ? '' : 's'}` : d.connected ? 'yes' : 'no');
  setText(bytes, formatBytes(d.bytes));
  setText(drops, d.drops);
  setText(queue, d.queueDepth);
}
