import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { admin, json, mockApi, renderApp, researcher } from './utils';
import { achievement } from './fixtures';

const reason = '成果描述与专利号不符，请核对专利信息后重新发布。';

describe('an administrator unpublishes a public record with a reason its owner reads', () => {
  it('sends the reason and version, shows the server field error in place, and reloads the record', async () => {
    let status: 'Published' | 'Archived' = 'Published';
    const api = mockApi({
      'GET /api/achievements/{id}': () => achievement({ status, version: 3, moderationReason: status === 'Archived' ? reason : null }),
      'POST /api/achievements/{id}/unpublish': (_u, init) => {
        const body = JSON.parse(String(init.body)) as { reason: string; version: number };
        if (body.reason.length < 10) return json({ title: '请求参数有误', status: 400, errors: { reason: ['请用 10 至 500 个字说明下架原因，发布单位会看到这段说明。'] } }, 400);
        status = 'Archived';
        return achievement({ status, moderationReason: body.reason, version: 4 });
      },
    });
    renderApp('/achievements/a1', { me: admin });
    await userEvent.click(await screen.findByTestId('unpublish-open'));
    await userEvent.type(screen.getByLabelText('下架原因（发布单位可见）'), '不行');
    await userEvent.click(screen.getByTestId('unpublish-confirm'));
    expect(await screen.findByTestId('field-error-reason')).toHaveTextContent('10 至 500 个字');

    await userEvent.clear(screen.getByLabelText('下架原因（发布单位可见）'));
    await userEvent.type(screen.getByLabelText('下架原因（发布单位可见）'), reason);
    await userEvent.click(screen.getByTestId('unpublish-confirm'));
    expect(await screen.findByTestId('moderation-notice')).toHaveTextContent(reason);
    expect(screen.queryByTestId('unpublish-open')).not.toBeInTheDocument();
    const sent = api.calls.filter((c) => c.method === 'POST').map((c) => c.body);
    expect(sent.at(-1)).toEqual({ reason, version: 3 });
  });

  it('offers the action to administrators only', async () => {
    mockApi({ 'GET /api/achievements/{id}': () => achievement({ organisation: { ...achievement().organisation!, id: 'someone-else' } }) });
    renderApp('/achievements/a1', { me: researcher });
    expect(await screen.findByTestId('record-title')).toBeInTheDocument();
    expect(screen.queryByTestId('unpublish-open')).not.toBeInTheDocument();
  });

  it("shows the owner the reason in the editor and lets them publish again, in English too", async () => {
    mockApi({
      'GET /api/achievements/{id}': () => achievement({ status: 'Archived', moderationReason: reason, moderatedAt: '2026-12-04T09:00:00Z', organisation: { ...achievement().organisation!, id: 'org-dut' } }),
      'GET /api/achievements/{id}/dismissals': () => ({ total: 0, reasons: [] }),
    });
    renderApp('/workspace/achievements/a1/edit', { me: researcher });
    expect(await screen.findByTestId('moderation-notice')).toHaveTextContent(`原因：${reason}`);
    expect(screen.getByTestId('publish-listing')).toHaveTextContent('重新发布');
    await userEvent.click(screen.getByTestId('lang-en'));
    expect(await screen.findByText('An administrator unpublished this record')).toBeInTheDocument();
    expect(screen.getByTestId('publish-listing')).toHaveTextContent('Publish again');
  });
});
