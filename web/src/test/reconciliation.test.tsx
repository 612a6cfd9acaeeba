import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { bureau, mockApi, renderApp } from './utils';
import { candidatesOf } from '../pages/workspace/ImportReconciliation';

const report = {
  rowsRead: 2, rowsValid: 2, rowsRejected: 0, inserted: 2, updated: 0, unchanged: 0, organisationsCreated: 0, written: true, problems: [],
  problemsTruncated: false, years: [2023], warnings: [], totals: [], linked: 0, links: [],
  candidates: [{ row: 2, registrationNumber: '2102202300000001', contractIds: ['p1', 'p2'] }, { row: 3, registrationNumber: '2102202300000002', contractIds: ['p3'] }],
};
const platformContract = (id: string) => ({
  id, projectName: `平台合同${id}`, totalAmount: 300000, signedOn: '2023-07-01', seller: {}, buyer: {}, source: 'Platform',
});

describe('reconciliation on the import tab', () => {
  it('reads candidates from a report and from a job', () => {
    expect(candidatesOf(report)).toHaveLength(2);
    expect(candidatesOf({ reconciliation: { candidates: report.candidates.slice(0, 1) } })).toHaveLength(1);
    expect(candidatesOf({})).toEqual([]);
  });

  it('confirms one candidate as a platform contract and keeps the other as its own', async () => {
    const api = mockApi({
      'POST /api/contracts/imports': () => ({ ...report, written: false, previewId: 'j1' }),
      'POST /api/contracts/imports/{id}/commit': () => ({ id: 'j1', fileName: 'registry.csv', status: 'Succeeded', inserted: 2, updated: 0, unchanged: 0,
        rowsRead: 2, rowsValid: 2, rowsRejected: 0, problems: [], warnings: [], totals: [], reconciliation: { linked: 0, links: [], candidates: report.candidates } }),
      'GET /api/contracts/{id}': (url) => platformContract(url.pathname.split('/').pop()!),
      'POST /api/contracts/reconciliation': () => platformContract('p1'),
    });
    renderApp('/workspace/indicators?year=2023&tab=import', { me: bureau });
    await userEvent.upload(await screen.findByTestId('import-file'), new File(['x'], 'registry.csv', { type: 'text/csv' }));
    await userEvent.click(screen.getByTestId('import-submit'));
    await userEvent.click(await screen.findByTestId('import-commit'));
    const items = await screen.findAllByTestId('import-candidate');
    expect(items).toHaveLength(2);
    expect(await within(items[0]).findByText(/平台合同p1/)).toBeInTheDocument();
    await userEvent.click(within(items[0]).getAllByTestId('import-candidate-confirm')[0]);
    expect(await within(items[0]).findByTestId('import-candidate-decided')).toHaveTextContent('已合并到平台合同');
    await userEvent.click(within(items[1]).getByTestId('import-candidate-dismiss'));
    expect(await within(items[1]).findByTestId('import-candidate-decided')).toHaveTextContent('已确认为独立合同');
    const sent = api.calls.filter((c) => c.url.pathname === '/api/contracts/reconciliation').map((c) => c.body);
    expect(sent).toEqual([
      { registrationNumber: '2102202300000001', confirm: true, platformContractId: 'p1' },
      { registrationNumber: '2102202300000002', confirm: false, platformContractId: null },
    ]);
  });
});
