import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { AppProviders } from '../App';
import { DashboardProgrammes } from '../pages/workspace/DashboardProgrammes';
import { bureau, mockApi } from './utils';

const simulation = {
  schemeId: 's1', name: '本地技术交易额补贴 10%', revision: 1, year: 2023, contracts: 3, amount: 1670000, uncappedCost: 113333.33, cost: 113333.33,
  cappedInTotal: false, beneficiaries: 2, cappedBeneficiaries: 0, topBeneficiaries: [], byField: [], byBand: [],
  scenario: { switchSharePct: 10, baseline: { countRatePct: 75 }, assumed: { countRatePct: 80 } },
};

describe('dashboard programmes card', () => {
  it('reads only cached simulations: a row computing in the background, then its cost when it is ready', async () => {
    let asks = 0;
    const api = mockApi({
      'GET /api/incentive-schemes': () => [{ id: 's1', name: '本地技术交易额补贴 10%' }],
      'GET /api/incentive-schemes/{id}/simulation/cached': () => ({ simulation: ++asks === 1 ? null : simulation }),
      'GET /api/institution-targets': () => [],
    });
    render(<MemoryRouter><AppProviders me={bureau}><DashboardProgrammes year={2023} tick={0} /></AppProviders></MemoryRouter>);
    expect(await screen.findByTestId('dashboard-scheme-computing')).toHaveTextContent('正在计算模拟');
    expect(await screen.findByTestId('dashboard-scheme', {}, { timeout: 4000 })).toHaveTextContent('11.33万元');
    expect(api.calls.some((c) => c.url.pathname.endsWith('/simulation'))).toBe(false);
    expect(api.calls.find((c) => c.url.pathname.endsWith('/simulation/cached'))?.url.searchParams.get('year')).toBe('2023');
  });

  it('shows one institution\'s months against its target, the 2023 baseline and the forecast, and another on choosing it', async () => {
    const rate = (localContracts: number, localAmount: number, countRatePct: number) => ({ contracts: localContracts * 2, localContracts, amount: localAmount * 2, localAmount, countRatePct, amountRatePct: 50 });
    const target = (id: string, nameZh: string) => ({
      institution: { id, nameZh, nameEn: null }, target: { institutionId: id, year: 2026, localContracts: 200, localAmount: 20000000, localRatePct: 50, version: 1 },
      actual: rate(100, 10000000, 40), forecast: rate(220, 22000000, 40),
    });
    const api = mockApi({
      'GET /api/incentive-schemes': () => [],
      'GET /api/institution-targets': () => [target('i1', '大连理工大学'), target('i2', '大连海事大学')],
      'GET /api/institution-targets/{institutionId}/{year}/progress': (url) => ({
        institution: { id: url.pathname.split('/')[3], nameZh: url.pathname.includes('/i1/') ? '大连理工大学' : '大连海事大学', nameEn: null },
        year: 2026, baselineYear: 2023, target: target('i1', '').target, actual: rate(100, 10000000, 40), baseline: rate(180, 15000000, 45), forecast: rate(220, 22000000, 40),
        months: Array.from({ length: 12 }, (_, i) => ({ month: i + 1, actual: rate(50, 5000000, 40), baseline: rate(10 * (i + 1), 1000000, 45) })),
      }),
    });
    render(<MemoryRouter><AppProviders me={bureau}><DashboardProgrammes year={2023} tick={0} /></AppProviders></MemoryRouter>);
    const months = await screen.findByTestId('progress-months');
    expect(within(months).getAllByRole('row')).toHaveLength(13);
    expect(within(months).getAllByTestId('progress-of-target')[0]).toHaveTextContent('达成目标 25%');
    expect(screen.getByTestId('progress-forecast')).toHaveTextContent('220 · 2,200万元 · 40.0%');
    expect(screen.getByTestId('target-progress')).toHaveTextContent('大连理工大学');
    fireEvent.change(screen.getByTestId('dashboard-target-institution'), { target: { value: 'i2' } });
    expect(await screen.findByText(/大连海事大学：2026 年/)).toBeInTheDocument();
    expect(api.calls.some((c) => c.url.pathname === '/api/institution-targets/i2/2026/progress')).toBe(true);
  });
});
