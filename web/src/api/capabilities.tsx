import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';

/**
 * Which API operations the running server offers, read from its OpenAPI document. Sections whose
 * endpoints are not there yet show a "not available yet" state instead of calling them.
 */
export type Capabilities = {
  loaded: boolean;
  has: (method: string, path: string) => boolean;
  schemas: Record<string, unknown>;
  operation: (method: string, path: string) => Record<string, unknown> | undefined;
  reload: () => void;
};

type Doc = { paths?: Record<string, Record<string, Record<string, unknown>>>; components?: { schemas?: Record<string, unknown> } };

export function capabilitiesFrom(doc: Doc | null, loaded = true): Omit<Capabilities, 'reload'> {
  const paths = doc?.paths ?? {};
  const norm = (p: string) => p.replace(/\{[^}]+\}/g, '{}').toLowerCase();
  const index = new Map<string, Record<string, unknown>>();
  for (const [p, ops] of Object.entries(paths)) {
    for (const [m, op] of Object.entries(ops)) index.set(`${m.toLowerCase()} ${norm(p)}`, op);
  }
  return {
    loaded,
    has: (method, path) => index.has(`${method.toLowerCase()} ${norm(path)}`),
    operation: (method, path) => index.get(`${method.toLowerCase()} ${norm(path)}`),
    schemas: doc?.components?.schemas ?? {},
  };
}

const Ctx = createContext<Capabilities>({ ...capabilitiesFrom(null, false), reload: () => {} });

export function CapabilitiesProvider({ children, initial }: { children: ReactNode; initial?: Doc }) {
  const [state, setState] = useState(() => capabilitiesFrom(initial ?? null, !!initial));
  const load = useCallback(() => {
    fetch('/openapi/v1.json', { credentials: 'same-origin' })
      .then((r) => (r.ok ? r.json() : null))
      .then((doc: Doc | null) => setState(capabilitiesFrom(doc)))
      .catch(() => setState(capabilitiesFrom(null)));
  }, []);
  useEffect(() => {
    if (initial) return;
    load();
    // New endpoints appear while the platform is being built: look again every few minutes.
    const timer = setInterval(load, 5 * 60_000);
    return () => clearInterval(timer);
  }, [initial, load]);
  return <Ctx.Provider value={{ ...state, reload: load }}>{children}</Ctx.Provider>;
}

export const useCapabilities = () => useContext(Ctx);
