// The chat: join under a name, the log in sequence order (history on join, then each event exactly once), send,
// the announcements in force, and announcing (admin, over the API). The log keeps the last MAX_LINES lines.
import { byTestId, el, setText } from './dom.js';

const MAX_LINES = 500;
const ANNOUNCEMENTS_REFRESH_MS = 30000;
const KINDS = ['Message', 'Announcement', 'AnnouncementWithdrawn', 'MessageHidden', 'NameMuted', 'NameUnmuted'];
const NAME_KEY = 'actorstream.chat.name';

export class ChatView {
  #api;
  #live;
  #joinedAs = null;
  #wantJoin = null;
  #lines = new Map();
  #members = new Set();

  constructor(api, live) {
    this.#api = api;
    this.#live = live;
    const nameInput = byTestId('chat-name');
    nameInput.value = localStorage.getItem(NAME_KEY) ?? '';
    byTestId('chat-join-form').addEventListener('submit', (e) => {
      e.preventDefault();
      this.#join(nameInput.value.trim());
    });
    byTestId('chat-say-form').addEventListener('submit', (e) => {
      e.preventDefault();
      this.#say();
    });
    byTestId('announce-form').addEventListener('submit', (e) => {
      e.preventDefault();
      this.#announce();
    });
    byTestId('chat-earlier').addEventListener('click', () => this.#loadEarlier());

    // The seed keeps no chat state for a socket that closed: join again under the same name once it is back.
    live.on('hello', () => {
      this.#joinedAs = null;
      this.#showJoined();
      if (this.#wantJoin) live.send({ type: 'chatJoin', name: this.#wantJoin });
      else this.#loadAnnouncements();
    });
    // A page that watches without joining still shows what the host announced (joined pages get it live).
    setInterval(() => {
      if (!this.#joinedAs) this.#loadAnnouncements();
    }, ANNOUNCEMENTS_REFRESH_MS);
    live.on('chatJoined', (m) => this.#onJoined(m));
    live.on('chatEvent', (m) => this.#addEvent(m.event));
    live.on('chatPresence', (m) => {
      if (m.joined) this.#members.add(m.name);
      else this.#members.delete(m.name);
      this.#showMembers();
    });
    live.on('chatRefused', (m) => {
      api.showRefusal(`chat: ${m.detail || kindName(m.reason, [])}`);
      if (!this.#joinedAs) {
        // The join itself was refused (name invalid or taken): do not try it again on reconnect.
        this.#wantJoin = null;
        setText(byTestId('chat-status'), 'not joined');
      }
    });
    live.on('chatConnection', (m) => {
      setText(byTestId('chat-status'), m.up ? `joined as ${m.name}` : `chat unavailable; reconnecting as ${m.name}`);
    });
    this.#showJoined();
  }

  #join(name) {
    if (!name) {
      this.#api.showRefusal('chat: enter a name to join');
      return;
    }
    localStorage.setItem(NAME_KEY, name);
    this.#wantJoin = name;
    if (this.#joinedAs) this.#live.send({ type: 'chatLeave' });
    if (!this.#live.send({ type: 'chatJoin', name })) this.#api.showRefusal('chat: not connected to the seed; joining when it is back');
    setText(byTestId('chat-status'), `joining as ${name}`);
  }

  #say() {
    const input = byTestId('chat-input');
    const text = input.value.trim();
    if (!text) return;
    if (!this.#joinedAs) {
      this.#api.showRefusal('chat: join first');
      return;
    }
    if (!this.#live.send({ type: 'chatSay', text })) {
      this.#api.showRefusal('chat: not connected to the seed');
      return;
    }
    input.value = '';
  }

  async #announce() {
    const input = byTestId('announce-input');
    const text = input.value.trim();
    if (!text) {
      this.#api.showRefusal('an announcement needs a text');
      return;
    }
    try {
      await this.#api.post('/api/chat/announcements', { text });
    } catch {
      return;
    }
    input.value = '';
  }

  async #withdraw(id) {
    try {
      await this.#api.delete(`/api/chat/announcements/${id}`);
    } catch {
      // shown
    }
  }

  async #loadEarlier() {
    const first = this.#lines.size ? Math.min(...this.#lines.keys()) : null;
    const query = first ? `last=50&before=${first}` : 'last=50';
    try {
      const history = await this.#api.get(`/api/chat/history?${query}`);
      for (const event of history?.events ?? []) this.#addEvent(event, true);
      byTestId('chat-earlier').disabled = history?.more === false;
    } catch (e) {
      this.#api.showRefusal(`chat history: ${e.message}`);
    }
  }

  async #loadAnnouncements() {
    try {
      const answer = await this.#api.get('/api/chat/announcements');
      if (this.#joinedAs) return;
      byTestId('announcements').replaceChildren();
      for (const event of answer.inForce ?? []) this.#addAnnouncement(event);
    } catch {
      // The chat may be off or not up yet: the next refresh or a join shows them.
    }
  }

  #onJoined(m) {
    this.#joinedAs = m.name;
    this.#wantJoin = m.name;
    setText(byTestId('chat-status'), `joined as ${m.name}`);
    this.#showJoined();
    for (const event of m.recent ?? []) this.#addEvent(event, true);
    byTestId('announcements').replaceChildren();
    for (const event of m.announcements ?? []) this.#addAnnouncement(event);
    this.#members = new Set((m.members ?? []).map((x) => (typeof x === 'string' ? x : x.name)));
    this.#showMembers();
  }

  /** Adds an event to the log in its sequence place, once; older ones (history) may come after newer ones. */
  #addEvent(event, fromHistory = false) {
    if (!event || this.#lines.has(event.sequence)) return;
    const kind = kindName(event.kind, KINDS);
    const line = el(
      'li',
      { testid: 'chat-line', 'data-seq': event.sequence, 'data-kind': kind, class: `kind-${kind}` },
      el('time', { datetime: event.time }, formatTime(event.time)),
      ' ',
      ...describe(kind, event),
    );
    if (kind === 'Message') line.append(...this.#moderation(event));
    if (kind === 'NameMuted') line.append(this.#unmuteButton(event.name));
    const log = byTestId('chat-log');
    const atBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 30;
    // Most events are the newest: look from the end for the place.
    let after = log.lastElementChild;
    while (after && Number(after.dataset.seq) > event.sequence) after = after.previousElementSibling;
    if (after) after.after(line);
    else log.prepend(line);
    this.#lines.set(event.sequence, line);
    while (this.#lines.size > MAX_LINES) {
      const oldest = log.firstElementChild;
      this.#lines.delete(Number(oldest.dataset.seq));
      oldest.remove();
    }
    if (atBottom || !fromHistory) log.scrollTop = log.scrollHeight;

    if (kind === 'Announcement' && !fromHistory) this.#addAnnouncement(event);
    if (kind === 'AnnouncementWithdrawn') byTestId('announcements').querySelector(`[data-id="${event.target}"]`)?.remove();
    if (kind === 'MessageHidden') {
      const hidden = this.#lines.get(event.target);
      if (hidden) {
        hidden.classList.add('hidden-by-host');
        hidden.querySelector('.text')?.replaceChildren('(hidden by the host)');
      }
    }
  }

  // The host's tools on a message (shown to admins; the seed checks the login): hide it, mute its author.
  #moderation(event) {
    const hide = toolButton('chat-hide', 'hide', 'hide this message from everyone');
    hide.addEventListener('click', () => this.#api.post(`/api/chat/hide/${event.sequence}`).catch(() => {}));
    const mute = toolButton('chat-mute', 'mute', `refuse ${event.name}'s messages`);
    mute.addEventListener('click', () => this.#api.post('/api/chat/mute', { name: event.name, unmute: false }).catch(() => {}));
    return [hide, mute];
  }

  #unmuteButton(name) {
    const unmute = toolButton('chat-unmute', 'unmute', 'take messages from this name again');
    unmute.addEventListener('click', () => this.#api.post('/api/chat/mute', { name, unmute: true }).catch(() => {}));
    return unmute;
  }

  #addAnnouncement(event) {
    const list = byTestId('announcements');
    if (list.querySelector(`[data-id="${event.sequence}"]`)) return;
    const withdraw = toolButton('announcement-withdraw', 'withdraw', 'withdraw this announcement');
    withdraw.addEventListener('click', () => this.#withdraw(event.sequence));
    list.append(el('li', { testid: 'announcement', 'data-id': event.sequence }, el('span', { class: 'text' }, event.text), withdraw));
  }

  // Saying needs a joined name: the input is enabled once the seed's room has taken it.
  #showJoined() {
    byTestId('chat-say-form').classList.toggle('inactive', !this.#joinedAs);
    byTestId('chat-input').disabled = !this.#joinedAs;
    byTestId('chat-send').disabled = !this.#joinedAs;
    byTestId('chat-input').placeholder = this.#joinedAs ? `message as ${this.#joinedAs}` : 'join to write';
  }

  #showMembers() {
    setText(byTestId('chat-members'), this.#members.size ? `here: ${[...this.#members].sort().join(', ')}` : '');
  }
}

/** An admin's button inside a chat line: its label drawn by CSS, so the line's text stays what was said. */
function toolButton(testid, label, title) {
  return el('button', { type: 'button', class: 'admin-only small tool', testid, title, 'aria-label': label, 'data-label': label });
}

function kindName(kind, names) {
  return typeof kind === 'number' ? names[kind] ?? String(kind) : String(kind);
}

function describe(kind, e) {
  switch (kind) {
    case 'Message':
      return [el('b', { class: 'name' }, e.name), ': ', el('span', { class: 'text' }, e.text)];
    case 'Announcement':
      return [el('b', { class: 'name' }, 'announcement'), ': ', el('span', { class: 'text' }, e.text)];
    case 'AnnouncementWithdrawn':
      return [el('i', {}, `announcement #${e.target} withdrawn`)];
    case 'MessageHidden':
      return [el('i', {}, `message #${e.target} hidden by the host`)];
    case 'NameMuted':
      return [el('i', {}, `${e.name} muted`)];
    case 'NameUnmuted':
      return [el('i', {}, `${e.name} unmuted`)];
    default:
      return [el('span', { class: 'text' }, `${e.name} ${e.text}`)];
  }
}

function formatTime(iso) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}
