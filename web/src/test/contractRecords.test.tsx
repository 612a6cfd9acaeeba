import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { bureau, json, mockApi, renderApp, researcher } from './utils';
import { page } from './fixtures';

const party = (organisationId: string, name: string) => ({ organisationId, name, creditCode: '91210200MA0000000X', natureCode: '0221', regionCode: '210202' });
const contract = (over = {}) => ({
  id: 'c1', registrationNumber: null, projectName: '轧辊激光熔覆修复技术转让', category: 'Transfer', transformationMode: 'Transfer',
  seller: party('org-dut', '大连理工大学'), buyer: party('org-ent', '大连某机床有限公司'), field: 'AdvancedManufacturing',
  totalAmount: 500000, technologyIncome: 400000, signedOn: '2024-12-20', registeredOn: null, validFrom: null, validTo: null,
  trialPeriodMonths: null, brokerUserId: null, dealId: 'd1', proposalId: null, achievementId: null, source: 'Platform', isLocal: true,
  year: 2024, updatedAt: '2024-12-20T08:00:00Z', version: 3, ...over,
});
const recorded = { id: 'a1', at: '2024-12-20T08:00:00Z', byUserId: 'u4', byName: '科技局', change: 'Recorded', importJobId: null, reason: null, fields: [{ field: 'source', from: null, to: 'Platform' }] };

describe('contract records', () => {
  it('filters the list through the query string and offers the bureau the export and manual entry', async () => {
    const api = mockApi({ 'GET /api/contracts': () => page([contract()], 41) });
    renderApp('/workspace/contract-records', { me: bureau });
    const row = await screen.findByTestId('contract-row');
    expect(row).toHaveTextContent('大连理工大学 → 大连某机床有限公司');
    expect(row).toHaveTextContent('未登记');
    expect(screen.getByTestId('contract-list-total')).toHaveTextContent('共 41 份合同');
    expect(screen.getByTestId('contract-new')).toBeInTheDocument();
    expect(screen.getByTestId('contract-export-xlsx')).toBeInTheDocument();
    await userEvent.selectOptions(screen.getByTestId('contract-filter-source'), 'Import');
    await userEvent.selectOptions(screen.getByTestId('contract-filter-local'), 'false');
    await waitFor(() => {
      const last = api.calls.filter((c) => c.url.pathname === '/api/contracts').at(-1)!;
      expect(last.url.searchParams.get('Source')).toBe('Import');
      expect(last.url.searchParams.get('Local')).toBe('false');
    });
    expect(screen.getByTestId('location')).toHaveTextContent('source=Import');
  });

  it('lets a party add the registration but not the amounts, and shows the trail', async () => {
    let current = contract();
    const trail = [recorded];
    const api = mockApi({
      'GET /api/contracts/{id}': () => current,
      'GET /api/contracts/{id}/changes': () => trail,
      'PUT /api/contracts/{id}': (_, sent) => {
        const body = JSON.parse(String(sent.body));
        current = contract({ registrationNumber: body.registrationNumber, registeredOn: body.registeredOn, version: 4 });
        trail.unshift({ ...recorded, id: 'a2', change: 'Updated', byName: 'researcher', fields: [{ field: 'registrationNumber', from: null, to: body.registrationNumber }] });
        return current;
      },
    });
    renderApp('/workspace/contract-records/c1', { me: researcher });
    expect(await screen.findByTestId('contract-name')).toHaveTextContent('轧辊激光熔覆修复技术转让');
    expect(screen.getByTestId('contract-deal-link')).toHaveAttribute('href', '/workspace/deal/d1');
    await userEvent.click(screen.getByTestId('contract-edit'));
    const form = screen.getByTestId('contract-revision-form');
    expect(within(form).queryByTestId('revise-total')).not.toBeInTheDocument();
    await userEvent.type(within(form).getByTestId('revise-regno'), '2102202400000107');
    await userEvent.click(within(form).getByTestId('revise-submit'));
    expect(await screen.findByTestId('contract-notice')).toHaveTextContent('合同已更新');
    const put = api.calls.find((c) => c.method === 'PUT')!;
    expect(put.body).toMatchObject({ version: 3, registrationNumber: '2102202400000107', totalAmount: null, technologyIncome: null });
    await waitFor(() => expect(screen.getAllByTestId('contract-trail-line')).toHaveLength(2));
    expect(screen.getAllByTestId('contract-trail-line')[0]).toHaveTextContent('登记号: — → 2102202400000107');
  });

  it('asks the bureau for a reason when an amount changes and shows the server message beside it', async () => {
    mockApi({
      'GET /api/contracts/{id}': () => contract(),
      'GET /api/contracts/{id}/changes': () => [recorded],
      'PUT /api/contracts/{id}': () => json({ title: 'One or more fields are invalid.', status: 400, errors: { reason: ['请说明修改金额的原因。'] } }, 400),
    });
    renderApp('/workspace/contract-records/c1', { me: bureau });
    await userEvent.click(await screen.findByTestId('contract-edit'));
    const total = screen.getByTestId('revise-total');
    await userEvent.clear(total);
    await userEvent.type(total, '52');
    await userEvent.click(screen.getByTestId('revise-submit'));
    expect(await screen.findByTestId('field-error-reason')).toHaveTextContent('请说明修改金额的原因');
  });
  it('says a record marked as a duplicate is not counted, links the kept one, and names the mark in the trail', async () => {
    const marked = { ...recorded, id: 'a2', change: 'MarkedDuplicate', reason: '登记两次', fields: [{ field: 'duplicateOfContractId', from: null, to: 'c0' }] };
    mockApi({ 'GET /api/contracts/{id}': () => contract({ duplicateOfContractId: 'c0' }), 'GET /api/contracts/{id}/changes': () => [marked, recorded] });
    renderApp('/workspace/contract-records/c1', { me: bureau });
    const note = await screen.findByTestId('contract-duplicate-of');
    expect(note).toHaveTextContent('不计入各项指标');
    expect(within(note).getByRole('link').getAttribute('href')).toBe('/workspace/contract-records/c0');
    const line = (await screen.findAllByTestId('contract-trail-line'))[0];
    expect(line).toHaveTextContent('标记为重复记录');
    expect(line).toHaveTextContent('重复于合同: — → c0');
  });
});
