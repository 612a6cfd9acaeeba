import { describe, expect, it } from 'vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { json, mockApi, renderApp, researcher, enterprise, manager, bureau, admin } from './utils';
import { achievement, need, page } from './fixtures';

const match = {
  proposalId: 'p1', score: 0.82, status: 'Proposed', proposedAt: '2026-11-27T09:00:00Z',
  counterpart: { id: 'a1', kind: 'Achievement', title: '燃料电池电堆系统', field: 'NewEnergyAndEnergyEfficiency', trl: 7, isLocal: true, organisation: achievement().organisation, detailsHidden: false, amountMin: 8_000_000, amountMax: 30_000_000 },
  explanation: { components: [{ name: 'text', value: 0.9, weight: 0.6, contribution: 0.54 }, { name: 'locality', value: 1, weight: 0.2, contribution: 0.2 }, { name: 'field', value: 1, weight: 0.08, contribution: 0.08 }], matchedTerms: ['燃料电池', '系统', '堆'] },
  points: 82, parts: [{ name: 'text', points: 54, max: 60 }, { name: 'locality', points: 20, max: 20 }, { name: 'field', points: 8, max: 8 }],
  reason: { keyTerms: ['燃料电池'], localPartner: true, sameField: true, maturityGap: 0, budget: 'Fits' }, belowFloor: false,
};

describe('listing editor', () => {
  it('shows quality warnings while writing and validation errors next to the fields', async () => {
    mockApi({
      'POST /api/achievements': () => json({
        title: 'Validation failed', status: 400, detail: 'One or more fields are invalid.', code: 'validation',
        errors: { 'input.title': ["'Title' must not be empty."], 'input.trl': ["'Trl' must be between 1 and 9."] },
      }, 400),
    });
    renderApp('/workspace/achievements/new', { me: researcher });
    const warnings = await screen.findByTestId('quality-warnings');
    expect(within(warnings).getAllByTestId('quality-warning').map((w) => w.dataset.code)).toEqual(['short_title', 'no_advantages', 'no_price']);
    // What the publish gate asks for is listed apart: the record cannot go public without it.
    const gaps = screen.getByTestId('publish-gaps');
    expect(within(gaps).getAllByTestId('publish-gap').map((g) => g.dataset.field)).toEqual(['summary', 'trl', 'keywords']);
    await userEvent.type(screen.getByTestId('input-keywords'), '燃料电池，电堆');
    await waitFor(() => expect(within(gaps).getAllByTestId('publish-gap').map((g) => g.dataset.field)).toEqual(['summary', 'trl']));
    expect(within(warnings).getByText(/关键词较少/)).toBeInTheDocument();

    await userEvent.click(screen.getByTestId('save-listing'));
    expect(await screen.findByTestId('field-error-title')).toHaveTextContent("'Title' must not be empty.");
    expect(screen.getByTestId('field-error-trl')).toBeInTheDocument();
    expect(screen.getByTestId('input-title')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByTestId('editor-error')).toHaveTextContent('请修改标出的字段。');
  });

  it('publishes a need and shows the warnings the server returned', async () => {
    let version = 0;
    const api = mockApi({
      'GET /api/needs/{id}': () => need({ status: version ? 'Published' : 'Draft', version, indicators: [], budgetMin: null, budgetMax: null }),
      'POST /api/needs/{id}/publish': () => { version = 1; return { need: need({ version: 0 }), warnings: [{ code: 'no_budget', field: 'budgetMax', message: 'No budget.' }] }; },
    });
    renderApp('/workspace/needs/n1/edit', { me: enterprise });
    await userEvent.click(await screen.findByTestId('publish-listing'));
    expect(await screen.findByTestId('editor-notice')).toHaveTextContent('已发布。');
    const warnings = within(screen.getByTestId('quality-warnings')).getAllByTestId('quality-warning');
    expect(warnings.map((w) => w.dataset.code)).toEqual(['no_budget']);
    expect(warnings[0]).toHaveTextContent('未填写预算');
    expect(api.calls.find((c) => c.method === 'POST')!.body).toEqual({ version: 0 });
    expect(await screen.findByTestId('archive-listing')).toBeInTheDocument();
  });

  it('asks to confirm the warnings before publishing, then counts the proposals that are ready', async () => {
    let version = 0;
    const background = '公司年产转炉钢渣约150万吨，游离氧化钙含量高导致体积不稳定，希望引进钢渣稳定化处理技术并用于建材生产。';
    const api = mockApi({
      'GET /api/needs/{id}': () => need({ status: version ? 'Published' : 'Draft', version, background, indicators: [], budgetMin: null, budgetMax: 5_000_000_000 }),
      'POST /api/needs/{id}/publish': () => { version = 1; return { need: need({ version: 0 }), warnings: [] }; },
      'GET /api/needs/{id}/matches': () => [{ ...match, belowFloor: false }, { ...match, proposalId: 'p2', belowFloor: true }],
    });
    renderApp('/workspace/needs/n1/edit', { me: enterprise });
    expect(await screen.findByTestId('input-budgetMax-words')).toHaveTextContent('= 50 亿元');
    expect(screen.getByTestId('input-budgetMax-words')).toHaveAttribute('data-odd', 'large');
    await userEvent.click(await screen.findByTestId('publish-listing'));
    const panel = await screen.findByTestId('publish-confirm-panel');
    expect(within(panel).getAllByTestId('confirm-warning').map((w) => w.dataset.code)).toEqual(['summary_too_short', 'no_indicators', 'amount_too_large']);
    expect(api.calls.some((c) => c.method === 'POST')).toBe(false);
    await userEvent.click(within(panel).getByTestId('publish-confirm'));
    expect(await screen.findByTestId('published-proposals')).toHaveTextContent('已为您找到 2 条匹配推荐（其中 1 条较强）');
    expect(screen.getByTestId('published-proposals-link')).toHaveAttribute('href', '/workspace/needs/n1/matches');
  });

  it('publishes a new achievement straight from the empty form (saves, stays on the page, publishes)', async () => {
    let published = false;
    const api = mockApi({
      'POST /api/achievements': () => achievement({ id: 'new1', status: 'Draft', version: 0 }),
      'POST /api/achievements/{id}/publish': () => { published = true; return { achievement: achievement({ id: 'new1' }), warnings: [] }; },
      'GET /api/achievements/{id}': () => achievement({ id: 'new1', status: published ? 'Published' : 'Draft', version: published ? 1 : 0 }),
    });
    renderApp('/workspace/achievements/new', { me: researcher });
    fireEvent.change(await screen.findByTestId('input-title'), { target: { value: '新成果' } });
    await userEvent.click(screen.getByTestId('publish-listing'));
    expect(await screen.findByTestId('editor-notice')).toHaveTextContent('已发布。');
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/workspace/achievements/new1/edit'));
    expect(await screen.findByTestId('archive-listing')).toBeInTheDocument();
    expect(within(screen.getByTestId('quality-warnings')).getByText('未发现质量问题。')).toBeInTheDocument();
    expect(api.calls.filter((c) => c.method === 'POST').map((c) => c.url.pathname)).toEqual(['/api/achievements', '/api/achievements/new1/publish']);
  });

  it('reloads the record and explains a stale version', async () => {
    let reads = 0;
    mockApi({
      'GET /api/achievements/{id}': () => { reads++; return achievement({ status: 'Draft', version: reads, title: reads > 1 ? '他人修改后的标题' : '原标题' }); },
      'PUT /api/achievements/{id}': () => json({ title: 'Conflict', status: 409, code: 'stale_version', detail: 'The record was changed by someone else.' }, 409),
    });
    renderApp('/workspace/achievements/a1/edit', { me: researcher });
    const title = await screen.findByTestId('input-title');
    expect(title).toHaveValue('原标题');
    fireEvent.change(title, { target: { value: '我的修改' } });
    await userEvent.click(screen.getByTestId('save-listing'));
    expect(await screen.findByTestId('editor-error')).toHaveTextContent('已被他人修改');
    await waitFor(() => expect(screen.getByTestId('input-title')).toHaveValue('他人修改后的标题'));
  });

  it('takes amounts in 万元 in Chinese and sends yuan', async () => {
    const api = mockApi({ 'POST /api/needs': () => need({ id: 'n9', status: 'Draft' }), 'GET /api/needs/{id}': () => need({ id: 'n9', status: 'Draft' }) });
    renderApp('/workspace/needs/new', { me: enterprise });
    await userEvent.type(await screen.findByTestId('input-title'), '需求');
    await userEvent.type(screen.getByTestId('input-budgetMax'), '250');
    await userEvent.click(screen.getByTestId('add-indicator'));
    await userEvent.type(screen.getByTestId('indicator-0-name'), '精度');
    await userEvent.click(screen.getByTestId('save-listing'));
    await waitFor(() => expect(api.calls.some((c) => c.method === 'POST')).toBe(true));
    const body = api.calls.find((c) => c.method === 'POST')!.body as Record<string, unknown>;
    expect(body.budgetMax).toBe(2_500_000);
    expect(body.indicators).toEqual([{ name: '精度', target: '', unit: null }]);
  });
});

describe('role workspaces', () => {
  it('lists proposals with their explanation', async () => {
    const api = mockApi({ 'GET /api/needs/{id}': () => need(), 'GET /api/needs/{id}/matches': () => [match] });
    renderApp('/workspace/needs/n1/matches', { me: enterprise });
    const item = await screen.findByTestId('match-item');
    expect(within(item).getByTestId('match-score')).toHaveTextContent('82分');
    // Only the key terms are marked, never the generic word or the single character.
    expect(Array.from(item.querySelectorAll('h3 mark')).map((m) => m.textContent)).toEqual(['燃料电池']);
    expect(within(item).getByTestId('match-reason')).toHaveTextContent('推荐理由：都涉及“燃料电池”；对方是本地单位；同属新能源与高效节能领域；成熟度满足需求要求；价格与预算相符。');
    expect(within(item).getByTestId('match-amount')).toHaveTextContent('800–3,000万元');
    expect(screen.getByTestId('score-legend')).toHaveTextContent('文本相似度');
    expect(within(item).getByTestId('match-local')).toBeInTheDocument();
    await userEvent.click(within(item).getByTestId('match-explain'));
    const bars = within(item).getAllByTestId('score-component');
    expect(bars.map((b) => b.dataset.name)).toEqual(['text', 'locality', 'field']);
    expect(bars[0]).toHaveTextContent('54 / 60 分');
    expect(bars[0]).toHaveTextContent('文本相似度');

    await userEvent.click(screen.getByTestId('matches-local-only'));
    await waitFor(() => expect(api.calls.filter((c) => c.url.pathname.endsWith('/matches')).at(-1)!.url.searchParams.get('localOnly')).toBe('true'));
  });

  it('folds the weak tail behind "show more" and tells the owner why the other side dismissed proposals', async () => {
    mockApi({
      'GET /api/needs/{id}': () => need(),
      'GET /api/needs/{id}/matches': () => [match, { ...match, proposalId: 'p2', points: 37, score: 0.37, belowFloor: true }],
      'GET /api/needs/{id}/dismissals': () => ({ listingId: 'n1', organisations: 4, reasons: [{ reason: 'TooEarlyStage', organisations: 3 }, { reason: 'PriceOrBudgetMismatch', organisations: 1 }] }),
    });
    renderApp('/workspace/needs/n1/matches', { me: enterprise });
    const feedback = await screen.findByTestId('dismissal-feedback');
    // A need's proposals are dismissed by institutions.
    expect(within(feedback).getAllByTestId('dismissal-reason').map((r) => r.textContent)).toEqual(['3 家高校院所认为技术成熟度太低', '1 家高校院所认为价格与预算不匹配']);
    expect(screen.getAllByTestId('match-item')).toHaveLength(1);
    await userEvent.click(screen.getByTestId('matches-show-more'));
    expect(screen.getAllByTestId('match-item')).toHaveLength(2);
    expect(screen.getAllByTestId('match-item')[1]).toHaveAttribute('data-weak', 'true');
  });

  it('dismisses a proposal with a reason', async () => {
    const api = mockApi({ 'GET /api/needs/{id}': () => need(), 'GET /api/needs/{id}/matches': () => [match], 'POST /api/matches/{id}/dismiss': () => ({}) });
    renderApp('/workspace/needs/n1/matches', { me: enterprise });
    await userEvent.click(await screen.findByTestId('match-dismiss'));
    await userEvent.selectOptions(screen.getByTestId('dismiss-reason'), 'NotOurField');
    await userEvent.click(screen.getByTestId('dismiss-confirm'));
    await waitFor(() => expect(api.calls.find((c) => c.url.pathname === '/api/matches/p1/dismiss')?.body).toEqual({ reason: 'NotOurField', text: null }));
  });

  it('shows a deal under way on its proposal instead of the interest, dismiss and open-deal actions', async () => {
    mockApi({
      'GET /api/needs/{id}': () => need(),
      'GET /api/needs/{id}/matches': () => [{ ...match, deal: { id: 'd1', stage: 'Negotiating' } }, { ...match, proposalId: 'p2', deal: { id: null, stage: 'Proposed' } }, { ...match, proposalId: 'p3' }],
    });
    renderApp('/workspace/needs/n1/matches', { me: enterprise });
    const [brokered, hidden, free] = await screen.findAllByTestId('match-item');
    expect(within(brokered).getByTestId('match-deal')).toHaveTextContent('对接项目进行中：洽谈中');
    expect(within(brokered).getByTestId('match-deal-link')).toHaveAttribute('href', '/workspace/deal/d1');
    expect(within(brokered).queryByTestId('match-dismiss')).toBeNull();
    expect(within(brokered).queryByTestId('express-interest')).toBeNull();
    // a deal the reader may not open: said, not linked
    expect(within(hidden).getByTestId('match-deal')).toHaveTextContent('对接项目进行中：已推荐');
    expect(within(hidden).queryByTestId('match-deal-link')).toBeNull();
    expect(within(hidden).queryByTestId('match-dismiss')).toBeNull();
    // the proposal without a deal keeps its actions
    expect(within(free).queryByTestId('match-deal')).toBeNull();
    expect(within(free).getByTestId('match-dismiss')).toBeInTheDocument();
    expect(within(free).getByTestId('express-interest')).toBeInTheDocument();
  });

  it('moves a deal and, on a 409, reloads the board and says why', async () => {
    const deal = { id: 'd1', title: '燃料电池 ⇄ 氢能重卡', stage: 'Contacted', nextStep: null, nextStepOn: null, proposedAt: '2026-11-01T00:00:00Z', updatedAt: '2026-11-20T00:00:00Z', version: 3 };
    let loads = 0;
    const api = mockApi({
      'GET /api/deals/workbench': () => { loads++; return { stages: [{ stage: 'Contacted', count: 1, deals: [deal] }], overdue: [], averageDaysToFirstContact: 2.5, averageDaysToSigning: null, signed: 0, closed: 0 }; },
      'POST /api/deals/{id}/stage': () => json({ title: 'Conflict', status: 409, code: 'stale_version', detail: 'changed' }, 409),
    });
    renderApp('/workspace/deals', { me: manager });
    for (const s of ['Proposed', 'Contacted', 'Negotiating', 'Signed', 'Closed']) expect(await screen.findByTestId(`deals-column-${s}`)).toBeInTheDocument();
    const card = await within(screen.getByTestId('deals-column-Contacted')).findByTestId('deal-card');
    await userEvent.click(within(card).getByTestId('deal-move-next'));
    expect(await screen.findByTestId('deals-notice')).toHaveTextContent('看板已重新加载');
    expect(api.calls.find((c) => c.method === 'POST')!.body).toMatchObject({ stage: 'Negotiating', version: 3 });
    await waitFor(() => expect(loads).toBe(2));
  });

  it('lists the deals waiting for a manager and takes one onto my board', async () => {
    const waiting = { id: 'd9', title: '激光熔覆 ⇄ 轧辊修复', stage: 'Proposed', nextStep: null, nextStepOn: null, proposedAt: '2026-11-20T00:00:00Z', updatedAt: '2026-11-20T00:00:00Z', version: 2 };
    let taken = false;
    const api = mockApi({
      'GET /api/deals/workbench': () => ({
        stages: [{ stage: 'Proposed', count: taken ? 1 : 0, deals: taken ? [waiting] : [] }], overdue: [], averageDaysToFirstContact: null,
        averageDaysToSigning: null, signed: 0, closed: 0, unassigned: taken ? [] : [waiting],
      }),
      'POST /api/deals/{id}/assign': () => { taken = true; return {}; },
    });
    renderApp('/workspace/deals', { me: manager });
    const row = await within(await screen.findByTestId('deals-unassigned')).findByTestId('unassigned-deal');
    await userEvent.click(within(row).getByTestId('deal-take'));
    expect(api.calls.find((c) => c.method === 'POST')!.body).toEqual({ managerUserId: 'u3', version: 2 });
    expect(await within(screen.getByTestId('deals-column-Proposed')).findByTestId('deal-card')).toHaveTextContent('激光熔覆');
    await waitFor(() => expect(screen.queryByTestId('deals-unassigned')).not.toBeInTheDocument());
    expect(screen.getByTestId('deals-notice')).toHaveTextContent('已认领');
  });

  it('does not offer to record a contract twice for a deal that has one', async () => {
    const deal = { id: 'd1', title: '燃料电池 ⇄ 氢能重卡', stage: 'Signed', nextStep: null, nextStepOn: null, proposedAt: '2026-11-01T00:00:00Z', updatedAt: '2026-11-20T00:00:00Z', version: 5 };
    mockApi({
      'GET /api/deals/workbench': () => ({ stages: [{ stage: 'Signed', count: 1, deals: [deal] }], overdue: [], averageDaysToFirstContact: null, averageDaysToSigning: null, signed: 1, closed: 0, unassigned: [] }),
      'GET /api/deals/{id}': () => ({ ...deal, seller: { id: 's', nameZh: '大连理工大学', regionCode: '210211' }, buyer: { id: 'b', nameZh: '大连某公司', regionCode: '210211' }, closeReason: null, timeline: [], signedAt: '2026-11-20T00:00:00Z', contractId: 'c1' }),
    });
    renderApp('/workspace/deals?deal=d1', { me: manager });
    const dialog = await screen.findByTestId('deal-dialog');
    expect(await within(dialog).findByTestId('deal-contract-recorded')).toBeInTheDocument();
    expect(within(dialog).queryByTestId('deal-record-contract')).not.toBeInTheDocument();
  });

  it('lists the technology managers waiting for verification and verifies one', async () => {
    const pending = { userId: 'm1', displayName: '王经理', organisationId: null, bio: '', certificationNumber: 'JSJLR-2023-0012', certificationLevel: 'Intermediate',
      issuingBody: '中国科学技术交流中心', certificationExpiresOn: '2030-12-31', verification: 'Pending', certificationValid: false, verifiedAt: null, version: 4 };
    let verified = false;
    const api = mockApi({
      'GET /api/organisations': () => page([]),
      'GET /api/technology-managers': (u) => (u.searchParams.get('verification') === 'Pending' && !verified ? [pending] : []),
      'POST /api/technology-managers/{userId}/verification': () => { verified = true; return { ...pending, verification: 'Verified' }; },
    });
    renderApp('/admin?tab=managers', { me: admin });
    const card = await within(await screen.findByTestId('managers')).findByTestId('manager-card');
    expect(card).toHaveTextContent('JSJLR-2023-0012');
    await userEvent.click(within(card).getByTestId('manager-verify'));
    expect(api.calls.find((c) => c.method === 'POST')!.body).toEqual({ status: 'Verified', version: 4, reason: null });
    expect(await screen.findByTestId('managers-empty')).toBeInTheDocument();
  });

  it('shows the bureau dashboard tables from the indicator endpoints', async () => {
    const figures = (p: number, l: number, a: number, la: number) => ({ projects: p, localProjects: l, countRatePct: (l / p) * 100, amount: a, localAmount: la, amountRatePct: (la / a) * 100 });
    mockApi({
      'GET /api/indicators/localization': () => ({
        year: 2023, previousYear: 2022, categories: [],
        rows: [{ institution: { id: 'i1', nameZh: '大连理工大学', nameEn: 'Dalian University of Technology' }, previous: figures(10, 4, 1e7, 3e6), current: figures(20, 9, 2e7, 7e6) }],
        previousTotal: figures(10, 4, 1e7, 3e6), total: figures(20, 9, 2e7, 7e6),
      }),
    });
    renderApp('/workspace/indicators?year=2023&tab=localization', { me: bureau });
    expect(await screen.findByTestId('indicator-localization-countRate')).toHaveTextContent('45.0%');
    expect(screen.getByTestId('indicator-localization-amountRate')).toHaveTextContent('35.0%');
    const table = screen.getByTestId('table-localization');
    expect(table).toHaveTextContent('大连理工大学');
    expect(table).toHaveTextContent('2,000.0');
    expect(table).toHaveTextContent('+5.0个百分点');
  });

  it('lists notifications in the UI language with links into the app', async () => {
    const api = mockApi({
      'GET /api/notifications/groups': () => ({ items: [
        group('x1', 'MatchProposed', { achievementTitle: '燃料电池电堆', needTitle: '氢能重卡', score: 0.82 }, '/needs/n1/matches', '2026-11-27T09:00:00Z', 1, 1),
        group('x2', 'ContractRecorded', { year: 2026, isLocal: true }, '/contracts/c1', '2026-11-27T08:00:00Z', 1, 0),
      ], page: 1, pageSize: 50, total: 2, unread: 1, unreadGroups: 1 }),
      'POST /api/notifications/read-all': () => ({ unread: 0, unreadGroups: 0 }),
    });
    renderApp('/notifications', { me: enterprise });
    const rows = await screen.findAllByTestId('notification-group');
    expect(rows[0]).toHaveTextContent('新的匹配推荐：燃料电池电堆 ⇄ 氢能重卡（匹配度 82%）');
    expect(within(rows[0]).getByRole('link')).toHaveAttribute('href', '/workspace/needs/n1/matches');
    expect(rows[1]).toHaveTextContent('技术合同已登记（2026年，本地）');
    await userEvent.click(screen.getByTestId('notifications-read-all'));
    await waitFor(() => expect(screen.queryByTestId('notifications-unread')).toBeNull());
    expect(api.calls.some((c) => c.url.pathname === '/api/notifications/read-all')).toBe(true);
  });

  it('shows the proposals of a need as one row that expands to its items and is read as a whole', async () => {
    const items = [3, 2, 1].map((i) => ({
      id: `m${i}`, kind: 'MatchProposed', data: JSON.stringify({ achievementTitle: `成果${i}`, needTitle: '氢能重卡', score: 0.5 + i / 10 }),
      link: '/needs/n1/matches', createdAt: `2026-11-27T09:0${i}:00Z`, readAt: null,
    }));
    const api = mockApi({
      'GET /api/notifications/groups': () => ({ items: [group('m3', 'MatchProposed', { achievementTitle: '成果3', needTitle: '氢能重卡', score: 0.8 }, '/needs/n1/matches', '2026-11-27T09:03:00Z', 3, 3)],
        page: 1, pageSize: 50, total: 1, unread: 3, unreadGroups: 1 }),
      'GET /api/notifications/{id}/group': () => items,
      'POST /api/notifications/{id}/read-group': () => ({ unread: 0, unreadGroups: 0 }),
    });
    renderApp('/notifications', { me: enterprise });
    const row = await screen.findByTestId('notification-group');
    expect(row).toHaveTextContent('3 条新推荐：氢能重卡');
    expect(row).toHaveTextContent('3 条未读');
    expect(screen.getByTestId('notifications-summary')).toHaveTextContent('3 条未读，共 1 项');
    expect(screen.getByTestId('notifications-badge')).toHaveAccessibleName('通知：1 项未读');
    await userEvent.click(within(row).getByTestId('notification-group-expand'));
    const listed = await within(row).findAllByTestId('notification-item');
    expect(listed.map((x) => x.textContent)).toEqual([expect.stringContaining('成果3'), expect.stringContaining('成果2'), expect.stringContaining('成果1')]);
    expect(within(row).getByTestId('notification-group-expand')).toHaveAttribute('aria-expanded', 'true');
    await userEvent.click(within(row).getByTestId('notification-group-read'));
    await waitFor(() => expect(screen.queryByTestId('notifications-unread')).toBeNull());
    expect(api.calls.some((c) => c.url.pathname === '/api/notifications/m3/read-group')).toBe(true);
    expect(within(row).queryByTestId('notification-group-read')).toBeNull();
  });

  it('counts unread rows in the badge', async () => {
    mockApi({
      'GET /api/notifications/groups': () => ({ items: [
        group('x1', 'MatchProposed', {}, null, '2026-11-27T09:00:00Z', 4, 4),
        group('x2', 'MatchProposed', {}, null, '2026-11-26T08:00:00Z', 1, 0),
      ], page: 1, pageSize: 50, total: 2, unread: 4, unreadGroups: 1 }),
      'GET /api/needs': () => page([]), 'GET /api/achievements': () => page([]), 'GET /api/organisations': () => page([]),
    });
    await act(async () => { renderApp('/', { me: enterprise }); });
    expect(await screen.findByTestId('notifications-unread')).toHaveTextContent('1');
    expect(screen.getByTestId('notifications-badge')).toHaveAccessibleName('通知：1 项未读');
  });
});

/** A notification row as the server groups it (kind, subject, day); its id is its newest item's. */
function group(id: string, kind: string, d: object, link: string | null, createdAt: string, count: number, unread: number) {
  return {
    id, kind, link, day: createdAt.slice(0, 10) + 'T00:00:00Z', count, unread,
    latest: { id, kind, data: JSON.stringify(d), link, createdAt, readAt: unread ? null : createdAt },
  };
}
