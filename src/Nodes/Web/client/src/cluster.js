// The cluster's members as the seed sees them (every 2 s over the live socket): address, roles, status,
// reachability, and the leader.
import { byTestId, el, setText, setAttr, syncRows } from './dom.js';

export class ClusterView {
  constructor(live) {
    live.on('cluster', (m) => this.show(m.members));
  }

  /** members: ClusterMembers {selfAddress, leader, members: [...]}. */
  show(view) {
    const members = Array.isArray(view) ? view : view?.members ?? [];
    const leader = Array.isArray(view) ? null : view?.leader ?? null;
    setText(byTestId('leader'), leader ?? 'none');
    syncRows(byTestId('members-table').tBodies[0], members, (m) => `${m.address}#${m.uid}`, createRow, (row, m) => {
      const roles = (m.roles ?? []).join(',');
      setAttr(row, 'data-address', m.address);
      setAttr(row, 'data-status', m.status);
      setAttr(row, 'data-roles', roles);
      setAttr(row, 'data-reachable', m.reachable ? 'true' : 'false');
      row.classList.toggle('unreachable', !m.reachable);
      const [address, rolesCell, status, reachable] = row.cells;
      setText(address, m.address + (m.address === leader ? ' (leader)' : '') + (view?.selfAddress === m.address ? ' (seed)' : ''));
      setText(rolesCell, (m.roles ?? []).join(', '));
      setText(status, m.status);
      setText(reachable, m.reachable ? 'reachable' : 'unreachable');
    });
    setText(byTestId('members-count'), `${members.length} member${members.length === 1 ? '' : 's'}`);
  }
}

function createRow() {
  return el('tr', { testid: 'member-row' }, ...['address', 'roles', 'status', 'reachable'].map((n) => el('td', { class: `c-${n}`, 'data-label': n })));
}
