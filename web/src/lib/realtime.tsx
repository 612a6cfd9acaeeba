import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { HubConnection } from '@microsoft/signalr';

/**
 * One SignalR connection to /hubs/notifications while signed in. Components subscribe to hub
 * methods by name with useHubEvent; the connection state is shown next to the notifications badge.
 */
type HubState = { connected: boolean; connection: HubConnection | null };
const Ctx = createContext<HubState>({ connected: false, connection: null });

export function RealtimeProvider({ enabled, children }: { enabled: boolean; children: ReactNode }) {
  const [state, setState] = useState<HubState>({ connected: false, connection: null });
  useEffect(() => {
    if (!enabled || typeof window === 'undefined' || !('WebSocket' in window) || import.meta.env.MODE === 'test') return;
    let stopped = false;
    let conn: HubConnection | null = null;
    (async () => {
      const signalR = await import('@microsoft/signalr');
      conn = new signalR.HubConnectionBuilder()
        .withUrl('/hubs/notifications')
        .withAutomaticReconnect()
        .configureLogging(signalR.LogLevel.None)
        .build();
      conn.onreconnected(() => setState({ connected: true, connection: conn }));
      conn.onreconnecting(() => setState({ connected: false, connection: conn }));
      conn.onclose(() => setState({ connected: false, connection: conn }));
      setState({ connected: false, connection: conn });
      try {
        await conn.start();
        if (!stopped) setState({ connected: true, connection: conn });
      } catch {
        // The hub is not there yet (or we are offline): the badge shows "not connected".
      }
    })();
    return () => { stopped = true; void conn?.stop(); setState({ connected: false, connection: null }); };
  }, [enabled]);
  return <Ctx.Provider value={state}>{children}</Ctx.Provider>;
}

export const useRealtime = () => useContext(Ctx);

/** The hub state as components read it; tests provide a stand-in connection through it. */
export const RealtimeContext = Ctx;

/** Calls handler whenever the hub invokes any of the given client methods. */
export function useHubEvent(methods: string[], handler: (...args: unknown[]) => void) {
  const { connection } = useRealtime();
  const ref = useRef(handler);
  ref.current = handler;
  const key = methods.join('|');
  useEffect(() => {
    if (!connection) return;
    const fn = (...args: unknown[]) => ref.current(...args);
    const names = key.split('|');
    names.forEach((m) => connection.on(m, fn));
    return () => names.forEach((m) => connection.off(m, fn));
  }, [connection, key]);
}

/**
 * Re-reads on the given hub events; while the hub is not connected (not deployed yet, or
 * reconnecting) it polls instead, so "live" pages stay live either way.
 */
export function useLiveReload(methods: string[], reload: () => void, pollMs = 15_000, enabled = true) {
  const { connected } = useRealtime();
  const ref = useRef(reload);
  ref.current = reload;
  useHubEvent(methods, () => ref.current());
  useEffect(() => {
    if (!enabled || connected || pollMs <= 0 || import.meta.env.MODE === 'test') return;
    const timer = setInterval(() => { if (document.visibilityState !== 'hidden') ref.current(); }, pollMs);
    return () => clearInterval(timer);
  }, [connected, pollMs, enabled]);
}
