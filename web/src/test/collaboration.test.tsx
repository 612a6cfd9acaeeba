import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockApi, renderApp, researcher } from './utils';
import { achievement, page } from './fixtures';

const joint = { id: 'j1', name: '大连理工-某重工联合研发中心', institutionId: 'org-dut', partnerOrganisationIds: ['e1', 'e2'], establishedOn: '2021-05-01', status: 'Active', version: 7 };
const project = {
  id: 'v1', achievementId: 'a1', institutionId: 'org-dut', name: '燃料电池电堆概念验证', kind: 'ConceptValidation', platform: '金普新区概念验证中心',
  trlBefore: 4, trlAfter: null, trlGain: null, stageBefore: 'early', stageAfter: null, startedOn: '2025-03-01', completedOn: null, status: 'Running', version: 2,
};
const enterprises = [
  { id: 'e1', nameZh: '大连某重工', nameEn: 'Dalian Heavy', kind: 'Enterprise', verification: 'Verified', regionCode: '210211', regionName: '大连市甘井子区' },
  { id: 'e2', nameZh: '大连某机床', nameEn: 'Dalian Machine', kind: 'Enterprise', verification: 'Verified', regionCode: '210211', regionName: '大连市甘井子区' },
];

function api() {
  return mockApi({
    'GET /api/collaboration': () => ({ jointInstitutions: [joint], spinOffs: [], validationProjects: [project] }),
    'GET /api/organisations': () => page(enterprises),
    'GET /api/achievements/mine': () => page([achievement({ organisation: { ...achievement().organisation!, id: 'org-dut' } })]),
    'PUT /api/collaboration/joint-institutions/{id}': () => ({ ...joint, status: 'Dissolved', version: 8 }),
    'PUT /api/collaboration/validation-projects/{id}': () => ({ ...project, status: 'Completed', version: 3 }),
  });
}

describe('collaboration records are edited and closed in place', () => {
  it('dissolves a joint R&D institution with its partners and version kept', async () => {
    const calls = api();
    renderApp('/workspace/collaboration', { me: researcher });
    const row = await screen.findByTestId('collab-joint-row');
    await userEvent.click(within(row).getByTestId('collab-close'));
    const form = screen.getByTestId('collab-edit-form');
    expect(within(form).getByLabelText('状态')).toHaveValue('Dissolved');
    await userEvent.click(within(form).getByTestId('collab-save'));
    expect(await screen.findByText('已保存。', { exact: false })).toBeInTheDocument();
    const put = calls.calls.find((c) => c.method === 'PUT');
    expect(put?.url.pathname).toBe('/api/collaboration/joint-institutions/j1');
    expect(put?.body).toEqual({ institution: { name: joint.name, institutionId: 'org-dut', partnerOrganisationIds: ['e1', 'e2'], establishedOn: '2021-05-01', status: 'Dissolved' }, version: 7 });
  });

  it('closes a validation project with the TRL reached and the end date, in English too', async () => {
    const calls = api();
    renderApp('/workspace/collaboration', { me: researcher });
    await userEvent.click(screen.getByTestId('lang-en'));
    const row = await screen.findByTestId('collab-validation-row');
    await userEvent.click(within(row).getByRole('button', { name: 'Close project' }));
    const form = screen.getByTestId('collab-edit-form');
    const trl = within(form).getByLabelText('TRL at the end');
    await userEvent.clear(trl);
    await userEvent.type(trl, '6');
    await userEvent.click(within(form).getByTestId('collab-save'));
    await screen.findByText(/Saved/);
    const body = calls.calls.find((c) => c.method === 'PUT')?.body as { project: { status: string; trlAfter: number; completedOn: string | null }; version: number };
    expect(body.version).toBe(2);
    expect(body.project.status).toBe('Completed');
    expect(body.project.trlAfter).toBe(6);
    expect(body.project.completedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
