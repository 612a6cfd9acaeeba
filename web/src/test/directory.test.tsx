import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { json, manager, mockApi, renderApp } from './utils';
import { page } from './fixtures';

const firm = {
  organisationId: 'i1', nameZh: '大连星火技术转移服务有限公司', nameEn: 'Dalian Xinghuo Technology Transfer Services', regionCode: '210211', regionName: '辽宁省大连市甘井子区',
  verified: true, services: ['TechnologyEvaluation', 'ContractRegistration'], description: '技术转移全流程服务', version: 1,
};
const person = {
  userId: 'm1', displayName: '王经理', organisationId: 'i1', organisationNameZh: firm.nameZh, organisationNameEn: firm.nameEn, bio: '专注先进制造',
  certificationNumber: 'JSJLR-1', certificationLevel: 'Intermediate', issuingBody: '大连市科学技术局', certificationExpiresOn: '2028-12-01',
  verification: 'Verified', certificationValid: true, verifiedAt: '2026-01-01T00:00:00Z', version: 1,
};

describe('the public directory of intermediaries and technology managers', () => {
  it('lists both for a visitor, filters by service, and reads in English', async () => {
    const api = mockApi({
      'GET /api/intermediaries': (u) => (u.searchParams.get('service') === 'LegalAdvice' ? [] : [firm]),
      'GET /api/technology-managers': () => [person],
    });
    renderApp('/');
    await userEvent.click(await screen.findByTestId('nav-directory'));
    const firms = await screen.findByTestId('directory-intermediaries');
    expect(within(firms).getByText(firm.nameZh)).toBeInTheDocument();
    expect(within(firms).getByText('技术合同登记')).toBeInTheDocument();
    const people = screen.getByTestId('directory-managers');
    expect(within(people).getByText(/王经理/)).toBeInTheDocument();
    expect(within(people).getByText('中级', { exact: false })).toBeInTheDocument();
    expect(api.calls.find((c) => c.url.pathname === '/api/technology-managers')?.url.searchParams.get('verification')).toBe('Verified');

    await userEvent.selectOptions(screen.getByTestId('directory-service'), 'LegalAdvice');
    expect(await screen.findByText('暂无提供该服务的机构。')).toBeInTheDocument();
    await userEvent.click(screen.getByTestId('lang-en'));
    expect(await screen.findByText('No intermediary offers this service yet.')).toBeInTheDocument();
    expect(within(screen.getByTestId('directory-managers')).getByText(firm.nameEn)).toBeInTheDocument();
  });

  it("lets an intermediary's member register its services, starting empty when none are stored", async () => {
    const member = { ...manager, organisation: { id: 'i1', nameZh: firm.nameZh, nameEn: firm.nameEn, kind: 'Intermediary' as const, verification: 'Verified' as const } };
    const api = mockApi({
      'GET /api/intermediaries/{id}': () => json({ title: '未找到', status: 404 }, 404),
      'PUT /api/intermediaries/{id}': (_u, init) => ({ ...firm, ...JSON.parse(String(init.body)), version: 0 }),
      'GET /api/organisations': () => page([]),
    });
    renderApp('/workspace/organisation', { me: member });
    const form = await screen.findByTestId('intermediary-services-form');
    await userEvent.click(within(form).getByTestId('service-AssetValuation'));
    await userEvent.type(within(form).getByLabelText('机构简介'), '无形资产评估');
    await userEvent.click(within(form).getByTestId('intermediary-services-save'));
    expect(await within(form).findByText('已保存。')).toBeInTheDocument();
    expect(api.calls.find((c) => c.method === 'PUT')?.body).toEqual({ services: ['AssetValuation'], description: '无形资产评估', version: null });
  });
});
