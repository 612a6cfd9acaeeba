import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { enterprise, json, mockApi, renderApp } from './utils';
import { page } from './fixtures';

const party = (id: string, name: string) => ({ organisationId: id, name, creditCode: null, natureCode: '0310', regionCode: '210211' });
const contractView = (id: string, category: string, projectName: string) => ({
  id, projectName, category, seller: party('org-dut', '大连理工大学'), buyer: party('org-ent', '大连某机床有限公司'), totalAmount: 1_000_000,
});
const scheme = { id: 's1', name: '大连市风险补偿', fields: [], pool: null };
const contractClaim = {
  id: 'k1', schemeId: 's1', schemeName: '大连市风险补偿', trialId: null, contractId: 'c1', title: '钢渣稳定化技术转让',
  claimant: { id: 'org-ent', nameZh: '大连某机床有限公司', regionCode: '210211' }, seller: { id: 'org-dut', nameZh: '大连理工大学', regionCode: '210211' },
  buyer: { id: 'org-ent', nameZh: '大连某机床有限公司', regionCode: '210211' }, price: 1_000_000, failureCause: 'IntegrationCost', evidence: '产线无法达产',
  amountAsked: 300_000, state: 'Submitted', amountApproved: null, decisionNote: null, decidedAt: null, paidOn: null, paymentReference: null,
  createdAt: '2026-12-01T00:00:00Z', limits: null, version: 1,
};

describe('risk compensation claims', () => {
  it('claims for a failed transfer contract with its cause, offering only transfer and licence contracts', async () => {
    let tries = 0;
    const api = mockApi({
      'GET /api/risk-schemes': () => [scheme],
      'GET /api/trials': () => page([]),
      'GET /api/contracts': () => page([contractView('c1', 'Transfer', '钢渣稳定化技术转让'), contractView('c2', 'Service', '检测服务')]),
      'GET /api/risk-claims': () => page(tries > 1 ? [contractClaim] : []),
      'POST /api/risk-claims': () => (++tries === 1
        ? json({ title: '输入有误', status: 400, errors: { failureCause: ['请说明转化失败的原因。'] } }, 400)
        : json(contractClaim, 201)),
    });
    renderApp('/workspace/risk-claims?contract=c1', { me: enterprise });
    const form = await screen.findByTestId('claim-form');
    expect(within(form).getByTestId('claim-subject-contract')).toBeChecked();
    const options = await within(form).findAllByRole('option', { name: /技术转让|检测服务/ });
    expect(options.map((o) => o.textContent)).toEqual(['钢渣稳定化技术转让 · 大连理工大学 → 大连某机床有限公司']);
    expect(within(form).getByTestId('claim-contract')).toHaveValue('c1');
    await userEvent.type(within(form).getByTestId('claim-amount'), '30');
    await userEvent.type(within(form).getByTestId('claim-evidence'), '产线无法达产');
    await userEvent.click(within(form).getByTestId('claim-submit'));
    expect(await screen.findByTestId('field-error-failureCause')).toHaveTextContent('请说明转化失败的原因。');
    await userEvent.selectOptions(within(form).getByTestId('claim-cause'), 'IntegrationCost');
    await userEvent.click(within(form).getByTestId('claim-submit'));
    expect(await screen.findByTestId('claim-sent')).toBeInTheDocument();
    const sent = api.calls.filter((c) => c.method === 'POST').at(-1)?.body as Record<string, unknown>;
    expect(sent).toMatchObject({ schemeId: 's1', contractId: 'c1', failureCause: 'IntegrationCost', amountAsked: 300_000 });
    expect(sent).not.toHaveProperty('trialId');
    const row = await screen.findByTestId('claim-row');
    expect(within(row).getByTestId('claim-subject-link')).toHaveAttribute('href', '/workspace/contract-records/c1');
    expect(row).toHaveTextContent('集成改造成本过高');
  });
});
