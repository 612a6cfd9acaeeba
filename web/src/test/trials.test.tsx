import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { bureau, enterprise, json, mockApi, renderApp } from './utils';
import { deal, page } from './fixtures';

const trial = (over = {}) => ({
  id: 't1', dealId: 'd1', dealTitle: '钢渣稳定化', achievementId: 'a1',
  seller: { id: 'org-dut', nameZh: '大连理工大学', regionCode: '210211' }, buyer: { id: 'org-ent', nameZh: '大连某机床有限公司', regionCode: '210211' },
  startsOn: '2026-12-01', endsOn: '2027-06-01', paymentMode: 'Instalments', agreedPrice: 800000, paymentTerms: '三期付款', state: 'Running', extensions: 0,
  contractId: null, failureCause: null, outcomeNote: null, concludedOn: null, milestones: [{ id: 'm1', title: '中试验收', dueOn: '2027-02-01', remindedAt: null }],
  version: 1, mayClaim: false, ...over,
});

describe('use-before-transfer trials', () => {
  it('closes a deal as a trial, showing the field the server refused, then opens the trial', async () => {
    let tries = 0;
    const api = mockApi({
      'GET /api/deals/{id}': () => deal({ stage: 'Negotiating' }),
      'POST /api/trials': () => (++tries === 1
        ? json({ title: '输入有误', status: 400, errors: { endsOn: ['试用结束日期须晚于开始日期。'] } }, 400)
        : json(trial(), 201)),
      'GET /api/trials/{id}': () => trial(),
    });
    renderApp('/workspace/trials/new?deal=d1', { me: enterprise });
    const form = await screen.findByTestId('trial-start-page');
    await userEvent.type(within(form).getByTestId('trial-starts'), '2026-12-01');
    await userEvent.type(within(form).getByTestId('trial-ends'), '2026-11-01');
    await userEvent.type(within(form).getByTestId('trial-price'), '80');
    await userEvent.click(within(form).getByTestId('trial-add-milestone'));
    await userEvent.type(within(form).getByTestId('trial-milestone-title-0'), '中试验收');
    await userEvent.click(within(form).getByTestId('trial-submit'));
    expect(await screen.findByTestId('field-error-endsOn')).toHaveTextContent('试用结束日期须晚于开始日期。');
    await userEvent.click(within(form).getByTestId('trial-submit'));
    expect(await screen.findByTestId('trial-page')).toBeInTheDocument();
    const sent = api.calls.find((c) => c.method === 'POST')?.body as Record<string, unknown>;
    expect(sent).toMatchObject({ dealId: 'd1', dealVersion: 3, startsOn: '2026-12-01', paymentMode: 'LumpSum' });
    expect(await screen.findByTestId('trial-milestones')).toHaveTextContent('中试验收');
  });

  it('converts a running trial into the contract recorded from its deal', async () => {
    const api = mockApi({
      'GET /api/trials/{id}': () => trial(),
      'GET /api/deals/{id}': () => deal({ contractId: 'c1' }),
      'POST /api/trials/{id}/outcome': () => trial({ state: 'Converted', contractId: 'c1', version: 2 }),
    });
    renderApp('/workspace/trials/t1', { me: enterprise });
    expect(await screen.findByTestId('trial-contract-ready')).toBeInTheDocument();
    await userEvent.click(screen.getByTestId('trial-record-outcome'));
    expect(await screen.findByTestId('trial-saved')).toBeInTheDocument();
    expect(api.calls.find((c) => c.method === 'POST')?.body).toMatchObject({ outcome: 'Converted', version: 1, contractId: 'c1', failureCause: null });
  });

  it('offers compensation on a failed trial to its parties only', async () => {
    const failed = { state: 'Failed', failureCause: 'IntegrationCost', concludedOn: '2027-01-10', version: 2 };
    mockApi({ 'GET /api/trials/{id}': () => trial({ ...failed, mayClaim: true }) });
    const party = renderApp('/workspace/trials/t1', { me: enterprise });
    expect(await screen.findByTestId('trial-claim-link')).toHaveAttribute('href', '/workspace/risk-claims?trial=t1');
    party.unmount();

    mockApi({ 'GET /api/trials/{id}': () => trial({ ...failed, mayClaim: false }) });
    renderApp('/workspace/trials/t1', { me: bureau });
    expect(await screen.findByText('集成改造成本过高')).toBeInTheDocument();
    expect(screen.queryByTestId('trial-claim-link')).not.toBeInTheDocument();
  });

  it('shows the bureau the conversion rate, days and failure causes, per institution and field, for a chosen year, in both languages', async () => {
    const group = (key: string, name: string) => ({
      key, name, total: 4, running: 1, converted: 1, returned: 1, failed: 1, concluded: 3, conversionRate: 1 / 3, averageDaysToConversion: 182,
      failureCauses: [{ cause: 'IntegrationCost', count: 1 }],
    });
    const api = mockApi({
      'GET /api/trials/summary': () => ({
        total: 4, byState: [{ state: 'Running', count: 1 }, { state: 'Converted', count: 1 }, { state: 'Returned', count: 1 }, { state: 'Failed', count: 1 }],
        concluded: 3, converted: 1, conversionRate: 1 / 3, averageDaysToConversion: 182,
        failureCauses: [{ cause: 'IntegrationCost', count: 1 }],
        byInstitution: [group('org-dut', '大连理工大学')],
        byField: [group('NewMaterials', 'NewMaterials')],
      }),
      'GET /api/trials': () => page([]),
    });
    renderApp('/workspace/trials/summary', { me: bureau });
    expect(await screen.findByTestId('trial-conversion-rate')).toHaveTextContent('33.3%');
    expect(screen.getByText('集成改造成本过高: 1')).toBeInTheDocument();
    expect(within(screen.getByTestId('trials-by-field')).getByText('新材料及其应用')).toBeInTheDocument();
    expect(screen.getByTestId('trial-days-to-conversion')).toHaveTextContent('182 天');
    const institution = within(screen.getByTestId('trials-by-institution')).getByTestId('trial-group-row');
    expect(institution).toHaveTextContent('大连理工大学4111133.3%182 天集成改造成本过高 1');
    const year = String(new Date().getFullYear() - 1);
    await userEvent.selectOptions(screen.getByTestId('trial-summary-year'), year);
    await waitFor(() => expect(api.calls.some((c) => c.url.pathname === '/api/trials/summary' && c.url.searchParams.get('year') === year)).toBe(true));
    await userEvent.click(screen.getByTestId('lang-en'));
    expect(await screen.findByText('Integration too costly: 1')).toBeInTheDocument();
    expect(screen.getByTestId('trial-days-to-conversion')).toHaveTextContent('182 days');
  });
});
