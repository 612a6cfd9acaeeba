import createClient, { type Middleware } from 'openapi-fetch';
import { ApiError, type ProblemDetails } from './problem';
import type { paths } from './schema';
import i18n from '../i18n';

/** Query values as the API reads them; empty ones are left out, arrays repeat the name. */
export function buildQuery(query?: Record<string, unknown>): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === null || value === undefined || value === '') continue;
    if (Array.isArray(value)) value.forEach((v) => params.append(key, String(v)));
    else params.set(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** The header (and its value) the API requires on every non-GET request that rides on the session cookie. */
export const CLIENT_HEADER = 'X-TTM-Client';
export const CLIENT_NAME = 'web';

/** Fired on window when a call outside /api/auth/ answers 401: the session has ended. */
export const SESSION_ENDED_EVENT = 'ttm:session-ended';

const headers: Middleware = {
  onRequest({ request }) {
    request.headers.set('Accept', 'application/json, application/problem+json');
    // The server's messages come back in the UI language.
    request.headers.set('Accept-Language', i18n.language || 'zh-CN');
    // The API's CSRF guard: every cookie-borne write from the web app names its client (else 403 cross_site_request).
    request.headers.set(CLIENT_HEADER, CLIENT_NAME);
    return request;
  },
};

const problems: Middleware = {
  async onResponse({ response, schemaPath }) {
    if (response.ok) return undefined;
    const error = new ApiError(response.status, await readProblem(response));
    // A session that ended elsewhere (password changed, signed out on another device, deactivated):
    // the app reads /api/auth/me again and shows the visitor's pages.
    if (response.status === 401 && !schemaPath.startsWith('/api/auth/') && typeof window !== 'undefined') {
      window.dispatchEvent(new Event(SESSION_ENDED_EVENT));
    }
    throw error;
  },
  onError({ error }) {
    if ((error as Error)?.name === 'AbortError') return undefined;
    return new ApiError(0, { title: 'Network error', detail: (error as Error)?.message });
  },
};

/**
 * The API, typed from `schema.d.ts`: paths, parameters, bodies and answers as the server's OpenAPI document
 * describes them. Every call sends the session cookie, `Accept-Language` and `X-TTM-Client: web`; any answer
 * other than 2xx throws an {@link ApiError} carrying the ProblemDetails (a 429 with its Retry-After).
 */
export const http = createClient<paths>({
  // Absolute, so the Request the client builds also parses outside a page (tests).
  baseUrl: typeof location === 'undefined' ? '' : location.origin,
  credentials: 'same-origin',
  querySerializer: (query) => buildQuery(query),
  // Looked up on each call, so a replaced fetch (tests) is the one used.
  fetch: (request) => globalThis.fetch(request),
});
http.use(headers, problems);

type Answer<T> = Promise<{ data?: T; response: Response }>;

/** The body of a successful answer (failures have already been thrown as ApiError). */
export async function data<T>(call: Answer<T>): Promise<[T] extends [never] ? void : T> {
  const { data: body } = await call;
  return body as [T] extends [never] ? void : T;
}

async function readProblem(res: Response): Promise<ProblemDetails> {
  // 429: how long to wait, when the server says (Retry-After in seconds).
  const retry = Number(res.headers.get('Retry-After'));
  const extra = Number.isFinite(retry) && retry > 0 ? { retryAfter: retry } : {};
  try {
    const text = await res.text();
    if (text) {
      const parsed = JSON.parse(text);
      if (parsed && typeof parsed === 'object') return { status: res.status, ...extra, ...parsed };
    }
  } catch { /* not JSON */ }
  return { status: res.status, ...extra, title: res.statusText || `HTTP ${res.status}` };
}

/** Saves a file answer (CSV / XLSX exports; ask for it with `parseAs: 'blob'`) under the name the server gives. */
export async function download(call: Answer<Blob>, fallbackName: string) {
  const { data: blob, response } = await call;
  const cd = response.headers.get('Content-Disposition') ?? '';
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(cd);
  const name = match ? decodeURIComponent(match[1]) : fallbackName;
  const url = URL.createObjectURL(blob!);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
