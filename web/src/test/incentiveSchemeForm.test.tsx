import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { bureau, mockApi, renderApp } from './utils';

const rules = {
  beneficiary: 'Institution', mode: 'Percentage', basis: 'TechnologyIncome', localBuyersOnly: true, firstTimeBuyersOnly: false,
  fields: ['NewMaterials'], categories: ['transfer', 'licence'], ratePct: 10, fixedAmount: null, tiers: null, minAmount: null, maxAmount: null,
  capPerBeneficiary: null, totalCap: null, assumedSwitchSharePct: 10,
};
const scheme = { id: 's1', name: '新材料转让补贴', description: '', beneficiary: 'Institution', mode: 'Percentage', revision: 1, revisions: [1], version: 3, adoptedRevision: null, rules };

describe('incentive scheme form', () => {
  it('sends the fields and categories that count, and a revision keeps the ones the scheme has', async () => {
    const api = mockApi({
      'GET /api/incentive-schemes': () => [scheme],
      'GET /api/incentive-schemes/{id}': () => scheme,
      'POST /api/incentive-schemes': () => ({ ...scheme, id: 's2' }),
      'PUT /api/incentive-schemes/{id}': () => ({ ...scheme, revision: 2, version: 4 }),
    });
    renderApp('/workspace/incentives', { me: bureau });
    const form = await screen.findByTestId('scheme-form');
    fireEvent.change(within(form).getByTestId('scheme-name'), { target: { value: '电子信息补贴' } });
    fireEvent.click(within(form).getByTestId('scheme-fields-ElectronicInformation'));
    fireEvent.click(within(form).getByTestId('scheme-categories-development'));
    fireEvent.click(within(form).getByTestId('scheme-save'));
    await screen.findByTestId('scheme-saved');
    const created = api.calls.find((c) => c.method === 'POST')!.body as { rules: typeof rules };
    expect([created.rules.fields, created.rules.categories]).toEqual([['ElectronicInformation'], ['development']]);

    fireEvent.click(within(await screen.findByTestId('incentive-scheme-row')).getByRole('button', { name: '编辑' }));
    await waitFor(() => expect(within(form).getByTestId('scheme-fields-NewMaterials')).toBeChecked());
    expect(within(form).getByTestId('scheme-categories-licence')).toBeChecked();
    expect(within(form).getByTestId('scheme-fields-ElectronicInformation')).not.toBeChecked();
    fireEvent.click(within(form).getByTestId('scheme-save'));
    await waitFor(() => expect(api.calls.some((c) => c.method === 'PUT')).toBe(true));
    const revised = api.calls.find((c) => c.method === 'PUT')!.body as { rules: typeof rules; version: number };
    expect([revised.rules.fields, revised.rules.categories, revised.version]).toEqual([['NewMaterials'], ['transfer', 'licence'], 3]);
  });

  it('simulates an older revision and compares it with the newest side by side', async () => {
    const side = (revision: number, cost: number) => ({
      schemeId: 's1', name: scheme.name, revision, year: 2023, contracts: 3, amount: 1670000, uncappedCost: cost, cost, cappedInTotal: false,
      beneficiaries: 2, cappedBeneficiaries: 0, topBeneficiaries: [], byField: [], byBand: [], scenario: null,
    });
    const api = mockApi({
      'GET /api/incentive-schemes': () => [{ ...scheme, revision: 2 }],
      'GET /api/incentive-schemes/{id}/simulation': (url) => side(Number(url.searchParams.get('revision')), 1000),
      'GET /api/incentive-schemes/compare': () => ({ first: side(1, 1000), second: side(2, 2000) }),
    });
    renderApp('/workspace/incentives', { me: bureau });
    const row = await screen.findByTestId('incentive-scheme-row');
    expect(within(row).queryByTestId('incentive-compare-revisions')).toBeNull();
    fireEvent.change(within(row).getByTestId('scheme-revision'), { target: { value: '1' } });
    fireEvent.click(within(row).getByTestId('incentive-simulate'));
    await waitFor(() => expect(api.calls.find((c) => c.url.pathname.endsWith('/simulation'))?.url.searchParams.get('revision')).toBe('1'));
    fireEvent.click(within(row).getByTestId('incentive-compare-revisions'));
    expect(await screen.findByText(`${scheme.name} (r2)`)).toBeInTheDocument();
    const query = api.calls.find((c) => c.url.pathname.endsWith('/compare'))!.url.searchParams;
    expect([query.get('first'), query.get('firstRevision'), query.get('second'), query.get('secondRevision')]).toEqual(['s1', '1', 's1', '2']);
  });
});
