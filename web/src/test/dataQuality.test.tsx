import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { bureau, mockApi, renderApp } from './utils';
import { findingsCsv } from '../pages/workspace/DataQuality';

const findings = [
  { code: 'probable_duplicate', message: 'Probable duplicates.', contractIds: ['c1', 'c2'], registrationNumbers: ['2102202300000001', null] },
  { code: 'income_above_total', message: 'The technology income exceeds the total amount.', contractIds: ['c3'], registrationNumbers: ['2102202300000003'] },
];

describe('data quality', () => {
  it('groups the findings by kind with links to correct each contract, filtered by year', async () => {
    const api = mockApi({ 'GET /api/contracts/quality': () => ({ year: null, contracts: 10, findings }) });
    renderApp('/workspace/data-quality', { me: bureau });
    const groups = await screen.findAllByTestId('data-quality-group');
    expect(groups.map((g) => g.dataset.kind)).toEqual(['probable_duplicate', 'income_above_total']);
    expect(groups[0]).toHaveTextContent('疑似重复');
    const correct = within(groups[0]).getAllByTestId('data-quality-correct');
    expect(correct.map((a) => a.getAttribute('href'))).toEqual(['/workspace/contract-records/c1?edit=1', '/workspace/contract-records/c2?edit=1']);
    expect(within(groups[0]).getAllByTestId('data-quality-contract')[1]).toHaveTextContent('未登记');
    await userEvent.selectOptions(screen.getByTestId('data-quality-year'), '2023');
    expect(api.calls.at(-1)!.url.searchParams.get('year')).toBe('2023');
  });

  it('writes the findings as CSV with a byte-order mark and neutralised cells', () => {
    const finding = { code: 'income_above_total', message: '=SUM(A1)', contractIds: ['c3'], registrationNumbers: ['2102202300000003'] };
    const csv = findingsCsv([finding], (c) => c, ['kind', 'message', 'number', 'contracts']);
    expect(csv.startsWith('\uFEFF"kind"')).toBe(true);
    expect(csv).toContain('"income_above_total","\'=SUM(A1)","2102202300000003","c3"');
  });
});
