import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockApi, renderApp } from './utils';
import { page } from './fixtures';

const closed = {
  id: 'c1', title: '揭榜挂帅：焊缝视觉识别', targets: [{ name: '焊缝识别精度', value: '≤0.2', unit: 'mm' }], reward: 1_500_000, deadline: '2026-11-01T00:00:00Z',
  state: 'Closed', proposalCount: 2, owner: { id: 'e1', name: '大连船舶重工', regionCode: '210211' }, winner: { id: 'u1', name: '大连理工大学', regionCode: '210211' },
  publishedAt: '2026-10-01T00:00:00Z', closedAt: '2026-11-02T00:00:00Z',
};
const open = { ...closed, id: 'c2', title: '揭榜挂帅：海水淡化膜', state: 'Open', proposalCount: 0, winner: null, closedAt: null };

describe('open calls (揭榜挂帅)', () => {
  it('lists published calls with their state, proposal count and winner, filters by state, and reads in English', async () => {
    const api = mockApi({ 'GET /api/calls': () => page([open, closed]) });
    renderApp('/calls');
    const list = await screen.findByTestId('calls-list');
    const cards = within(list).getAllByTestId('call-card');
    expect(cards).toHaveLength(2);
    expect(within(cards[1]).getByTestId('call-state')).toHaveTextContent('已揭榜');
    expect(within(cards[1]).getByTestId('call-winner')).toHaveTextContent('大连理工大学');
    expect(within(cards[0]).getByTestId('call-proposals')).toHaveTextContent('0 份方案');
    expect(within(cards[0]).queryByTestId('call-winner')).toBeNull();

    await userEvent.selectOptions(screen.getByTestId('calls-state'), 'Closed');
    expect(api.calls.some((c) => c.url.pathname === '/api/calls' && c.url.searchParams.get('state') === 'Closed')).toBe(true);
    await userEvent.click(screen.getByTestId('lang-en'));
    expect(await screen.findAllByText('Closed with a winner')).not.toHaveLength(0);
    expect(screen.getAllByTestId('call-proposals')[1]).toHaveTextContent('2 proposals');
  });

  it('shows the newest calls on the home page', async () => {
    mockApi({ 'GET /api/calls': () => page([open]), 'GET /api/achievements': () => page([]), 'GET /api/needs': () => page([]), 'GET /api/organisations': () => page([]) });
    renderApp('/');
    const block = await screen.findByTestId('home-calls');
    expect(within(block).getByText(open.title)).toBeInTheDocument();
    expect(within(block).getByTestId('call-state')).toHaveTextContent('征集中');
  });
});
