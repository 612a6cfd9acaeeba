import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { bureau, json, mockApi, renderApp } from './utils';

const contract = (id: string, number: string | null, extra: Record<string, unknown> = {}) =>
  ({ id, registrationNumber: number, projectName: `项目${id}`, totalAmount: 480000, signedOn: '2020-04-15', duplicateOfContractId: null, version: 3, ...extra });
const duplicate = {
  code: 'probable_duplicate', key: 'k1', message: '卖方、买方、金额和签订日期均相同，但登记号不同。',
  contracts: [contract('c1', '2102202090000001'), contract('c2', null)], resolved: false, dismissal: null,
};
const income = { code: 'income_above_total', key: 'k2', message: '技术交易额高于合同成交额。', contracts: [contract('c3', '2102202090000003')], resolved: false, dismissal: null };
const summary = [
  { code: 'probable_duplicate', open: 1, closed: 0 }, { code: 'income_above_total', open: 1, closed: 2 },
  { code: 'signed_after_registered', open: 0, closed: 0 }, { code: 'amount_outlier', open: 0, closed: 0 },
];
const report = (items: unknown[], total = items.length) => ({ year: null, contracts: 10, summary, findings: { items, page: 1, pageSize: 20, total } });

describe('data quality', () => {
  it('shows the count per kind and one page of findings, filtered by year, kind and status in the request', async () => {
    const api = mockApi({ 'GET /api/contracts/quality': () => report([duplicate, income], 45) });
    renderApp('/workspace/data-quality', { me: bureau });
    const findings = await screen.findAllByTestId('data-quality-finding');
    expect(findings.map((f) => f.dataset.kind)).toEqual(['probable_duplicate', 'income_above_total']);
    expect(screen.getAllByTestId('data-quality-summary-open').map((e) => e.textContent)).toEqual(['1', '1', '0', '0']);
    expect(screen.getByTestId('data-quality-total')).toHaveTextContent('共 45 条');
    expect(screen.getByTestId('pager')).toBeInTheDocument();
    // A probable duplicate is marked, not corrected; the others are corrected on the contract's revision form.
    expect(within(findings[0]).queryByTestId('data-quality-correct')).toBeNull();
    expect(within(findings[0]).getByTestId('data-quality-mark')).toBeInTheDocument();
    expect(within(findings[1]).getByTestId('data-quality-correct').getAttribute('href')).toBe('/workspace/contract-records/c3?edit=1');
    expect(within(findings[0]).getAllByTestId('data-quality-contract')[1]).toHaveTextContent('未登记');
    await userEvent.selectOptions(screen.getByTestId('data-quality-year'), '2023');
    await userEvent.selectOptions(screen.getByTestId('data-quality-kind'), 'income_above_total');
    await userEvent.selectOptions(screen.getByTestId('data-quality-status'), 'closed');
    const query = api.calls.at(-1)!.url.searchParams;
    expect([query.get('year'), query.get('kind'), query.get('status'), query.get('pageSize')]).toEqual(['2023', 'income_above_total', 'closed', '20']);
  });

  it('dismisses with the reason the server requires, and marks the other record as the duplicate of the one kept', async () => {
    const api = mockApi({
      'GET /api/contracts/quality': () => report([duplicate]),
      'POST /api/contracts/quality/dismissals': (_u, req) => (JSON.parse(req.body as string).reason
        ? json({ id: 'd1', code: 'probable_duplicate', key: 'k1', contractIds: ['c1', 'c2'], reason: '分期', at: '2026-01-01T00:00:00Z' })
        : json({ status: 400, title: '验证失败', errors: { reason: ['请说明忽略该问题的原因。'] } }, 400)),
      'POST /api/contracts/{id}/duplicate': () => json({ id: 'c2' }),
    });
    renderApp('/workspace/data-quality', { me: bureau });
    await userEvent.click(await screen.findByTestId('data-quality-dismiss'));
    await userEvent.click(screen.getByTestId('dismiss-confirm'));
    expect(await screen.findByTestId('field-error-reason')).toHaveTextContent('请说明忽略该问题的原因');
    await userEvent.type(screen.getByTestId('dismiss-reason'), '分期');
    await userEvent.click(screen.getByTestId('dismiss-confirm'));
    expect(await screen.findByTestId('data-quality-notice')).toHaveTextContent('已忽略');
    expect(api.calls.filter((c) => c.method === 'POST').at(-1)!.body).toEqual({ code: 'probable_duplicate', contractIds: ['c1', 'c2'], reason: '分期' });

    await userEvent.click(screen.getByTestId('data-quality-mark'));
    await userEvent.type(screen.getByTestId('mark-reason'), '登记两次');
    await userEvent.click(screen.getByTestId('mark-confirm'));
    expect(await screen.findByTestId('data-quality-notice')).toHaveTextContent('已标记');
    const mark = api.calls.filter((c) => c.url.pathname.endsWith('/duplicate'));
    expect(mark.map((c) => [c.url.pathname, c.body])).toEqual([['/api/contracts/c2/duplicate', { version: 3, duplicateOfContractId: 'c1', reason: '登记两次' }]]);
  });

  it('shows who dismissed a closed finding, when and why, and restores it', async () => {
    const dismissed = { ...income, dismissal: { id: 'd9', reason: '合同含设备，已核实', by: '科技局分析员', at: '2026-03-01T02:00:00Z' } };
    const api = mockApi({ 'GET /api/contracts/quality': () => report([dismissed]), 'DELETE /api/contracts/quality/dismissals/{id}': () => json(null, 204) });
    renderApp('/workspace/data-quality?status=closed', { me: bureau });
    expect(await screen.findByTestId('data-quality-dismissal')).toHaveTextContent('科技局分析员');
    expect(screen.getByTestId('data-quality-dismissal')).toHaveTextContent('合同含设备，已核实');
    await userEvent.click(screen.getByTestId('data-quality-restore'));
    expect(await screen.findByTestId('data-quality-notice')).toHaveTextContent('已恢复');
    expect(api.calls.some((c) => c.method === 'DELETE' && c.url.pathname === '/api/contracts/quality/dismissals/d9')).toBe(true);
  });
});
