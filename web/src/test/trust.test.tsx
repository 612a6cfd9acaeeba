import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18n from 'i18next';
import { json, mockApi, renderApp, researcher } from './utils';
import { applicant, profile } from './fixtures';
import { data, http, SESSION_ENDED_EVENT } from '../api/client';
import { audit, auth } from '../api/endpoints';
import { ApiError, describeError } from '../api/problem';
import { describeUserAgent } from '../lib/useragent';

describe('API client', () => {
  it('names the web client and the language on every call, writes, uploads and downloads included', async () => {
    const api = mockApi({
      'GET /api/auth/me': () => researcher,
      'POST /api/auth/logout': () => undefined,
      'POST /api/contracts/imports': () => ({ rowsRead: 0, rowsValid: 0, rowsRejected: 0, inserted: 0, updated: 0, unchanged: 0, organisationsCreated: 0, written: true, problems: [], problemsTruncated: false, years: [] }),
      'GET /api/audit/export': () => new Response('a,b', { headers: { 'Content-Disposition': 'attachment; filename=audit.csv' } }),
    });
    URL.createObjectURL = vi.fn(() => 'blob:x');
    URL.revokeObjectURL = vi.fn();
    expect(await auth.me()).toEqual(researcher);
    await auth.logout();
    const upload = ({ file }: { file: Blob }) => { const form = new FormData(); form.append('file', file); return form; };
    await data(http.POST('/api/contracts/imports', { body: { file: new Blob(['a,b']) }, bodySerializer: upload }));
    await audit.export({}, 'csv');
    expect(api.calls.map((c) => c.headers.get('X-TTM-Client'))).toEqual(['web', 'web', 'web', 'web']);
    expect(api.calls.map((c) => c.headers.get('Accept-Language'))).toEqual(['zh-CN', 'zh-CN', 'zh-CN', 'zh-CN']);
    expect(api.calls[2].headers.get('Content-Type')).toMatch(/^multipart\/form-data; boundary=/);
    expect(URL.createObjectURL).toHaveBeenCalledTimes(1);
  });

  it('throws ProblemDetails as ApiError and reads the session again on a 401 outside /api/auth/', async () => {
    mockApi({
      'GET /api/deals/workbench': () => json({ status: 401, title: 'Unauthorized', code: 'session_ended' }, 401),
      'GET /api/auth/me': () => json({ status: 401, title: 'Unauthorized' }, 401),
    });
    const ended = vi.fn();
    window.addEventListener(SESSION_ENDED_EVENT, ended);
    try {
      const error = await data(http.GET('/api/deals/workbench')).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).code).toBe('session_ended');
      expect(ended).toHaveBeenCalledTimes(1);
      await expect(auth.me()).rejects.toBeInstanceOf(ApiError);
      expect(ended).toHaveBeenCalledTimes(1);
    } finally { window.removeEventListener(SESSION_ENDED_EVENT, ended); }
  });

  it('shows the server’s 429 text with how long to wait', async () => {
    mockApi({
      'POST /api/auth/login': () => new Response(JSON.stringify({ status: 429, title: 'Too Many Requests', detail: '同一地址请求过多，请一分钟后再试。', code: 'rate_limited' }),
        { status: 429, headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '42' } }),
    });
    renderApp('/login');
    await userEvent.type(await screen.findByTestId('login-email'), 'a@b.c');
    await userEvent.type(screen.getByTestId('login-password'), 'x');
    await userEvent.click(screen.getByTestId('login-submit'));
    expect(await screen.findByTestId('login-error')).toHaveTextContent('同一地址请求过多，请一分钟后再试。 请在 42 秒后重试。');
    const fallback = new ApiError(429, { status: 429, code: 'too_many_attempts' });
    expect(describeError(fallback, i18n.t.bind(i18n))).toBe('请求过于频繁，请稍候再试。');
  });
});

describe('registration and email confirmation', () => {
  it('applies as a technology manager and shows the check-your-mail panel without signing in', async () => {
    const api = mockApi({
      'POST /api/auth/register': () => json({ status: 'confirmation_sent', email: 'li@tests.local' }, 202),
      'POST /api/auth/resend-confirmation': () => json(null, 202),
    });
    renderApp('/register');
    const form = await screen.findByTestId('register-form');
    expect(within(screen.getByTestId('register-role')).getAllByRole('radio')).toHaveLength(3);
    expect(screen.getByTestId('register-role')).toHaveTextContent('须经管理员或科技局核验');
    await userEvent.click(screen.getByTestId('register-role-TechnologyManager'));
    await userEvent.type(within(form).getByLabelText('姓名'), '李经理');
    await userEvent.type(within(form).getByLabelText('邮箱'), 'li@tests.local');
    await userEvent.type(within(form).getByLabelText('密码'), 'Str0ng#Passw0rd');
    await userEvent.click(screen.getByTestId('register-submit'));
    const done = await screen.findByTestId('register-done');
    expect(done).toHaveTextContent('li@tests.local');
    expect(done).toHaveTextContent('我的账号');
    expect(api.calls.find((c) => c.url.pathname === '/api/auth/register')!.body).toEqual({
      email: 'li@tests.local', password: 'Str0ng#Passw0rd', displayName: '李经理', role: 'TechnologyManager', preferredLanguage: 'zh-CN',
    });
    expect(api.calls.some((c) => c.url.pathname === '/api/auth/login')).toBe(false);
    expect(screen.getByTestId('nav-login')).toBeInTheDocument();
    await userEvent.click(screen.getByTestId('register-resend'));
    expect(await screen.findByTestId('register-resend-sent')).toBeInTheDocument();
    expect(api.calls.find((c) => c.url.pathname === '/api/auth/resend-confirmation')!.body).toEqual({ email: 'li@tests.local' });
  });

  it('puts a refused password next to the password field', async () => {
    mockApi({
      'POST /api/auth/register': () => json({ title: 'Validation', status: 400, errors: { password: ['密码过于常见。'] } }, 400),
    });
    renderApp('/register');
    await userEvent.type(await screen.findByTestId('register-email'), 'x@tests.local');
    await userEvent.type(screen.getByTestId('register-password'), 'password1');
    await userEvent.click(screen.getByTestId('register-submit'));
    expect(await screen.findByTestId('field-error-password')).toHaveTextContent('密码过于常见。');
    expect(screen.getByTestId('register-password')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByTestId('register-done')).toBeNull();
  });

  it('confirms the address from the mail link, once', async () => {
    const api = mockApi({ 'POST /api/auth/confirm-email': () => undefined });
    renderApp('/confirm-email?userId=u7&token=abc%2Bdef');
    expect(await screen.findByTestId('confirm-success')).toHaveTextContent('邮箱已确认');
    const posts = api.calls.filter((c) => c.url.pathname === '/api/auth/confirm-email');
    expect(posts.map((c) => c.body)).toEqual([{ userId: 'u7', token: 'abc+def' }]);
    await userEvent.click(screen.getByTestId('confirm-login'));
    expect(await screen.findByTestId('login-notice')).toHaveTextContent('邮箱已确认，现在可以登录。');
  });

  it('offers a new mail when the confirmation link is invalid', async () => {
    const api = mockApi({
      'POST /api/auth/confirm-email': () => json({ status: 400, title: 'Bad', detail: 'The confirmation link is invalid or has expired.', code: 'invalid_token' }, 400),
      'POST /api/auth/resend-confirmation': () => json(null, 202),
    });
    renderApp('/confirm-email?userId=u8&token=old');
    expect(await screen.findByTestId('confirm-error')).toHaveTextContent('该确认链接无效或已过期。');
    await userEvent.type(screen.getByTestId('confirm-email'), 'me@tests.local');
    await userEvent.click(screen.getByTestId('confirm-resend'));
    await waitFor(() => expect(api.calls.find((c) => c.url.pathname === '/api/auth/resend-confirmation')?.body).toEqual({ email: 'me@tests.local' }));
  });
});

describe('sign-in messages', () => {
  it('offers to resend the confirmation when the email is not confirmed', async () => {
    const api = mockApi({
      'POST /api/auth/login': () => json({ status: 401, title: 'Unauthorized', detail: 'Confirm your email first.', code: 'email_not_confirmed' }, 401),
      'POST /api/auth/resend-confirmation': () => json(null, 202),
    });
    renderApp('/login');
    await userEvent.type(await screen.findByTestId('login-email'), 'new@tests.local');
    await userEvent.type(screen.getByTestId('login-password'), 'Str0ng#Passw0rd');
    await userEvent.click(screen.getByTestId('login-submit'));
    const error = await screen.findByTestId('login-error');
    expect(error).toHaveAttribute('data-code', 'email_not_confirmed');
    expect(error).toHaveTextContent('请先确认邮箱');
    await userEvent.click(within(error).getByTestId('login-resend'));
    expect(await screen.findByTestId('login-resend-sent')).toBeInTheDocument();
    expect(api.calls.find((c) => c.url.pathname === '/api/auth/resend-confirmation')!.body).toEqual({ email: 'new@tests.local' });
  });

  it('says a deactivated account is deactivated, in English too', async () => {
    mockApi({ 'POST /api/auth/login': () => json({ status: 401, title: 'Unauthorized', code: 'account_deactivated' }, 401) });
    renderApp('/login');
    await userEvent.click(await screen.findByTestId('lang-en'));
    await userEvent.type(screen.getByTestId('login-email'), 'old@tests.local');
    await userEvent.type(screen.getByTestId('login-password'), 'x');
    await userEvent.click(screen.getByTestId('login-submit'));
    expect(await screen.findByTestId('login-error')).toHaveTextContent('This account is deactivated.');
    expect(screen.queryByTestId('login-resend')).toBeNull();
  });

  it('sends a technology-manager applicant without a working role to the account page', async () => {
    mockApi({ 'POST /api/auth/login': () => undefined, 'GET /api/auth/me': () => applicant, 'GET /api/technology-managers/{userId}': () => profile(), 'GET /api/auth/me/sessions': () => [] });
    renderApp('/login');
    await userEvent.type(await screen.findByTestId('login-email'), applicant.email);
    await userEvent.type(screen.getByTestId('login-password'), 'Demo#2026');
    await userEvent.click(screen.getByTestId('login-submit'));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/account'));
  });
});

describe('password reset', () => {
  it('asks for a reset mail from the sign-in page, with the address carried over', async () => {
    const api = mockApi({ 'POST /api/auth/forgot-password': () => json(null, 202) });
    renderApp('/login');
    await userEvent.type(await screen.findByTestId('login-email'), 'me@tests.local');
    await userEvent.click(screen.getByTestId('login-forgot'));
    expect(await screen.findByTestId('forgot-email')).toHaveValue('me@tests.local');
    await userEvent.click(screen.getByTestId('forgot-submit'));
    expect(await screen.findByTestId('forgot-sent')).toHaveTextContent('me@tests.local');
    expect(api.calls.find((c) => c.url.pathname === '/api/auth/forgot-password')!.body).toEqual({ email: 'me@tests.local' });
  });

  it('sets a new password from the mail link and returns to sign-in', async () => {
    let attempt = 0;
    const api = mockApi({
      'POST /api/auth/reset-password': () => (attempt++ === 0
        ? json({ status: 400, title: 'Validation', errors: { newPassword: ['至少 8 个字符。'] } }, 400)
        : undefined),
    });
    renderApp('/reset-password?email=me%40tests.local&token=t%2B1');
    await userEvent.type(await screen.findByTestId('reset-password'), 'short');
    await userEvent.type(screen.getByTestId('reset-repeat'), 'other');
    await userEvent.click(screen.getByTestId('reset-submit'));
    expect(await screen.findByText('两次输入的密码不一致。')).toBeInTheDocument();
    expect(api.calls).toHaveLength(0);
    await userEvent.clear(screen.getByTestId('reset-repeat'));
    await userEvent.type(screen.getByTestId('reset-repeat'), 'short');
    await userEvent.click(screen.getByTestId('reset-submit'));
    expect(await screen.findByTestId('field-error-newPassword')).toHaveTextContent('至少 8 个字符。');
    for (const id of ['reset-password', 'reset-repeat']) { await userEvent.clear(screen.getByTestId(id)); await userEvent.type(screen.getByTestId(id), 'N3w#Passw0rd!'); }
    await userEvent.click(screen.getByTestId('reset-submit'));
    expect(await screen.findByTestId('login-notice')).toHaveTextContent('密码已重置');
    expect(screen.getByTestId('login-email')).toHaveValue('me@tests.local');
    expect(api.calls.at(-1)!.body).toEqual({ email: 'me@tests.local', token: 't+1', newPassword: 'N3w#Passw0rd!' });
  });

  it('says an expired reset link is expired', async () => {
    mockApi({ 'POST /api/auth/reset-password': () => json({ status: 400, title: 'Bad', code: 'invalid_token' }, 400) });
    renderApp('/reset-password?email=a%40b.c&token=x');
    await userEvent.type(await screen.findByTestId('reset-password'), 'N3w#Passw0rd!');
    await userEvent.type(screen.getByTestId('reset-repeat'), 'N3w#Passw0rd!');
    await userEvent.click(screen.getByTestId('reset-submit'));
    expect(await screen.findByTestId('reset-error')).toHaveTextContent('该重置链接无效或已过期');
  });
});

describe('user agents', () => {
  it('names the browser and the system', () => {
    expect(describeUserAgent('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0')).toBe('Edge · Windows');
    expect(describeUserAgent('Mozilla/5.0 (Macintosh; Intel Mac OS X 14_1) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15')).toBe('Safari · macOS');
    expect(describeUserAgent('Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/120 Mobile Safari/537.36 MicroMessenger/8.0')).toBe('WeChat · Android');
    expect(describeUserAgent('curl/8.5.0')).toBe('curl');
    expect(describeUserAgent(null)).toBe('');
  });
});
