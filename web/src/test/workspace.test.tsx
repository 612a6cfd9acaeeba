import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockApi, renderApp, researcher, json } from './utils';
import { achievement, need, page } from './fixtures';
import { Highlight, ScoreBar, ScoreExplanation } from '../components/ScoreExplanation';
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
    render(<ScoreBar parts={[{ name: 'text', points: 30, max: 60, min: 0 }, { name: 'budget', points: 5, max: 5, min: 0 }]} />);
    const bar = screen.getByTestId('score-bar');
    expect(bar).toHaveAccessibleName('文本相似度 30 / 60 分, 预算匹配 5 / 5 分');
    expect((bar.children[0] as HTMLElement).style.width).toBe('30%');
  });

  it("draws a trained ranker's negative parts as a stretch taken off the end, the solid parts ending at the score", () => {
    // 31 + 20 + 9 = 60 gained, 6 taken off: a score of 54
    const parts = [
      { name: 'bias', points: 31, max: 31, min: 31 }, { name: 'text', points: 20, max: 24, min: -5 },
      { name: 'rareTerms', points: -5, max: 11, min: -6 }, { name: 'candidateLength', points: -1, max: 3, min: -2 }, { name: 'field', points: 9, max: 9, min: -4 },
    ];
    render(<ScoreBar parts={parts} />);
    const bar = screen.getByTestId('score-bar');
    expect(Array.from(bar.children).filter((c) => !c.classList.contains('deduction')).map((c) => (c as HTMLElement).style.width)).toEqual(['31%', '20%', '9%']);
    const cut = screen.getByTestId('score-deduction');
    expect(cut.style.left).toBe('54%');
    expect(cut.style.width).toBe('6%');
    expect(cut).toHaveAttribute('title', '拉低得分：共有的稀有词 -5, 对方篇幅 -1');
  });

  it('lists a negative part hatched, as a share of the most it can take off, and says it lowers the score', () => {
    const parts = [{ name: 'bias', points: 31, max: 31, min: 31 }, { name: 'rareTerms', points: -3, max: 11, min: -6 }];
    render(<ScoreExplanation points={28} parts={parts} explanation={{ components: [], matchedTerms: [] }} keyTerms={[]} />);
    const rows = screen.getAllByTestId('score-component');
    expect(rows[1]).toHaveClass('lowers');
    const meter = within(rows[1]).getByRole('meter');
    expect(meter).toHaveAccessibleName('共有的稀有词: -3 分，拉低得分（此项可得 -6 至 11 分）');
    expect(meter).toHaveAttribute('aria-valuemin', '-6');
    const fill = meter.firstElementChild as HTMLElement;
    expect(fill).toHaveClass('negative');
    expect(fill.style.width).toBe('50%');
  });

  it('labels a field and ties its API error to the input', () => {
    render(<Field label="标题" name="title" errors={{ title: ['必填'] }}>{(p) => <input {...p} />}</Field>);
    const input = screen.getByLabelText('标题');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription('必填');
  });
});
