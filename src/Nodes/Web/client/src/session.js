// Login and logout, and who the page is: [data-testid=session-user] shows the user or "watching".
import { byTestId, setText } from './dom.js';

export class SessionView {
  #api;
  #live;

  constructor(api, live) {
    this.#api = api;
    this.#live = live;
    api.onSession((session) => this.show(session));
    live.on('hello', (message) => {
      if (message.session) this.show(message.session);
    });
    byTestId('login-form').addEventListener('submit', (event) => {
      event.preventDefault();
      this.#login();
    });
    byTestId('logout-button').addEventListener('click', () => this.#logout());
  }

  /** Renders a session ({user, admin, watchRequiresLogin, adminConfigured}). */
  show(session) {
    const user = session?.user ?? null;
    setText(byTestId('session-user'), user ?? 'watching');
    document.body.classList.toggle('logged-in', Boolean(user));
    document.body.classList.toggle('admin', Boolean(session?.admin));
    byTestId('logout-button').hidden = !user;
    byTestId('login-form').hidden = Boolean(user);
    let hint = '';
    if (!user && session?.watchRequiresLogin) hint = 'this seed needs a login to watch';
    else if (!user && session && session.adminConfigured === false) hint = 'no admin is configured on this seed';
    setText(byTestId('session-hint'), hint);
  }

  async #login() {
    const user = byTestId('login-user').value.trim();
    const password = byTestId('login-password').value;
    if (!user || !password) {
      this.#api.showRefusal('enter a user name and a password');
      return;
    }
    try {
      await this.#api.post('/api/login', { user, password });
    } catch {
      return;
    }
    byTestId('login-password').value = '';
    await this.#afterChange();
  }

  async #logout() {
    try {
      await this.#api.post('/api/logout');
    } catch {
      return;
    }
    await this.#afterChange();
  }

  // The anti-forgery token is bound to the user: read a new one. A live socket refused for want of a login
  // (watch-requires-login) may connect now; an open one stays, so the video plays on.
  async #afterChange() {
    try {
      await this.#api.loadSession();
    } catch (e) {
      this.#api.showRefusal(e.message);
    }
    this.#live.reconnectNow();
  }
}
