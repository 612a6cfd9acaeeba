import { ApiError, type ProblemDetails } from './problem';
import i18n from '../i18n';

export type Query = Record<string, string | number | boolean | null | undefined | string[]>;

export function buildQuery(query?: Query): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === null || value === undefined || value === '') continue;
    if (Array.isArray(value)) value.forEach((v) => params.append(key, v));
    else params.set(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** The header (and its value) the API requires on every non-GET request that rides on the session cookie. */
export const CLIENT_HEADER = 'X-TTM-Client';
export const CLIENT_NAME = 'web';

type Options = { method?: string; query?: Query; body?: unknown; signal?: AbortSignal; raw?: boolean };

/** Calls the API with the session cookie; throws ApiError (with ProblemDetails) on any failure. */
export async function api<T>(path: string, options: Options = {}): Promise<T> {
  const { method = 'GET', query, body, signal } = options;
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': i18n.language || 'zh-CN',
    // The API's CSRF guard: every cookie-borne write from the web app names its client (else 403 cross_site_request).
    [CLIENT_HEADER]: CLIENT_NAME,
  };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let res: Response;
  try {
    res = await fetch(path + buildQuery(query), { method, headers, body: payload, signal, credentials: 'same-origin' });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, { title: 'Network error', detail: (e as Error).message });
  }
  if (!res.ok) {
    const error = new ApiError(res.status, await readProblem(res));
    // A session that ended elsewhere (password changed, signed out on another device, deactivated):
    // the app reads /api/auth/me again and shows the visitor's pages.
    if (res.status === 401 && !path.startsWith('/api/auth/')) dispatchSessionEnded();
    throw error;
  }
  if (options.raw) return res as unknown as T;
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Fired on window when a call outside /api/auth/ answers 401: the session has ended. */
export const SESSION_ENDED_EVENT = 'ttm:session-ended';
function dispatchSessionEnded() {
  if (typeof window !== 'undefined') window.dispatchEvent(new Event(SESSION_ENDED_EVENT));
}

async function readProblem(res: Response): Promise<ProblemDetails> {
  // 429: how long to wait, when the server says (Retry-After in seconds).
  const retry = Number(res.headers?.get?.('Retry-After'));
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

/** Downloads a file response (CSV / XLSX exports) under the name the server gives. */
export async function download(path: string, query: Query, fallbackName: string) {
  const res = await api<Response>(path, { query, raw: true });
  const blob = await res.blob();
  const cd = res.headers.get('Content-Disposition') ?? '';
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(cd);
  const name = match ? decodeURIComponent(match[1]) : fallbackName;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
