import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HostPicker } from '../pages/workspace/HostPicker';
import { mockApi, renderWithRouter } from './utils';
import { page } from './fixtures';

const org = (id: string, nameZh: string) => ({
  id, kind: 'Institution', institutionType: 'University', natureCode: '0221', nameZh, nameEn: null,
  creditCode: null, regionCode: '210211', regionName: '辽宁省大连市甘井子区', industry: null, verification: 'Verified', version: 1,
});

describe('centre host picker', () => {
  it('finds verified organisations by name and hands back the chosen id, not a typed one', async () => {
    const api = mockApi({ 'GET /api/organisations': () => page([org('o1', '大连理工大学'), org('o2', '大连海事大学')]) });
    const onChange = vi.fn();
    renderWithRouter(<HostPicker value="" onChange={onChange} />);
    await userEvent.type(screen.getByTestId('centre-host-search'), '大连');
    const choice = await screen.findByTestId('centre-host-choice');
    const sent = api.calls.find((c) => c.url.pathname === '/api/organisations')!;
    expect(sent.url.searchParams.get('Q')).toBe('大连');
    expect(sent.url.searchParams.get('Verification')).toBe('Verified');
    await userEvent.selectOptions(choice, 'o2');
    expect(onChange).toHaveBeenCalledWith('o2');
  });

  it('says so when no verified organisation has the name', async () => {
    mockApi({ 'GET /api/organisations': () => page([]) });
    renderWithRouter(<HostPicker value="h1" currentName="大连理工大学" onChange={() => {}} />);
    expect(screen.getByTestId('centre-host')).toHaveTextContent('大连理工大学');
    await userEvent.type(screen.getByTestId('centre-host-search'), '没有');
    await waitFor(() => expect(screen.getByTestId('centre-host')).toHaveTextContent('没有这个名称的已认证单位'));
  });
});
