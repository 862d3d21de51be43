// The console page: wires the live socket to each section. Every section degrades on its own: without the seed
// the page says "connecting" and keeps trying.
import { Api } from './api.js';
import { LiveSocket } from './live.js';
import { SessionView } from './session.js';
import { LatencyMeter } from './latency.js';
import { Player } from './player.js';
import { StationsView } from './stations.js';
import { DestinationsView } from './destinations.js';
import { ClusterView } from './cluster.js';
import { MetricsView } from './metrics.js';
import { ChatView } from './chat.js';
import { byTestId, setText, setAttr } from './dom.js';

const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
const live = new LiveSocket(`${scheme}://${location.host}/ws/live`);
const api = new Api();

new SessionView(api, live);
const player = new Player(live, new LatencyMeter(live));
const stations = new StationsView(api, live);
const destinations = new DestinationsView(api);
stations.onChange((list) => {
  player.setStations(list);
  destinations.setStations(list);
});
new ClusterView(live);
new MetricsView(live);
new ChatView(api, live);

const connection = byTestId('connection');
function showConnection(state) {
  setAttr(connection, 'data-state', state);
  // A seed that lets only logged-in users watch refuses the live socket before the login: say so, not "unreachable".
  const needsLogin = state !== 'open' && api.session?.watchRequiresLogin && !api.session?.user;
  const words = {
    open: 'connected',
    connecting: needsLogin ? 'log in to watch' : live.closeReason ? `reconnecting (${live.closeReason})…` : 'connecting…',
    closed: `refused: ${live.closeReason}; trying again soon`,
  };
  setText(connection, words[state] ?? state);
}
live.onState((state) => {
  showConnection(state);
  if (state === 'open') {
    // A restarted seed has a new anti-forgery key: read the session again.
    api.loadSession().catch(() => {});
  }
});
api.onSession(() => showConnection(live.state));
live.on('error', (m) => api.showRefusal(m.error));

api.loadSession().catch((e) => setText(byTestId('session-hint'), `session: ${e.message}`));
stations.refresh();
live.start();
