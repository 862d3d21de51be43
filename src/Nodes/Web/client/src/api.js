// The seed's /api: JSON in and out, the anti-forgery token of /api/session on every POST and DELETE, and every
// refusal shown plainly in [data-testid=action-error].
import { byTestId, setText } from './dom.js';

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export class Api {
  #token = null;
  #sessionHandlers = [];
  session = null;

  /** Calls handler(session) each time /api/session is read. */
  onSession(handler) {
    this.#sessionHandlers.push(handler);
  }

  /** Reads /api/session (sets the anti-forgery cookie and token). */
  async loadSession() {
    const response = await fetch('/api/session', { credentials: 'same-origin', cache: 'no-store' });
    const body = await readBody(response);
    if (!response.ok) throw new ApiError(response.status, errorText(response, body));
    this.#token = body.antiforgeryToken ?? null;
    this.session = body;
    for (const handler of this.#sessionHandlers) handler(body);
    return body;
  }

  async get(path) {
    return this.#request('GET', path, undefined, false);
  }

  /** An action (POST/DELETE): a refusal is shown in action-error and thrown. */
  async post(path, body) {
    return this.#action('POST', path, body);
  }

  async delete(path) {
    return this.#action('DELETE', path, undefined);
  }

  /** Shows text as the latest refusal; '' clears it. */
  showRefusal(text) {
    setText(byTestId('action-error'), text);
  }

  async #action(method, path, body) {
    try {
      const result = await this.#request(method, path, body, true);
      this.showRefusal('');
      return result;
    } catch (e) {
      this.showRefusal(e.message);
      throw e;
    }
  }

  async #request(method, path, body, needsToken) {
    if (needsToken && !this.#token) await this.#tryLoadSession();
    let response = await this.#send(method, path, body, needsToken);
    let answer = await readBody(response);
    // A restarted seed has new anti-forgery keys, and a login changes whom the token is for: fetch a fresh token
    // and try once more. A request forged elsewhere has no way to read one.
    if (needsToken && response.status === 400 && /anti-?forgery/i.test(answer?.error ?? '')) {
      await this.#tryLoadSession();
      response = await this.#send(method, path, body, needsToken);
      answer = await readBody(response);
    }
    if (!response.ok) throw new ApiError(response.status, errorText(response, answer));
    return answer;
  }

  #send(method, path, body, needsToken) {
    const headers = {};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (needsToken && this.#token) headers['X-CSRF-TOKEN'] = this.#token;
    return fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    }).catch((e) => {
      throw new ApiError(0, `the seed cannot be reached (${e.message})`);
    });
  }

  async #tryLoadSession() {
    try {
      await this.loadSession();
    } catch {
      // the request itself will say what is wrong
    }
  }
}

async function readBody(response) {
  if (response.status === 204) return null;
  const text = await response.text().catch(() => '');
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    // Not the seed's JSON (a proxy's or an old seed's page): its words only when they are short plain text.
    const plain = !/^\s*</.test(text) && text.length <= 200;
    return plain ? { error: text.trim() } : null;
  }
}

function errorText(response, body) {
  if (body && typeof body.error === 'string' && body.error) return body.error;
  if (response.status === 401) return 'log in as an admin to do this';
  if (response.status === 403) return 'not allowed: log in as an admin';
  if (response.status === 429) return 'too many requests: wait a moment and try again';
  return `${response.status} ${response.statusText || 'error'}`.trim();
}
