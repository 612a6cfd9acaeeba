import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, render, screen, within } from '@testing-library/react';
import i18n from 'i18next';
import { MemoryRouter } from 'react-router-dom';
import type { HubConnection } from '@microsoft/signalr';
import openapi from '../api/openapi.json';
import { NOTIFICATION_KINDS } from '../api/types';
import { LiveToasts, TOAST_MS } from '../components/Toasts';
import { RealtimeContext } from '../lib/realtime';

/** A stand-in hub connection: the component subscribes with on/off, the test invokes client methods. */
function fakeHub() {
  const handlers = new Map<string, Set<(...args: unknown[]) => void>>();
  const connection = {
    on: (m: string, fn: (...args: unknown[]) => void) => { if (!handlers.has(m)) handlers.set(m, new Set()); handlers.get(m)!.add(fn); },
    off: (m: string, fn: (...args: unknown[]) => void) => { handlers.get(m)?.delete(fn); },
  } as unknown as HubConnection;
  const send = (method: string, message: unknown) => act(() => { handlers.get(method)?.forEach((fn) => fn(message)); });
  return { connection, send };
}

const proposal = (id: string, achievement: string) => ({
  // SignalR sends the kind as its enum number: 0 is MatchProposed.
  id, kind: 0, link: '/needs/n1/matches', createdAt: '2026-12-05T09:00:00Z',
  data: JSON.stringify({ achievementTitle: achievement, needTitle: '氢能重卡', score: 0.72 }),
});

function renderToasts() {
  const hub = fakeHub();
  render(
    <MemoryRouter>
      <RealtimeContext.Provider value={{ connected: true, connection: hub.connection }}>
        <LiveToasts />
      </RealtimeContext.Provider>
    </MemoryRouter>,
  );
  return hub;
}

afterEach(() => { vi.useRealTimers(); });

describe('live toasts', () => {
  it('shows a live notification as a polite status toast with a link to its subject', () => {
    const hub = renderToasts();
    const region = screen.getByRole('status');
    expect(region).toHaveAttribute('aria-live', 'polite');
    expect(region).toHaveAccessibleName('新通知');
    expect(screen.queryByTestId('toast')).toBeNull();
    hub.send('Notification', proposal('a1', '燃料电池电堆'));
    const toast = within(region).getByTestId('toast');
    expect(toast).toHaveTextContent('新的匹配推荐：燃料电池电堆 ⇄ 氢能重卡（匹配度 72%）');
    expect(within(toast).getByTestId('toast-open')).toHaveAttribute('href', '/workspace/needs/n1/matches');
  });

  it('gathers the proposals of one need into one toast, in English too', async () => {
    await i18n.changeLanguage('en');
    const hub = renderToasts();
    for (const [id, title] of [['a1', 'Fuel cell stack'], ['a2', 'Hydrogen tank'], ['a3', 'Electrolyser']]) hub.send('Notification', proposal(id, title));
    hub.send('Notification', { id: 'd1', kind: 'DealStageChanged', link: '/deals/d1', createdAt: '2026-12-05T09:00:00Z', data: JSON.stringify({ to: 'Negotiating' }) });
    const toasts = screen.getAllByTestId('toast');
    expect(toasts).toHaveLength(2);
    expect(toasts[0]).toHaveAttribute('data-kind', 'DealStageChanged');
    expect(toasts[1]).toHaveTextContent('3 new proposals for “氢能重卡”');
    expect(screen.getByRole('status')).toHaveAccessibleName('New notifications');
  });

  it('goes by itself after a few seconds, stays while hovered, and can be dismissed', () => {
    vi.useFakeTimers();
    const hub = renderToasts();
    hub.send('Notification', proposal('a1', '燃料电池电堆'));
    act(() => { vi.advanceTimersByTime(TOAST_MS - 100); });
    expect(screen.getByTestId('toast')).toBeInTheDocument();
    act(() => { vi.advanceTimersByTime(200); });
    expect(screen.queryByTestId('toast')).toBeNull();

    hub.send('Notification', proposal('a2', '储氢罐'));
    act(() => { screen.getByTestId('toast').dispatchEvent(new MouseEvent('mouseover', { bubbles: true })); });
    act(() => { vi.advanceTimersByTime(TOAST_MS * 2); });
    expect(screen.getByTestId('toast')).toBeInTheDocument();
    act(() => { screen.getByTestId('toast-dismiss').click(); });
    expect(screen.queryByTestId('toast')).toBeNull();
  });

  it('gathers the proposals one published need made for several of my achievements into one toast', () => {
    const hub = renderToasts();
    for (const a of ['a1', 'a2']) {
      hub.send('Notification', {
        id: `p-${a}`, kind: 0, link: `/achievements/${a}/matches`, createdAt: '2026-12-05T09:00:00Z',
        data: JSON.stringify({ achievementId: a, needId: 'n9', publishedListingId: 'n9', achievementTitle: `成果${a}`, needTitle: '船体焊缝打磨', score: 0.6 }),
      });
    }
    const toast = screen.getByTestId('toast');
    expect(toast).toHaveTextContent('2 条新推荐：船体焊缝打磨');
    expect(within(toast).getByTestId('toast-open')).toHaveAttribute('href', '/workspace/achievements/a2/matches');
  });

  it('shows the daily digest with its total', () => {
    const hub = renderToasts();
    hub.send('Digest', { id: 'g1', windowStart: '2026-12-04T00:00:00Z', windowEnd: '2026-12-05T00:00:00Z', total: 12, counts: { MatchProposed: 12 } });
    expect(screen.getByTestId('toast')).toHaveTextContent('每日汇总：过去一天共有 12 条通知');
  });

  it('reads hub kinds by their enum number in the order the server declares them', () => {
    const declared = (openapi as { components: { schemas: { NotificationKind: { enum: string[] } } } }).components.schemas.NotificationKind.enum;
    expect(NOTIFICATION_KINDS).toEqual(declared);
  });
});
