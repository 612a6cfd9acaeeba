import type { TFunction } from 'i18next';
import type { components } from './schema';

/**
 * The API's problem answers (`ProblemDetails`, `HttpValidationProblemDetails` with `code` and `traceId`), plus
 * `retryAfter` read from a 429's Retry-After header and any other extension member.
 */
export type ProblemDetails = Partial<components['schemas']['HttpValidationProblemDetails']> & { retryAfter?: number; [key: string]: unknown };

/** An HTTP failure carrying the API's ProblemDetails (or a synthetic one for network failures). */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: ProblemDetails;
  constructor(status: number, problem: ProblemDetails) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }
  get code(): string | undefined { return this.problem.code ?? undefined; }
  get isStale(): boolean { return this.status === 409 && this.problem.code === 'stale_version'; }
  get isNetwork(): boolean { return this.status === 0; }
  /** 429: too many requests from this address (rate_limited) or failed sign-ins for this account (too_many_attempts). */
  get isRateLimited(): boolean { return this.status === 429; }
  /** Seconds to wait, from Retry-After, when the server said. */
  get retryAfter(): number | undefined { return typeof this.problem.retryAfter === 'number' ? this.problem.retryAfter : undefined; }
  /** Field errors keyed by the form's camelCase paths (see normaliseFieldPath). */
  get fieldErrors(): Record<string, string[]> { return normaliseFieldErrors(this.problem.errors); }
}

const WRAPPERS = new Set(['input', 'achievement', 'need', 'organisation', 'body', 'request', 'command', 'proposal']);

/**
 * Maps a validation key to the form's field path: "input.Title" → "title",
 * "Need.Indicators[0].Name" → "indicators[0].name". The API currently prefixes keys with the
 * handler's parameter name ("input."), which the forms do not know about.
 */
export function normaliseFieldPath(key: string): string {
  const parts = key.split('.').filter(Boolean);
  while (parts.length > 1 && WRAPPERS.has(parts[0].replace(/\[\d+\]$/, '').toLowerCase())) parts.shift();
  return parts.map((p) => p.charAt(0).toLowerCase() + p.slice(1)).join('.');
}

export function normaliseFieldErrors(errors: Record<string, string[]> | undefined | null): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (!errors) return out;
  for (const [key, messages] of Object.entries(errors)) {
    const path = normaliseFieldPath(key);
    out[path] = [...(out[path] ?? []), ...messages];
  }
  return out;
}

/** A readable, translated sentence for any error. Never empty. */
export function describeError(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    if (error.isNetwork) return t('errors.network');
    if (error.isStale) return t('errors.stale');
    const p = error.problem;
    if (error.isRateLimited) {
      // The server's own sentence (already in the request's language), and how long to wait when it said.
      const text = p.detail || t('errors.tooMany');
      return error.retryAfter ? `${text} ${t('errors.retryAfter', { seconds: error.retryAfter })}` : text;
    }
    if (error.status === 400 && p.errors && Object.keys(p.errors).length) return t('errors.validation');
    // A fault's detail is generic server text: say it in the user's language instead.
    if (error.status >= 500) return t('errors.server', { status: error.status });
    if (p.detail) return p.detail;
    switch (error.status) {
      case 401: return t('errors.unauthorized');
      case 403: return t('errors.forbidden');
      case 404: return t('errors.notFound');
    }
    return p.title || t('errors.generic');
  }
  if (error instanceof Error && error.message) return error.message;
  return t('errors.generic');
}
