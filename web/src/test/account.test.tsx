import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { json, mockApi, renderApp, researcher, enterprise, admin, bureau } from './utils';
import { account, applicant, contract, deal, page, profile, proposal, session } from './fixtures';

describe('my account', () => {
  it('lists my sessions, marks this one and ends another', async () => {
    let ended = false;
    const api = mockApi({
      'GET /api/auth/me/sessions': () => [
        session({ id: 'here', current: true, userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36' }),
        session({ id: 'phone', userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Version/17.0 Mobile Safari/604.1', revokedAt: ended ? '2026-12-02T00:00:00Z' : null, revokedReason: ended ? 'logout' : null }),
        session({ id: 'old', revokedAt: '2026-11-02T00:00:00Z', revokedReason: 'password_changed' }),
      ],
      'DELETE /api/auth/me/sessions/{id}': () => { ended = true; return undefined; },
      'GET /api/organisations/mine/disclosures': () => page([]),
    });
    renderApp('/account', { me: researcher });
    const list = await screen.findByTestId('sessions-list');
    const rows = within(list).getAllByTestId('session-row');
    expect(rows.map((r) => r.getAttribute('data-id'))).toEqual(['here', 'phone']);
    expect(within(rows[0]).getByTestId('session-current')).toHaveTextContent('当前会话');
    expect(within(rows[0]).queryByTestId('session-end')).toBeNull();
    expect(rows[1]).toHaveTextContent('Safari · iPhone');
    await userEvent.click(within(rows[1]).getByTestId('session-end'));
    expect(await screen.findByTestId('sessions-notice')).toBeInTheDocument();
    expect(api.calls.find((c) => c.method === 'DELETE')!.url.pathname).toBe('/api/auth/me/sessions/phone');
    await waitFor(() => expect(within(screen.getByTestId('sessions-list')).getAllByTestId('session-row')).toHaveLength(1));
    await userEvent.click(screen.getByTestId('sessions-show-ended'));
    expect(within(screen.getByTestId('sessions-list')).getAllByTestId('session-row')).toHaveLength(3);
    expect(screen.getByTestId('sessions-list')).toHaveTextContent('密码已修改');
  });

  it('changes the password and, as every session ended, asks to sign in again', async () => {
    const api = mockApi({ 'GET /api/auth/me/sessions': () => [], 'GET /api/organisations/mine/disclosures': () => page([]), 'POST /api/auth/change-password': () => undefined });
    renderApp('/account', { me: researcher });
    await userEvent.type(await screen.findByTestId('password-current'), 'Demo#2026');
    await userEvent.type(screen.getByTestId('password-new'), 'N3w#Passw0rd!');
    await userEvent.type(screen.getByTestId('password-repeat'), 'N3w#Passw0rd!');
    await userEvent.click(screen.getByTestId('password-submit'));
    expect(await screen.findByTestId('login-notice')).toHaveTextContent('所有登录会话均已退出');
    expect(screen.getByTestId('login-email')).toHaveValue(researcher.email);
    // The sign-in page forgets the user in an effect, one render after it shows.
    await waitFor(() => expect(screen.queryByTestId('current-user')).toBeNull());
    expect(api.calls.find((c) => c.url.pathname === '/api/auth/change-password')!.body).toEqual({ currentPassword: 'Demo#2026', newPassword: 'N3w#Passw0rd!' });
  });

  it('erases the account only with the password and an explicit confirmation', async () => {
    const api = mockApi({
      'GET /api/auth/me/sessions': () => [], 'GET /api/organisations/mine/disclosures': () => page([]),
      'POST /api/auth/me/erase': (_u, init) => (JSON.parse(String(init.body)).password === 'Demo#2026' ? undefined
        : json({ status: 400, title: 'Validation', errors: { password: ['The password is incorrect.'] } }, 400)),
    });
    renderApp('/account', { me: researcher });
    await userEvent.click(await screen.findByTestId('account-erase-open'));
    const submit = screen.getByTestId('erase-submit');
    await userEvent.type(screen.getByTestId('erase-password'), 'wrong');
    expect(submit).toBeDisabled();
    await userEvent.click(screen.getByTestId('erase-confirm'));
    await userEvent.click(submit);
    expect(await screen.findByTestId('field-error-password')).toHaveTextContent('The password is incorrect.');
    await userEvent.clear(screen.getByTestId('erase-password'));
    await userEvent.type(screen.getByTestId('erase-password'), 'Demo#2026');
    await userEvent.click(submit);
    expect(await screen.findByTestId('login-notice')).toHaveTextContent('您的账号已注销');
    expect(api.calls.filter((c) => c.url.pathname === '/api/auth/me/erase')).toHaveLength(2);
  });

  it('downloads my data', async () => {
    const api = mockApi({
      'GET /api/auth/me/sessions': () => [], 'GET /api/organisations/mine/disclosures': () => page([]),
      'GET /api/auth/me/export': () => new Response('{}', { headers: { 'Content-Type': 'application/json', 'Content-Disposition': 'attachment; filename=my-data-20261205.json' } }),
    });
    URL.createObjectURL = vi.fn(() => 'blob:x');
    URL.revokeObjectURL = vi.fn();
    renderApp('/account', { me: researcher });
    await userEvent.click(await screen.findByTestId('account-export'));
    await waitFor(() => expect(api.calls.some((c) => c.url.pathname === '/api/auth/me/export')).toBe(true));
    expect(URL.createObjectURL).toHaveBeenCalled();
  });

  it('lets an applicant state the certification, sent with the profile’s version', async () => {
    let saved: Record<string, unknown> | null = null;
    const api = mockApi({
      'GET /api/auth/me/sessions': () => [],
      'GET /api/technology-managers/{userId}': () => profile(saved ?? {}),
      'PUT /api/technology-managers/me': (_u, init) => { saved = JSON.parse(String(init.body)); return profile({ ...saved, version: 1 }); },
      'GET /api/auth/me': () => applicant,
    });
    renderApp('/account', { me: applicant });
    expect(await screen.findByTestId('manager-status')).toHaveAttribute('data-value', 'Pending');
    expect(screen.getByTestId('manager-powers')).toHaveAttribute('data-value', 'false');
    expect(await screen.findByTestId('manager-needs-certification')).toBeInTheDocument();
    expect(screen.queryByTestId('account-disclosures')).toBeNull();
    await userEvent.type(screen.getByTestId('manager-number'), 'JSJLR-2026-0001');
    await userEvent.selectOptions(screen.getByTestId('manager-level'), 'Intermediate');
    await userEvent.type(screen.getByTestId('manager-issuer'), '大连市科学技术局');
    await userEvent.type(screen.getByTestId('manager-expires'), '2028-12-31');
    await userEvent.click(screen.getByTestId('manager-save'));
    expect(await screen.findByTestId('manager-notice')).toHaveTextContent('管理员或科技局将核验');
    expect(api.calls.find((c) => c.method === 'PUT')!.body).toEqual({
      bio: null, certificationNumber: 'JSJLR-2026-0001', certificationLevel: 'Intermediate', issuingBody: '大连市科学技术局', certificationExpiresOn: '2028-12-31', certificationIssuedOn: null, version: 0,
    });
  });

  it('lets anyone apply as a technology manager from the account page', async () => {
    const api = mockApi({
      'GET /api/auth/me/sessions': () => [], 'GET /api/organisations/mine/disclosures': () => page([]),
      'PUT /api/technology-managers/me': () => profile({ userId: researcher.id, certificationNumber: 'C-1', version: 0 }),
      'GET /api/auth/me': () => researcher,
    });
    renderApp('/account', { me: researcher });
    expect(screen.queryByTestId('manager-form')).toBeNull();
    await userEvent.click(await screen.findByTestId('manager-apply'));
    await userEvent.type(screen.getByTestId('manager-number'), 'C-1');
    await userEvent.click(screen.getByTestId('manager-save'));
    await waitFor(() => expect(api.calls.find((c) => c.method === 'PUT')?.body).toMatchObject({ certificationNumber: 'C-1', version: null }));
  });

  it('shows organisation members who outside saw the confidential details, and why', async () => {
    mockApi({
      'GET /api/auth/me/sessions': () => [],
      'GET /api/organisations/mine/disclosures': () => page([{
        id: 'x1', at: '2026-12-03T06:00:00Z', listingId: 'n1', isAchievement: false, listingTitle: '转炉钢渣稳定化', viewerUserId: 'v1', viewerName: '张研究员',
        viewerOrganisationId: 'org-dut', viewerOrganisationName: '大连理工大学', fields: ['budget', 'contacts'], reason: 'consent', basisId: 'i1',
      }]),
    });
    renderApp('/account', { me: enterprise });
    const row = await screen.findByTestId('disclosure-row');
    expect(row).toHaveTextContent('转炉钢渣稳定化');
    expect(row).toHaveTextContent('张研究员');
    expect(row).toHaveTextContent('大连理工大学');
    expect(row).toHaveTextContent('预算、联系人');
    expect(row).toHaveTextContent('双方已同意');
    expect(within(row).getByRole('link', { name: '转炉钢渣稳定化' })).toHaveAttribute('href', '/needs/n1');
  });

  it('says so when the session ended elsewhere', async () => {
    mockApi({
      'GET /api/contracts/proposals': () => json({ status: 401, title: 'Unauthorized', code: 'session_ended' }, 401),
      'GET /api/auth/me': () => json({ status: 401, title: 'Unauthorized' }, 401),
      'GET /api/notifications/groups': () => json({ status: 401, title: 'Unauthorized' }, 401),
    });
    renderApp('/workspace/contracts', { me: enterprise });
    expect(await screen.findByTestId('login-notice')).toHaveTextContent('登录会话已结束');
    expect(screen.queryByTestId('current-user')).toBeNull();
  });

  it('is linked from the user menu', async () => {
    mockApi({ 'GET /api/achievements/mine': () => page([]) });
    renderApp('/workspace/achievements', { me: researcher });
    await userEvent.click(await screen.findByTestId('current-user'));
    expect(screen.getByTestId('current-user')).toHaveAttribute('aria-expanded', 'true');
    await userEvent.click(screen.getByTestId('nav-account'));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/account'));
    expect(screen.queryByTestId('user-menu')).toBeNull();
  });
});

describe('administration', () => {
  it('finds an account, grants the bureau role and deactivates it with a reason', async () => {
    let current = account();
    const api = mockApi({
      'GET /api/organisations': () => page([]),
      'GET /api/accounts': () => page([current]),
      'GET /api/accounts/{id}': () => ({ account: current, signIns: [session()], audit: [
        { id: 'l1', at: '2026-12-01T00:00:00Z', actorUserId: 'u5', actorName: 'admin', action: 'role.granted', targetType: 'user', targetId: 'a2', details: '{"role":"Reviewer"}', ipAddress: '10.0.0.1' },
      ] }),
      'POST /api/accounts/{id}/roles': (_u, init) => { current = account({ roles: [...current.roles, JSON.parse(String(init.body)).role] }); return current; },
      'POST /api/accounts/{id}/deactivate': () => { current = account({ ...current, deactivatedAt: '2026-12-05T00:00:00Z' }); return current; },
    });
    renderApp('/admin?tab=accounts', { me: admin });
    await userEvent.type(await screen.findByTestId('accounts-search'), 'wang');
    await userEvent.selectOptions(screen.getByTestId('accounts-state'), 'active');
    await userEvent.click(screen.getByTestId('accounts-search-submit'));
    await waitFor(() => {
      const last = api.calls.filter((c) => c.url.pathname === '/api/accounts').at(-1)!;
      expect(last.url.searchParams.get('q')).toBe('wang');
      expect(last.url.searchParams.get('state')).toBe('active');
    });
    await userEvent.click(within(await screen.findByTestId('account-row')).getByTestId('account-open'));
    const detail = await screen.findByTestId('account-detail');
    expect(await within(detail).findByTestId('account-audit-line')).toHaveTextContent('授予角色');
    expect(within(detail).getByTestId('account-audit-line')).toHaveTextContent('角色: 评审专家');
    expect(within(detail).getByTestId('account-signins')).toHaveTextContent('Chrome · Windows');
    await userEvent.click(within(detail).getByTestId('role-grant-BureauAnalyst'));
    expect(await within(detail).findByTestId('account-notice')).toHaveTextContent('已授予“科技局分析员”');
    expect(api.calls.find((c) => c.url.pathname === '/api/accounts/a2/roles')!.body).toEqual({ role: 'BureauAnalyst' });
    await waitFor(() => expect(within(detail).getByTestId('account-role-BureauAnalyst')).toHaveAttribute('data-held', 'true'));

    await userEvent.click(within(detail).getByTestId('account-deactivate'));
    expect(within(detail).getByTestId('deactivate-confirm')).toBeDisabled();
    await userEvent.type(within(detail).getByTestId('deactivate-reason'), '离职');
    await userEvent.click(within(detail).getByTestId('deactivate-confirm'));
    await waitFor(() => expect(within(detail).getByTestId('account-detail-state')).toHaveAttribute('data-value', 'deactivated'));
    expect(api.calls.find((c) => c.url.pathname === '/api/accounts/a2/deactivate')!.body).toEqual({ reason: '离职' });
    expect(within(detail).getByTestId('account-reactivate')).toBeInTheDocument();
  });

  it('asks twice before making someone administrator and shows the server’s refusal', async () => {
    mockApi({
      'GET /api/accounts': () => page([account()]),
      'GET /api/accounts/{id}': () => ({ account: account(), signIns: [], audit: [] }),
      'POST /api/accounts/{id}/roles': () => json({ status: 409, title: 'Conflict', detail: '该账号已拥有此角色。', code: 'role_held' }, 409),
    });
    renderApp('/admin?tab=accounts&account=a2', { me: admin });
    const detail = await screen.findByTestId('account-detail');
    await userEvent.click(await within(detail).findByTestId('role-grant-Administrator'));
    expect(within(detail).getByTestId('role-grant-Administrator')).toHaveTextContent('确定设为管理员？');
    await userEvent.click(within(detail).getByTestId('role-grant-Administrator'));
    expect(await within(detail).findByTestId('account-error')).toHaveTextContent('该账号已拥有此角色。');
  });

  it('rejects a manager application with a reason and revokes a verified manager', async () => {
    const verified = profile({ userId: 'm2', displayName: '李经理', certificationNumber: 'C-2', verification: 'Verified', certificationValid: true, version: 5 });
    const api = mockApi({
      'GET /api/organisations': () => page([]),
      'GET /api/technology-managers': (u) => (u.searchParams.get('verification') === 'Verified' ? [verified] : [profile({ certificationNumber: 'C-1', version: 2 })]),
      'POST /api/technology-managers/{userId}/verification': () => profile(),
    });
    renderApp('/admin?tab=managers', { me: admin });
    const card = await screen.findByTestId('manager-card');
    await userEvent.click(within(card).getByTestId('manager-reject'));
    await userEvent.type(within(card).getByTestId('manager-reason'), '证书编号无法核实');
    await userEvent.click(within(card).getByTestId('manager-decision-confirm'));
    expect(await screen.findByTestId('managers-notice')).toHaveTextContent('已驳回 applicant 的申请');
    expect(api.calls.find((c) => c.url.pathname === '/api/technology-managers/u9/verification')!.body).toEqual({ status: 'Rejected', version: 2, reason: '证书编号无法核实' });

    await userEvent.selectOptions(screen.getByTestId('managers-filter'), 'Verified');
    const vcard = await screen.findByText('李经理').then((el) => el.closest('[data-testid=manager-card]') as HTMLElement);
    expect(within(vcard).queryByTestId('manager-verify')).toBeNull();
    await userEvent.click(within(vcard).getByTestId('manager-revoke'));
    await userEvent.click(within(vcard).getByTestId('manager-decision-confirm'));
    expect(await screen.findByTestId('managers-notice')).toHaveTextContent('已撤销 李经理 的技术经理人认证');
    expect(api.calls.find((c) => c.url.pathname === '/api/technology-managers/m2/verification')!.body).toEqual({ status: 'Rejected', version: 5, reason: null });
  });

  it('filters the audit log and exports it as CSV', async () => {
    const api = mockApi({
      'GET /api/audit': () => page([{ id: 'l1', at: '2026-12-01T00:00:00Z', actorUserId: 'u5', actorName: 'admin', action: 'account.deactivated', targetType: 'user', targetId: 'a2', details: '{"reason":"离职"}', ipAddress: '10.0.0.1' }]),
      'GET /api/audit/export': () => new Response('x', { headers: { 'Content-Disposition': 'attachment; filename=audit.csv' } }),
    });
    URL.createObjectURL = vi.fn(() => 'blob:x');
    URL.revokeObjectURL = vi.fn();
    renderApp('/admin?tab=audit', { me: admin });
    const row = await screen.findByTestId('audit-row');
    expect(row).toHaveTextContent('停用账号');
    expect(row).toHaveTextContent('原因: 离职');
    await userEvent.selectOptions(screen.getByTestId('audit-action'), 'account.deactivated');
    await userEvent.type(screen.getByTestId('audit-from'), '2026-12-01');
    await userEvent.click(screen.getByTestId('audit-apply'));
    await waitFor(() => {
      const last = api.calls.filter((c) => c.url.pathname === '/api/audit').at(-1)!;
      expect(last.url.searchParams.get('action')).toBe('account.deactivated');
      expect(last.url.searchParams.get('from')).toBe('2026-12-01');
    });
    await userEvent.click(screen.getByTestId('audit-export-csv'));
    await waitFor(() => {
      const exp = api.calls.find((c) => c.url.pathname === '/api/audit/export')!;
      expect(exp.url.searchParams.get('format')).toBe('csv');
      expect(exp.url.searchParams.get('action')).toBe('account.deactivated');
    });
  });

  it('gives the bureau the managers queue and the audit log, not accounts', async () => {
    mockApi({ 'GET /api/technology-managers': () => [], 'GET /api/audit': () => page([]) });
    renderApp('/admin', { me: bureau });
    expect(await screen.findByRole('heading', { level: 1, name: '审核与审计' })).toBeInTheDocument();
    expect(screen.getByTestId('admin-tab-managers')).toHaveAttribute('aria-selected', 'true');
    expect(screen.queryByTestId('admin-tab-accounts')).toBeNull();
    expect(screen.queryByTestId('admin-tab-organisations')).toBeNull();
    expect(await screen.findByTestId('managers-empty')).toBeInTheDocument();
    await userEvent.click(screen.getByTestId('admin-tab-audit'));
    expect(await screen.findByTestId('audit-empty')).toBeInTheDocument();
    expect(screen.getByTestId('nav-admin')).toHaveTextContent('审核与审计');
  });
});

describe('contract proposals of deal parties', () => {
  it('confirms a contract the other party proposed, with its version', async () => {
    let status = 'Pending';
    const api = mockApi({
      'GET /api/contracts/proposals': () => page([proposal({ status })]),
      'POST /api/contracts/proposals/{id}/confirm': () => { status = 'Confirmed'; return proposal({ status }); },
      'GET /api/notifications/groups': () => ({ items: [], page: 1, pageSize: 50, total: 0, unread: 0, unreadGroups: 0 }),
      'GET /api/deals/{id}': () => deal(),
    });
    renderApp('/workspace/contracts', { me: enterprise });
    const item = await within(await screen.findByTestId('proposals-to-confirm')).findByTestId('proposal-item');
    expect(item).toHaveTextContent('由对方提交');
    expect(within(item).getByTestId('proposal-total')).toHaveTextContent('80万元');
    await userEvent.click(within(item).getByTestId('proposal-confirm'));
    expect(await screen.findByTestId('contracts-notice')).toHaveTextContent('合同已确认并登记');
    expect(api.calls.find((c) => c.url.pathname === '/api/contracts/proposals/cp1/confirm')!.body).toEqual({ version: 1 });
  });

  it('rejects a proposed contract only with a reason', async () => {
    const api = mockApi({
      'GET /api/contracts/proposals': () => page([proposal()]),
      'POST /api/contracts/proposals/{id}/reject': () => proposal({ status: 'Rejected' }),
      'GET /api/notifications/groups': () => ({ items: [], page: 1, pageSize: 50, total: 0, unread: 0, unreadGroups: 0 }),
      'GET /api/deals/{id}': () => deal(),
    });
    renderApp('/workspace/contracts', { me: enterprise });
    await userEvent.click(await screen.findByTestId('proposal-reject'));
    expect(screen.getByTestId('proposal-reject-confirm')).toBeDisabled();
    await userEvent.type(screen.getByTestId('proposal-reject-reason'), '金额有误');
    await userEvent.click(screen.getByTestId('proposal-reject-confirm'));
    await waitFor(() => expect(api.calls.find((c) => c.url.pathname === '/api/contracts/proposals/cp1/reject')?.body).toEqual({ version: 1, reason: '金额有误' }));
  });

  it('lists the organisation’s deals and proposes the contract of a signed one, prefilled', async () => {
    let proposed = false;
    const api = mockApi({
      'GET /api/contracts/proposals': () => page(proposed ? [proposal({ proposedByOrganisationId: 'org-dut', confirmingOrganisationId: 'org-ent' })] : []),
      'GET /api/deals/mine': () => {
        const d = deal();
        return page([{ id: d.id, title: d.title, stage: d.stage, seller: d.seller, buyer: d.buyer, managerUserId: d.managerUserId, contractId: null,
          contractAwaitsConfirmation: proposed, proposedAt: d.proposedAt, updatedAt: '2026-12-01T00:00:00Z', version: d.version }]);
      },
      'GET /api/deals/{id}': () => deal(),
      'GET /api/deals/{id}/contract-draft': () => contract,
      'POST /api/deals/{id}/contract-proposal': (_u, init) => { proposed = true; return json(proposal({ contract: JSON.parse(String(init.body)) }), 201); },
    });
    renderApp('/workspace/contracts', { me: researcher });
    const row = await screen.findByTestId('party-deal');
    expect(row).toHaveAttribute('data-stage', 'Signed');
    await userEvent.click(within(row).getByTestId('party-deal-propose'));
    const form = await screen.findByTestId('contract-form');
    expect(within(form).getByTestId('contract-project')).toHaveValue('钢渣稳定化技术转让');
    expect(within(form).getByTestId('contract-total')).toHaveValue('80');
    await userEvent.clear(within(form).getByTestId('contract-total'));
    await userEvent.type(within(form).getByTestId('contract-total'), '90');
    await userEvent.click(within(form).getByTestId('contract-submit'));
    expect(await screen.findByTestId('contract-proposed')).toHaveTextContent('合同已提交');
    expect(api.calls.find((c) => c.url.pathname === '/api/deals/d1/contract-proposal')!.body).toMatchObject({ dealId: 'd1', totalAmount: 900000, projectName: '钢渣稳定化技术转让' });
    expect(await screen.findByTestId('proposal-item')).toHaveAttribute('data-status', 'Pending');
  });

  it('opens the parties’ deal page from a deal notification link', async () => {
    mockApi({ 'GET /api/deals/{id}': () => deal({ stage: 'Negotiating', signedAt: null }), 'GET /api/contracts/proposals': () => page([]) });
    renderApp('/deals/d1', { me: enterprise });
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/workspace/deal/d1'));
    expect(await screen.findByTestId('party-deal-stage')).toHaveAttribute('data-value', 'Negotiating');
    expect(screen.queryByTestId('deal-propose-contract')).toBeNull();
  });
});
