import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockApi, renderApp, researcher, json } from './utils';
import { achievement, need, page } from './fixtures';
import { Highlight, ScoreBar } from '../components/ScoreExplanation';
import { Field } from '../components/ui';

const interest = (over = {}) => ({
  id: 'i1', proposalId: 'p1', achievementId: 'a1', needId: null, direction: 'received',
  from: { organisationId: 'org-ent', name: '大连某机床有限公司', regionCode: '210211', hidden: false },
  to: { organisationId: 'org-dut', name: '大连理工大学', regionCode: '210211', hidden: false },
  message: '希望洽谈', status: 'Pending', declineReason: null, declineText: null, createdAt: '2026-11-27T09:00:00Z', decidedAt: null, version: 2, ...over,
});

describe('interests', () => {
  it('accepts a received interest with its version, then offers to open a deal', async () => {
    let status = 'Pending';
    const api = mockApi({
      'GET /api/interests': () => page([interest({ status })]),
      'GET /api/achievements/{id}': () => achievement(),
      'POST /api/interests/{id}/accept': () => { status = 'Accepted'; return interest({ status }); },
      'POST /api/deals': () => json({ id: 'd1' }, 201),
    });
    renderApp('/workspace/interests', { me: researcher });
    const item = await screen.findByTestId('interest-item');
    expect(await within(item).findByText('车用大功率质子交换膜燃料电池电堆')).toBeInTheDocument();
    expect(item).toHaveTextContent('来自: 大连某机床有限公司');
    await userEvent.click(within(item).getByTestId('interest-accept'));
    expect(await screen.findByTestId('interests-notice')).toHaveTextContent('已同意');
    expect(api.calls.find((c) => c.url.pathname === '/api/interests/i1/accept')!.body).toEqual({ version: 2 });
    await userEvent.click(await screen.findByTestId('interest-open-deal'));
    expect(await screen.findByTestId('interest-deal-opened')).toBeInTheDocument();
    expect(api.calls.find((c) => c.url.pathname === '/api/deals')!.body).toMatchObject({ interestId: 'i1' });
  });

  it('declines with a structured reason', async () => {
    const api = mockApi({
      'GET /api/interests': () => page([interest()]),
      'GET /api/achievements/{id}': () => achievement(),
      'POST /api/interests/{id}/decline': () => interest({ status: 'Declined' }),
    });
    renderApp('/workspace/interests', { me: researcher });
    await userEvent.click(await screen.findByTestId('interest-decline'));
    await userEvent.selectOptions(screen.getByTestId('decline-reason'), 'AlreadyInTalks');
    await userEvent.click(screen.getByTestId('decline-confirm'));
    await waitFor(() => expect(api.calls.find((c) => c.url.pathname === '/api/interests/i1/decline')?.body).toEqual({ reason: 'AlreadyInTalks', text: null, version: 2 }));
  });

  it('expresses interest on a record with a message', async () => {
    const api = mockApi({ 'GET /api/needs/{id}': () => need({ organisation: { ...need().organisation!, id: 'someone-else' } }), 'POST /api/interests': () => json({ id: 'i9' }, 201) });
    renderApp('/needs/n1', { me: researcher });
    await userEvent.click(await screen.findByTestId('express-interest'));
    await userEvent.type(screen.getByTestId('interest-message'), '我们有成熟方案');
    await userEvent.click(screen.getByTestId('interest-submit'));
    expect(await screen.findByTestId('interest-sent')).toBeInTheDocument();
    expect(api.calls.find((c) => c.method === 'POST')!.body).toEqual({ needId: 'n1', message: '我们有成熟方案' });
  });
});

describe('small components', () => {
  it('highlights matched terms, longest first, case-insensitively', () => {
    const { container } = render(<Highlight text="Fuel cell stack 燃料电池电堆" terms={['fuel', '燃料电池', '电池']} />);
    expect(Array.from(container.querySelectorAll('mark')).map((m) => m.textContent)).toEqual(['Fuel', '燃料电池']);
  });

  it('draws the score as points of 100, one colour per part', () => {
    render(<ScoreBar parts={[{ name: 'text', points: 30, max: 60 }, { name: 'budget', points: 5, max: 5 }]} />);
    const bar = screen.getByTestId('score-bar');
    expect(bar).toHaveAccessibleName('文本相似度 30 / 60 分, 预算匹配 5 / 5 分');
    expect((bar.children[0] as HTMLElement).style.width).toBe('30%');
  });

  it('labels a field and ties its API error to the input', () => {
    render(<Field label="标题" name="title" errors={{ title: ['必填'] }}>{(p) => <input {...p} />}</Field>);
    const input = screen.getByLabelText('标题');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription('必填');
  });
});
