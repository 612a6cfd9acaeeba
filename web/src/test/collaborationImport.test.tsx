import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { json, mockApi, renderApp, bureau } from './utils';

const report = (inserted: number, unchanged: number) => ({
  rowsRead: 2, rowsValid: 2, rowsRejected: 0, inserted, updated: 0, unchanged, organisationsCreated: inserted, written: true, problems: [], problemsTruncated: false,
  years: [], encoding: 'GB18030', warnings: [{ row: 1, column: '备注', header: '备注', message: '未知列，已忽略。' }], totals: [], linked: 0, links: [], candidates: [], organisations: [],
});

describe('collaboration import', () => {
  it('previews a file, then imports the same file of the chosen kind', async () => {
    const api = mockApi({
      'POST /api/collaboration/imports': (url) => (url.searchParams.get('preview') === 'true' ? report(2, 0) : report(2, 0)),
    });
    renderApp('/workspace/indicators?year=2023&tab=import', { me: bureau });
    const section = await screen.findByTestId('collab-import');
    await userEvent.selectOptions(within(section).getByTestId('collab-import-kind'), 'spin-offs');
    await userEvent.upload(within(section).getByTestId('collab-import-file'), new File(['x'], 'spin-offs.csv', { type: 'text/csv' }));
    await userEvent.click(within(section).getByTestId('collab-import-preview'));
    expect(await within(section).findByTestId('collab-import-previewed')).toHaveTextContent('读取 2 行：新增 2');
    expect(within(section).getByTestId('collab-import-warnings')).toHaveTextContent('备注');
    await userEvent.click(within(section).getByTestId('collab-import-commit'));
    expect(await within(section).findByTestId('collab-import-done')).toHaveTextContent('已导入：新增 2');
    const posts = api.calls.filter((c) => c.url.pathname === '/api/collaboration/imports');
    expect(posts.map((c) => [c.url.searchParams.get('kind'), c.url.searchParams.get('preview')])).toEqual([['spin-offs', 'true'], ['spin-offs', null]]);
    // The same file goes again: the import re-reads it whole and writes all rows or none.
    expect((posts[1].body as FormData).get('file')).not.toBeNull();
  });

  it('cancels a preview without sending anything else', async () => {
    const api = mockApi({ 'POST /api/collaboration/imports': () => report(1, 1) });
    renderApp('/workspace/indicators?year=2023&tab=import', { me: bureau });
    const section = await screen.findByTestId('collab-import');
    await userEvent.upload(within(section).getByTestId('collab-import-file'), new File(['x'], 'joint.csv', { type: 'text/csv' }));
    await userEvent.click(within(section).getByTestId('collab-import-preview'));
    await userEvent.click(await within(section).findByTestId('collab-import-cancel'));
    expect(within(section).getByTestId('collab-import-cancelled')).toHaveTextContent('未写入');
    expect(within(section).queryByTestId('collab-import-commit')).toBeNull();
    expect(api.calls.filter((c) => c.url.pathname === '/api/collaboration/imports')).toHaveLength(1);
  });

  it('lists a refused file by row and header as written', async () => {
    mockApi({
      'POST /api/collaboration/imports': () => json({ title: 'The file was rejected', status: 400, code: 'import_rejected', rowsRead: 3, rowsRejected: 1,
        errors: { 'rows[3].establishedOn': ['“去年”不是日期（yyyy-MM-dd）。'] },
        problems: [{ row: 3, column: 'establishedOn', header: '成立日期', message: '“去年”不是日期（yyyy-MM-dd）。' }], warnings: [] }, 400),
    });
    renderApp('/workspace/indicators?year=2023&tab=import', { me: bureau });
    const section = await screen.findByTestId('collab-import');
    await userEvent.upload(within(section).getByTestId('collab-import-file'), new File(['x'], 'joint.csv', { type: 'text/csv' }));
    await userEvent.click(within(section).getByTestId('collab-import-preview'));
    expect(await within(section).findByTestId('collab-import-refused')).toHaveTextContent('3 行中有 1 行存在问题');
    const row = within(within(section).getByTestId('collab-import-errors')).getAllByRole('row')[1];
    expect(row).toHaveTextContent('3成立日期');
    expect(row).not.toHaveTextContent('establishedOn');
    expect(within(section).queryByTestId('collab-import-commit')).toBeNull();
  });
});
