import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18n from 'i18next';
import { json, mockApi, renderApp, researcher } from './utils';

const groups = () => ({ items: [], page: 1, pageSize: 50, total: 0, unread: 0, unreadGroups: 0 });

describe('e-mail choices per kind', () => {
  it('shows each kind in the app only by default and sends the kinds chosen for e-mail and the digest', async () => {
    const api = mockApi({
      'GET /api/notifications/groups': groups,
      'GET /api/notifications/preferences': () => ({ mutedKinds: [], minMatchScore: 0.3, delivery: 'Instant', channels: [{ kind: 'InterestReceived', channel: 'Email' }] }),
      'PUT /api/notifications/preferences': (_u, init) => JSON.parse(String(init.body)),
    });
    renderApp('/notifications', { me: researcher });
    await userEvent.click(await screen.findByText('提醒设置'));
    const channels = await screen.findByTestId('pref-channels');
    expect(within(channels).getByText('邮件提醒（按类型）')).toBeInTheDocument();
    expect(screen.getByTestId('pref-channel-InterestReceived')).toHaveValue('Email');
    expect(screen.getByTestId('pref-channel-MatchProposed')).toHaveValue('InApp');
    expect(screen.queryByTestId('pref-channel-Digest')).toBeNull();
    expect(within(screen.getByTestId('pref-channel-MatchProposed')).getAllByRole('option').map((o) => o.textContent)).toEqual(['仅站内', '立即发邮件', '每日汇总邮件']);

    await userEvent.selectOptions(screen.getByTestId('pref-channel-MatchProposed'), 'Digest');
    await userEvent.selectOptions(screen.getByTestId('pref-channel-InterestReceived'), 'InApp');
    await userEvent.selectOptions(screen.getByTestId('pref-channel-DealStageChanged'), 'Email');
    await userEvent.click(screen.getByTestId('pref-save'));
    await waitFor(() => expect(api.calls.find((c) => c.method === 'PUT')).toBeDefined());
    expect(api.calls.find((c) => c.method === 'PUT')!.body).toEqual({
      mutedKinds: [], minMatchScore: 0.3, delivery: 'Instant',
      channels: [{ kind: 'MatchProposed', channel: 'Digest' }, { kind: 'DealStageChanged', channel: 'Email' }],
    });
  });

  it('reads the choices in English', async () => {
    await i18n.changeLanguage('en');
    mockApi({
      'GET /api/notifications/groups': groups,
      'GET /api/notifications/preferences': () => ({ mutedKinds: [], minMatchScore: 0, delivery: 'Instant', channels: [] }),
    });
    renderApp('/notifications', { me: researcher });
    await userEvent.click(await screen.findByText('Alert settings'));
    expect(await screen.findByText('E-mail alerts (per kind)')).toBeInTheDocument();
    expect(within(screen.getByTestId('pref-channel-MatchProposed')).getAllByRole('option').map((o) => o.textContent))
      .toEqual(['In the app only', 'E-mail at once', 'In the daily digest e-mail']);
  });
});

describe('unsubscribe page', () => {
  it('unsubscribes with the token of the link, without signing in, and says which kind', async () => {
    const api = mockApi({ 'POST /api/notifications/unsubscribe': () => ({ kind: 'MatchProposed' }) });
    renderApp('/unsubscribe?token=abc-123_x');
    expect(await screen.findByTestId('unsubscribe-done')).toHaveTextContent('已退订“新的匹配推荐”邮件，今后这类通知只在站内显示。');
    const call = api.calls.find((c) => c.url.pathname === '/api/notifications/unsubscribe')!;
    expect(call.url.searchParams.get('token')).toBe('abc-123_x');
    expect(api.calls.filter((c) => c.url.pathname === '/api/notifications/unsubscribe')).toHaveLength(1);
  });

  it('names the whole digest e-mail, in English', async () => {
    await i18n.changeLanguage('en');
    mockApi({ 'POST /api/notifications/unsubscribe': () => ({ kind: 'Digest' }) });
    renderApp('/unsubscribe?token=t2');
    expect(await screen.findByTestId('unsubscribe-done')).toHaveTextContent('You will no longer get e-mails about “Daily digest summary”');
  });

  it('says so when the link was altered', async () => {
    mockApi({ 'POST /api/notifications/unsubscribe': () => json({ status: 400, title: 'Bad Request', errors: { token: ['退订链接无效。'] } }, 400) });
    renderApp('/unsubscribe?token=altered');
    expect(await screen.findByTestId('unsubscribe-invalid')).toHaveTextContent('退订链接无效或已被改动。');
  });
});
