import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { json, mockApi, renderApp, researcher } from './utils';
import { page } from './fixtures';

const proposal = {
  id: 'p1', callId: 'c1', organisation: { id: 'org-dut', name: '大连理工大学', regionCode: '210211' }, approach: '分阶段验证的改性方案', team: '教授2名',
  milestones: [{ title: '样机', month: 3 }], price: 650_000, achievementIds: [], submittedAt: '2026-12-01T00:00:00Z', finalScore: null, rank: null, winner: null,
  remarks: null, version: 3, submittedBy: 'u7', updatedAt: '2026-12-01T00:00:00Z', consent: { status: 'Pending', reason: null, decidedAt: null, reviewed: false },
};

describe('the organisation\'s consent to call proposals', () => {
  it('lists the proposals awaiting consent on the organisation page, refuses one with its reason, and reads in English', async () => {
    let waiting = [{ proposal, callTitle: '揭榜挂帅（须单位同意）：膜材料', deadline: '2026-12-31T00:00:00Z', submittedByName: '王工' }];
    const api = mockApi({
      'GET /api/calls/consents': () => waiting,
      'GET /api/organisations': () => page([]),
      'POST /api/calls/c1/proposals/p1/consent': (_url, init) => {
        const body = JSON.parse(String(init.body));
        if (!body.reason) return json({ title: 'Validation failed', status: 400, errors: { 'body.reason': ['请说明本单位不同意的理由。'] }, code: 'validation' }, 400);
        waiting = [];
        return { ...proposal, consent: { status: 'Refused', reason: body.reason, decidedAt: '2026-12-02T00:00:00Z', reviewed: false } };
      },
    });
    renderApp('/workspace/organisation', { me: researcher });
    const row = await screen.findByTestId('consent-request');
    expect(row).toHaveTextContent('揭榜挂帅（须单位同意）：膜材料');
    expect(row).toHaveTextContent('提交人：王工');
    await userEvent.click(within(row).getByTestId('consent-refuse'));
    await userEvent.click(within(row).getByTestId('consent-refuse-confirm'));
    expect(await within(row).findByText('请说明本单位不同意的理由。')).toBeInTheDocument();
    await userEvent.type(within(row).getByTestId('consent-reason'), '与在研项目冲突');
    await userEvent.click(within(row).getByTestId('consent-refuse-confirm'));
    expect(await screen.findByTestId('consent-none')).toHaveTextContent('暂无待同意的揭榜方案');
    const sent = api.calls.filter((c) => c.method === 'POST').map((c) => c.body);
    expect(sent[sent.length - 1]).toEqual({ consent: false, reason: '与在研项目冲突', version: 3 });
    await userEvent.click(screen.getByTestId('lang-en'));
    expect(await screen.findByText('No proposals wait for your consent.')).toBeInTheDocument();
  });
});
