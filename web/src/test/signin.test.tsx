import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { json, mockApi, renderApp, researcher } from './utils';
import { achievement, page } from './fixtures';

describe('sign in', () => {
  it('explains a failed sign-in by its code next to the form', async () => {
    mockApi({
      'POST /api/auth/login': () => json({ title: 'Unauthorized', status: 401, detail: 'Email or password is incorrect.', code: 'invalid_credentials' }, 401),
    });
    renderApp('/login');
    const form = await screen.findByTestId('login-form');
    await userEvent.type(within(form).getByLabelText('邮箱'), 'researcher@demo.techtransfer.local');
    await userEvent.type(within(form).getByLabelText('密码'), 'wrong');
    await userEvent.click(screen.getByTestId('login-submit'));
    const error = await screen.findByTestId('login-error');
    expect(error).toHaveTextContent('邮箱或密码不正确。');
    expect(error).toHaveAttribute('data-code', 'invalid_credentials');
  });

  it('shows the demo password only when the server gives it, and the trace id only behind details', async () => {
    mockApi({
      'GET /api/portal': () => ({ operator: '大连市科学技术局', contactEmail: 'help@example.cn', contactPhone: null, filingNumber: '辽ICP备12345678号', publicSecurityFilingNumber: null, demoPassword: null }),
      'POST /api/auth/login': () => json({ title: '未登录', status: 500, detail: '服务器出错。', traceId: '00-abc-01' }, 500),
    });
    renderApp('/login');
    await screen.findByTestId('login-form');
    expect(await screen.findByTestId('footer-operator')).toHaveTextContent('主办单位：大连市科学技术局');
    expect(screen.getByTestId('footer-filing')).toHaveTextContent('辽ICP备12345678号');
    expect(screen.getByTestId('footer-contact')).toHaveTextContent('help@example.cn');
    expect(screen.queryByTestId('login-demo-hint')).toBeNull();
    await userEvent.type(screen.getByTestId('login-email'), 'a@b.cn');
    await userEvent.type(screen.getByTestId('login-password'), 'x');
    await userEvent.click(screen.getByTestId('login-submit'));
    const error = await screen.findByTestId('login-error');
    const details = error.querySelector('details')!;
    expect(details).not.toHaveAttribute('open');
    expect(within(details).getByText('技术细节')).toBeInTheDocument();
    expect(details).toHaveTextContent('追踪号：00-abc-01');
  });

  it('shows the demo password the development server gives', async () => {
    mockApi({ 'GET /api/portal': () => ({ operator: null, contactEmail: null, contactPhone: null, filingNumber: null, publicSecurityFilingNumber: null, demoPassword: 'Demo#9' }) });
    renderApp('/login');
    expect(await screen.findByTestId('login-demo-hint')).toHaveTextContent('演示账号密码均为 Demo#9');
    expect(screen.queryByTestId('footer-operator')).toBeNull();
  });

  it('signs in with the cookie and lands in the role workspace', async () => {
    const api = mockApi({
      'POST /api/auth/login': () => undefined,
      'GET /api/auth/me': () => researcher,
      'GET /api/achievements/mine': () => page([achievement({ status: 'Draft' })]),
    });
    renderApp('/login');
    await userEvent.type(await screen.findByTestId('login-email'), 'researcher@demo.techtransfer.local');
    await userEvent.type(screen.getByTestId('login-password'), 'Demo#2026');
    await userEvent.click(screen.getByTestId('login-submit'));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/workspace/achievements'));
    expect(api.calls.find((c) => c.url.pathname === '/api/auth/login')!.url.searchParams.get('useCookies')).toBe('true');
    expect(await screen.findByTestId('mine-results')).toBeInTheDocument();
    expect(screen.getByTestId('current-user')).toHaveTextContent('researcher');
  });

  it('sends visitors of a workspace to sign in', async () => {
    mockApi({});
    renderApp('/workspace/needs', { me: null });
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/login'));
  });
});
