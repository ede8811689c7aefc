import { Api } from './api.js';

// The session token lives in sessionStorage: it goes with the tab, and it is short-lived and
// revocable. The API key typed at sign-in is used once, to make the session, and never stored.
const KEY = 'switchboard.console';

/** Where the API is: config.json beside the page (written at deploy), else this page's origin. */
export async function apiUrl() {
  try {
    const response = await fetch('config.json', { cache: 'no-store' });
    if (response.ok) {
      const config = await response.json();
      if (typeof config.apiUrl === 'string' && /^https?:\/\//.test(config.apiUrl)) return config.apiUrl;
    }
  } catch {
    // No config: the API is served from the same origin.
  }
  return location.origin;
}

export async function signIn(baseUrl, tenantId, apiKey, hours) {
  const api = new Api(baseUrl, tenantId, apiKey);
  const made = await api.post('console/sessions', { hours });
  // A new sign-in starts the channel afresh (it may be another tenant's).
  sessionStorage.removeItem('switchboard.console.lastEventId');
  const session = { apiUrl: baseUrl, tenantId, sessionId: made.id, token: made.session, expiresAt: made.expiresAt };
  sessionStorage.setItem(KEY, JSON.stringify(session));
  return session;
}

export function current() {
  try {
    const session = JSON.parse(sessionStorage.getItem(KEY));
    if (session && Date.parse(session.expiresAt) > Date.now()) return session;
  } catch {
    // Unreadable: signed out.
  }
  sessionStorage.removeItem(KEY);
  return null;
}

export async function signOut(api, session) {
  sessionStorage.removeItem(KEY);
  try {
    await api.delete(`console/sessions/${encodeURIComponent(session.sessionId)}`);
  } catch {
    // Already ended or expired: signed out either way.
  }
}
