import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { enterprise, manager, mockApi, renderApp, researcher } from './utils';
import { achievement, page } from './fixtures';

const emptyBoard = { stages: [], overdue: [], averageDaysToFirstContact: null, averageDaysToSigning: null, signed: 0, closed: 0, unassigned: [] };

describe('next steps instead of dead ends', () => {
  it('tells an anonymous visitor on a record that signing in lets them express interest, and signs in from there', async () => {
    mockApi({ 'GET /api/achievements/{id}': () => achievement() });
    renderApp('/achievements/a1');
    const hint = await screen.findByTestId('record-sign-in');
    expect(hint).toHaveTextContent('登录后即可向对方表达合作意向。');
    expect(screen.queryByTestId('express-interest')).not.toBeInTheDocument();
    await userEvent.click(screen.getByTestId('lang-en'));
    expect(await screen.findByText(/Sign in to express interest to the other side\./)).toBeInTheDocument();
    await userEvent.click(within(hint).getByTestId('record-sign-in-link'));
    expect(screen.getByTestId('location')).toHaveTextContent('/login');
    expect(await screen.findByTestId('login-form')).toBeInTheDocument();
  });

  it('shows no sign-in hint to a signed-in member, who gets the interest button instead', async () => {
    mockApi({ 'GET /api/achievements/{id}': () => achievement({ organisation: { ...achievement().organisation!, id: 'someone-else' } }) });
    renderApp('/achievements/a1', { me: enterprise });
    expect(await screen.findByTestId('express-interest')).toBeInTheDocument();
    expect(screen.queryByTestId('record-sign-in')).not.toBeInTheDocument();
  });

  it('says on an empty interests page where interests come from, for each side, in both languages', async () => {
    mockApi({ 'GET /api/interests': () => page([]) });
    const { unmount } = renderApp('/workspace/interests', { me: researcher });
    const empty = await screen.findByTestId('interests-empty');
    expect(empty).toHaveTextContent('暂无意向。');
    expect(within(empty).getByTestId('interests-empty-catalogue')).toHaveAttribute('href', '/needs');
    expect(within(empty).getByTestId('interests-empty-proposals')).toHaveAttribute('href', '/workspace/achievements');
    await userEvent.click(screen.getByTestId('lang-en'));
    expect(await screen.findByText("Browse the firms' needs")).toBeInTheDocument();
    unmount();

    renderApp('/workspace/interests', { me: enterprise });
    const firm = await screen.findByTestId('interests-empty');
    expect(within(firm).getByTestId('interests-empty-catalogue')).toHaveAttribute('href', '/achievements');
    expect(within(firm).getByTestId('interests-empty-proposals')).toHaveAttribute('href', '/workspace/needs');
  });

  it("says on the manager's empty deal board where deals come from, with the way to the proposals", async () => {
    mockApi({ 'GET /api/deals/workbench': () => emptyBoard });
    renderApp('/workspace/deals', { me: manager });
    const empty = await screen.findByTestId('deals-empty');
    expect(empty).toHaveTextContent('暂无对接项目。');
    expect(within(empty).getByTestId('deals-empty-proposals')).toHaveAttribute('href', '/needs');
    await userEvent.click(screen.getByTestId('lang-en'));
    expect(await screen.findByText(/No deals yet\. A deal starts when both sides accept an interest/)).toBeInTheDocument();
  });

  it('shows no empty-board hint when the manager has deals', async () => {
    const deal = { id: 'd1', title: 'Deal', stage: 'Contacted', nextStep: null, nextStepOn: null, proposedAt: '2026-12-01T00:00:00Z', updatedAt: '2026-12-01T00:00:00Z', version: 1 };
    mockApi({ 'GET /api/deals/workbench': () => ({ ...emptyBoard, stages: [{ stage: 'Contacted', count: 1, deals: [deal] }] }) });
    renderApp('/workspace/deals', { me: manager });
    expect(await screen.findByText('Deal')).toBeInTheDocument();
    expect(screen.queryByTestId('deals-empty')).not.toBeInTheDocument();
  });
});
