import { render } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router-dom';
import { vi } from 'vitest';
import type { ReactNode } from 'react';
import { AppProviders, AppRoutes } from '../App';
import type { Me } from '../api/types';

/** What a handler sees of a request: its method, headers and raw body (JSON text, or the FormData of an upload). */
export type Sent = { method: string; headers: Headers; body: string | FormData | undefined };
export type Handler = (url: URL, init: Sent) => unknown | Response | Promise<unknown | Response>;

/** Stubs fetch with handlers keyed "METHOD /path" (path without query); unknown calls get a 404 ProblemDetails. */
const EMPTY_PORTAL = { operator: null, contactEmail: null, contactPhone: null, filingNumber: null, publicSecurityFilingNumber: null, demoPassword: null };

export function mockApi(handlers: Record<string, Handler>) {
  const calls: { method: string; url: URL; body: unknown; headers: Headers }[] = [];
  const fn = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    // The typed client hands fetch a Request; anything else is read the same way.
    const request = input instanceof Request ? input : new Request(new URL(String(input), 'http://localhost'), init);
    const url = new URL(request.url);
    const method = request.method.toUpperCase();
    const type = request.headers.get('Content-Type') ?? '';
    const raw = type.includes('multipart/form-data') ? await request.formData() : (await request.text()) || undefined;
    const body = typeof raw === 'string' && type.includes('json') ? JSON.parse(raw) : raw;
    const key = `${method} ${url.pathname}`;
    // Every page's footer asks for the portal's details; a test sees that call only when it answers it itself.
    if (key === 'GET /api/portal' && !handlers[key]) return json(EMPTY_PORTAL);
    calls.push({ method, url, body, headers: request.headers });
    const handler = handlers[key] ?? Object.entries(handlers).find(([k]) => matches(k, method, url.pathname))?.[1];
    if (!handler) return json({ title: 'Not Found', status: 404, detail: `No handler for ${key}`, code: 'not_found' }, 404);
    const result = await handler(url, { method, headers: request.headers, body: raw });
    return result instanceof Response ? result : json(result ?? null, result === undefined ? 204 : 200);
  });
  vi.stubGlobal('fetch', fn);
  return { fetch: fn, calls };
}

function matches(pattern: string, method: string, path: string) {
  const [m, p] = pattern.split(' ');
  if (m !== method) return false;
  const re = new RegExp('^' + p.replace(/\{[^}]+\}/g, '[^/]+') + '$');
  return re.test(path);
}

export function json(body: unknown, status = 200) {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });
}

export function LocationProbe() {
  const loc = useLocation();
  return <output data-testid="location">{loc.pathname + loc.search}</output>;
}

/** Renders the whole app at a route with a fixed user. */
export function renderApp(path: string, { me = null }: { me?: Me | null } = {}) {
  return render(
    <MemoryRouter initialEntries={[path]}>
      <AppProviders me={me}>
        <AppRoutes />
        <LocationProbe />
      </AppProviders>
    </MemoryRouter>,
  );
}

export function renderWithRouter(ui: ReactNode, path = '/') {
  return render(<MemoryRouter initialEntries={[path]}><Routes><Route path="*" element={<>{ui}<LocationProbe /></>} /></Routes></MemoryRouter>);
}

export const researcher: Me = {
  id: 'u1', email: 'researcher@demo.techtransfer.local', displayName: 'researcher', preferredLanguage: 'zh-CN',
  roles: ['InstitutionMember'], managerApplication: null,
  organisation: { id: 'org-dut', nameZh: '大连理工大学', nameEn: 'Dalian University of Technology', kind: 'Institution', verification: 'Verified' },
};
export const enterprise: Me = {
  id: 'u2', email: 'enterprise@demo.techtransfer.local', displayName: 'enterprise', preferredLanguage: 'zh-CN',
  roles: ['EnterpriseMember'], managerApplication: null,
  organisation: { id: 'org-ent', nameZh: '大连某机床有限公司', nameEn: 'Dalian Machine Tool Co.', kind: 'Enterprise', verification: 'Verified' },
};
export const manager: Me = { ...researcher, id: 'u3', displayName: 'manager', roles: ['TechnologyManager'], organisation: null };
export const bureau: Me = { ...researcher, id: 'u4', displayName: 'bureau', roles: ['BureauAnalyst'], organisation: null };
export const admin: Me = { ...researcher, id: 'u5', displayName: 'admin', roles: ['Administrator'], organisation: null };
