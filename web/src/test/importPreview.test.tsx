import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { bureau, mockApi, renderApp } from './utils';

const preview = {
  rowsRead: 5, rowsValid: 5, rowsRejected: 0, inserted: 4, updated: 0, unchanged: 0, organisationsCreated: 2, written: false, problems: [],
  problemsTruncated: false, years: [2024], encoding: 'GB18030', previewId: 'p1', linked: 1, links: [], candidates: [],
  warnings: [{ row: 1, column: '备注', header: '备注', message: 'Column 备注 is not read.' }],
  totals: [{ year: 2024, contracts: 5, totalAmountWanYuan: 317.5, technologyIncomeWanYuan: 274.5 }],
  organisations: [
    { row: 2, side: 'seller', name: '大连海洋大学', creditCode: null, natureCode: '0221', regionCode: '210204', kind: 'Institution', institutionType: 'University', toBeConfirmed: false },
    { row: 3, side: 'buyer', name: '某新公司', creditCode: null, natureCode: null, regionCode: '210202', kind: 'Unknown', institutionType: null, toBeConfirmed: true },
  ],
};

describe('contract import preview', () => {
  it('shows what the file would do, then commits it as a job with the unit the analyst named', async () => {
    const api = mockApi({
      'POST /api/contracts/imports': () => preview,
      'POST /api/contracts/imports/{id}/commit': () => ({ id: 'p1', fileName: 'r.csv', status: 'Succeeded', inserted: 4, updated: 0, unchanged: 0,
        rowsRead: 5, rowsValid: 5, rowsRejected: 0, problems: [], warnings: [], totals: [], reconciliation: { linked: 1, links: [], candidates: [] } }),
    });
    renderApp('/workspace/indicators?year=2024&tab=import', { me: bureau });
    await userEvent.upload(await screen.findByTestId('import-file'), new File(['x'], 'registry.csv', { type: 'text/csv' }));
    await userEvent.selectOptions(screen.getByTestId('import-unit'), '万元');
    await userEvent.click(screen.getByTestId('import-submit'));
    const shown = await screen.findByTestId('import-preview');
    expect(within(shown).getByTestId('import-preview-inserted')).toHaveAttribute('data-value', '4');
    expect(within(shown).getByTestId('import-preview-linked')).toHaveAttribute('data-value', '1');
    expect(within(shown).getByTestId('import-preview-encoding')).toHaveTextContent('GB18030');
    expect(within(shown).getByTestId('import-preview-total')).toHaveTextContent('317.5');
    const drafts = within(shown).getByTestId('import-preview-drafts');
    expect(drafts).toHaveTextContent('大连海洋大学');
    expect(drafts).toHaveTextContent('类型待确认 · 待确认');
    expect(screen.getByTestId('import-warnings')).toHaveTextContent('备注');
    const upload = api.calls.find((c) => c.url.pathname === '/api/contracts/imports')!;
    expect(upload.url.searchParams.get('preview')).toBe('true');
    expect(upload.url.searchParams.get('unit')).toBe('万元');

    await userEvent.click(screen.getByTestId('import-commit'));
    await waitFor(() => expect(screen.getByTestId('import-result')).toHaveAttribute('data-status', 'Succeeded'));
    expect(screen.getByTestId('import-result')).toHaveTextContent('新增 4');
    expect(api.calls.some((c) => c.url.pathname === '/api/contracts/imports/p1/commit')).toBe(true);
    expect(screen.queryByTestId('import-preview')).toBeNull();
  });

  it('cancels a preview without writing', async () => {
    const api = mockApi({
      'POST /api/contracts/imports': () => preview,
      'DELETE /api/contracts/imports/{id}': () => ({ id: 'p1', status: 'Cancelled' }),
    });
    renderApp('/workspace/indicators?year=2024&tab=import', { me: bureau });
    await userEvent.upload(await screen.findByTestId('import-file'), new File(['x'], 'registry.csv', { type: 'text/csv' }));
    await userEvent.click(screen.getByTestId('import-submit'));
    await userEvent.click(await screen.findByTestId('import-cancel'));
    expect(await screen.findByTestId('import-cancelled')).toHaveTextContent('未写入任何数据');
    expect(api.calls.filter((c) => c.method === 'DELETE').map((c) => c.url.pathname)).toEqual(['/api/contracts/imports/p1']);
  });
});
