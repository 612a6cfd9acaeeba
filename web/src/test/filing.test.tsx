import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { json, manager, mockApi, renderApp } from './utils';

const member = { ...manager, organisation: { id: 'i1', nameZh: '大连星火技术转移服务有限公司', nameEn: 'Xinghuo', kind: 'Intermediary' as const, verification: 'Verified' as const } };
const filing = (over: Record<string, unknown> = {}) => ({
  id: 'f1', organisationId: 'i1', organisationNameZh: member.organisation.nameZh, organisationNameEn: 'Xinghuo', state: 'Draft', filed: false, expired: false,
  services: ['ContractRegistration'], staff: [{ name: '李明', role: '技术经理人', credential: null }], credentials: [], contactName: '李明', contactPhone: '0411-84700000',
  contactEmail: 'a@b.cn', submittedAt: null, returnReason: null, filingNumber: null, filedOn: null, expiresOn: null, reviewedOn: null, revocationReason: null, version: 0,
  ...over,
});

describe('intermediary filing', () => {
  it('lets a member draft the filing, names the fields the server refuses, and shows a returned filing with its reasons', async () => {
    let drafts = 0;
    const api = mockApi({
      'GET /api/intermediary-filings': () => (drafts === 0 ? [] : [filing({ state: 'Returned', returnReason: '缺少许可证' })]),
      'POST /api/intermediaries/{id}/filings': (_u, init) => {
        const body = JSON.parse(String(init.body));
        if (!body.contactEmail) return json({ title: '验证失败', status: 400, errors: { contactEmail: ['请填写电子邮箱。'] } }, 400);
        drafts++;
        return json(filing(body), 201);
      },
    });
    renderApp('/workspace/filing', { me: member });
    const form = await screen.findByTestId('filing-form');
    await userEvent.click(within(form).getByTestId('filing-service-ContractRegistration'));
    await userEvent.type(within(form).getByTestId('filing-staff-name-0'), '李明');
    await userEvent.type(within(form).getByTestId('filing-staff-role-0'), '技术经理人');
    await userEvent.type(within(form).getByTestId('filing-contact-name'), '李明');
    await userEvent.type(within(form).getByTestId('filing-contact-phone'), '0411-84700000');
    await userEvent.click(within(form).getByTestId('filing-save'));
    expect(await within(form).findByText('请填写电子邮箱。')).toBeInTheDocument();
    await userEvent.type(within(form).getByTestId('filing-contact-email'), 'a@b.cn');
    await userEvent.click(within(form).getByTestId('filing-save'));
    expect(await screen.findByTestId('filing-return-reason')).toHaveTextContent('缺少许可证');
    const sent = api.calls.filter((c) => c.method === 'POST').at(-1)?.body as Record<string, unknown>;
    expect(sent).toMatchObject({ services: ['ContractRegistration'], staff: [{ name: '李明', role: '技术经理人' }], contactEmail: 'a@b.cn' });
    await userEvent.click(screen.getByTestId('lang-en'));
    expect(await screen.findByText('Returned')).toBeInTheDocument();
  });
});
