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

/**
 * `doc` null with `loaded` true means the document could not be read at all: then every operation
 * is assumed to exist (the calls themselves will say if not), rather than hiding the whole app.
 */
export function capabilitiesFrom(doc: Doc | null, loaded = true): Omit<Capabilities, 'reload'> {
  const paths = doc?.paths ?? {};
  const norm = (p: string) => p.replace(/\{[^}]+\}/g, '{}').toLowerCase();
  const index = new Map<string, Record<string, unknown>>();
  for (const [p, ops] of Object.entries(paths)) {
    for (const [m, op] of Object.entries(ops)) index.set(`${m.toLowerCase()} ${norm(p)}`, op);
  }
  return {
    loaded,
    has: (method, path) => (doc === null && loaded) || index.has(`${method.toLowerCase()} ${norm(path)}`),
    operation: (method, path) => index.get(`${method.toLowerCase()} ${norm(path)}`),
    schemas: doc?.components?.schemas ?? {},
  };
}

const Ctx = createContext<Capabilities>({ ...capabilitiesFrom(null, false), reload: () => {} });

export function CapabilitiesProvider({ children, initial }: { children: ReactNode; initial?: Doc }) {
  const [state, setState] = useState(() => capabilitiesFrom(initial ?? null, !!initial));
  const load = useCallback(() => {
    // The document can fail while the server warms up: try a few times before assuming everything exists.
    const attempt = (n: number) => {
      fetch('/openapi/v1.json', { credentials: 'same-origin' })
        .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`HTTP ${r.status}`))))
        .then((doc: Doc) => setState(capabilitiesFrom(doc)))
        .catch(() => {
          if (n < 4) setTimeout(() => attempt(n + 1), 1500 * (n + 1));
          else setState((prev) => (prev.loaded ? prev : capabilitiesFrom(null)));
        });
    };
    attempt(0);
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
