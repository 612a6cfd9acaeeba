import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockApi, renderApp, admin } from './utils';
import { page } from './fixtures';

const draft = (over: Record<string, unknown> = {}) => ({
  id: 'd1', nameZh: '大连某大学（草稿）', creditCode: null, recordedNatureCode: null, kind: 'Unknown', institutionType: null,
  regionCode: '210211', regionName: '辽宁省大连市甘井子区', sellerContracts: 3, buyerContracts: 1, createdAt: '2026-12-05T00:00:00Z', version: 2, ...over,
});

const org = (over: Record<string, unknown> = {}) => ({
  id: 'o1', kind: 'Institution', institutionType: 'University', natureCode: '0221', nameZh: '大连理工大学', nameEn: 'Dalian University of Technology',
  creditCode: '12210000A00000001Y', regionCode: '210211', regionName: '辽宁省大连市甘井子区', industry: null, verification: 'Verified', version: 7, ...over,
});

describe('organisation identity (administrators)', () => {
  it('lists drafts with their contracts and confirms one with its kind and region', async () => {
    const api = mockApi({
      'GET /api/organisations/drafts': () => page([draft()]),
      'POST /api/organisations/{id}/confirm': () => org({ id: 'd1', nameZh: '大连某大学（草稿）' }),
    });
    renderApp('/admin?tab=drafts', { me: admin });
    const row = await screen.findByTestId('draft-row');
    expect(row).toHaveTextContent('类型待确认');
    expect(row).toHaveTextContent('作为卖方 3 份，作为买方 1 份');
    await userEvent.click(within(row).getByTestId('draft-confirm'));
    const form = await screen.findByTestId('confirm-draft');
    expect(within(form).getByTestId('confirm-draft-save')).toBeDisabled();
    await userEvent.selectOptions(within(form).getByTestId('confirm-kind'), 'Institution');
    await userEvent.selectOptions(within(form).getByTestId('confirm-type'), 'ResearchInstitute');
    await userEvent.clear(within(form).getByTestId('confirm-region'));
    await userEvent.type(within(form).getByTestId('confirm-region'), '210204');
    await userEvent.click(within(form).getByTestId('confirm-draft-save'));
    expect(await screen.findByTestId('drafts-notice')).toHaveTextContent('已确认大连某大学（草稿）');
    expect(api.calls.find((c) => c.url.pathname === '/api/organisations/d1/confirm')!.body)
      .toEqual({ kind: 'Institution', institutionType: 'ResearchInstitute', regionCode: '210204', version: 2 });
  });

  it('merges a draft into an organisation picked by search after showing what will move', async () => {
    const api = mockApi({
      'GET /api/organisations/drafts': () => page([draft()]),
      'GET /api/organisations': () => page([org()]),
      'GET /api/organisations/{id}/merge': () => ({
        target: org(), source: { ...org({ id: 'd1', nameZh: '大连某大学（草稿）', version: 2 }) },
        moves: [{ key: 'Contracts.SellerOrganisationId', rows: 3 }, { key: 'Contracts.BuyerOrganisationId', rows: 1 }], clashes: [],
      }),
      'POST /api/organisations/{id}/merge': () => ({ target: org(), sourceId: 'd1', sourceName: '大连某大学（草稿）', moved: [], aliasesAdded: ['大连某大学（草稿）'] }),
    });
    renderApp('/admin?tab=drafts', { me: admin });
    await userEvent.click(within(await screen.findByTestId('draft-row')).getByTestId('draft-merge'));
    const panel = await screen.findByTestId('merge-panel');
    await userEvent.type(within(panel).getByTestId('merge-search'), '大连理工');
    await userEvent.click(within(panel).getByTestId('merge-search-go'));
    await userEvent.click(await within(panel).findByTestId('merge-candidate'));
    const moves = await within(panel).findAllByTestId('merge-move');
    expect(moves.map((m) => m.textContent)).toEqual(['作为卖方的合同: 3', '作为买方的合同: 1']);
    expect(api.calls.find((c) => c.url.pathname === '/api/organisations/o1/merge')!.url.searchParams.get('source')).toBe('d1');
    await userEvent.click(within(panel).getByTestId('merge-confirm'));
    expect(await screen.findByTestId('drafts-notice')).toHaveTextContent('已将大连某大学（草稿）合并到大连理工大学');
    await waitFor(() => expect(api.calls.find((c) => c.method === 'POST' && c.url.pathname === '/api/organisations/o1/merge')!.body)
      .toEqual({ sourceId: 'd1', sourceVersion: 2, targetVersion: 7 }));
  });

  it('corrects an organisation’s kind from the organisations list, in English too', async () => {
    const api = mockApi({
      'GET /api/organisations': () => page([org({ kind: 'Enterprise', institutionType: null, natureCode: null })]),
      'PUT /api/organisations/{id}/kind': () => org(),
    });
    renderApp('/admin?tab=organisations', { me: admin });
    await userEvent.click(screen.getByTestId('lang-en'));
    const row = await screen.findByTestId('admin-org-row');
    expect(within(row).getByTestId('admin-correct-kind')).toHaveTextContent('Correct kind');
    await userEvent.click(within(row).getByTestId('admin-correct-kind'));
    const form = await screen.findByTestId('correct-kind-form');
    expect(form).toHaveTextContent('its contracts move into or out of the institution tables');
    await userEvent.selectOptions(within(form).getByTestId('correct-kind'), 'Institution');
    await userEvent.click(within(form).getByTestId('correct-kind-save'));
    await waitFor(() => expect(api.calls.find((c) => c.url.pathname === '/api/organisations/o1/kind')!.body)
      .toEqual({ kind: 'Institution', institutionType: 'University', version: 7 }));
    expect(within(row).getByTestId('admin-org-audit')).toHaveAttribute('href', '/admin?tab=audit&target=o1');
  });
});
