import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
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
});
