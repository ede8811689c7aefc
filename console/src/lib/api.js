/** A refusal or failure from Switchboard's API, with its reason as the API gave it. */
export class ApiError extends Error {
  constructor(status, body) {
    super(body?.error?.message ?? body?.message ?? `HTTP ${status}`);
    this.status = status;
    this.code = body?.error?.code ?? null;
  }
}

/** Switchboard's management API, as the signed-in console session. */
export class Api {
  constructor(baseUrl, tenantId, token) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.tenantId = tenantId;
    this.token = token;
    this.onUnauthorized = () => {};
  }

  /** A path under the tenant: api.tenant('calls') → /v1/tenants/{t}/calls */
  tenant(path, query) {
    const q = query ? new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined && v !== null && v !== '')) : null;
    return `/v1/tenants/${encodeURIComponent(this.tenantId)}/${path}${q && [...q].length ? `?${q}` : ''}`;
  }

  get(path, query) {
    return this.request('GET', this.tenant(path, query));
  }

  post(path, body, headers) {
    return this.request('POST', this.tenant(path), body, headers);
  }

  patch(path, body) {
    return this.request('PATCH', this.tenant(path), body);
  }

  put(path, body) {
    return this.request('PUT', this.tenant(path), body);
  }

  delete(path) {
    return this.request('DELETE', this.tenant(path));
  }

  /** A GET answered in another form than JSON (text/csv, say): its text, as the same session. */
  async text(path, query, accept) {
    const response = await fetch(this.baseUrl + this.tenant(path, query), {
      headers: { accept, authorization: `Bearer ${this.token}` },
    });
    const text = await response.text();
    if (response.status === 401) this.onUnauthorized();
    if (!response.ok) {
      let json = null;
      try {
        json = JSON.parse(text);
      } catch {
        json = null;
      }
      throw new ApiError(response.status, json);
    }
    return text;
  }

  async request(method, path, body, headers = {}) {
    const init = { method, headers: { ...headers, authorization: `Bearer ${this.token}` } };
    if (body !== undefined) {
      init.headers['content-type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const response = await fetch(this.baseUrl + path, init);
    const text = await response.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    if (response.status === 401) this.onUnauthorized();
    if (!response.ok) throw new ApiError(response.status, json);
    return json;
  }
}
