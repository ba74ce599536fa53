// The sign-in form as a staff member uses it: fields checked beside themselves, the API's refusals in words.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { i18n } from '@/lib/i18n';
import { jsonAnswer, problemAnswer, renderWithProviders, requestOf } from '@/testing/render';
import { SignInForm } from './sign-in-form';

const signedOut = { status: 'signedOut' } as const;

function fill(email: string, password: string) {
  fireEvent.change(screen.getByRole('textbox', { name: '邮箱' }), { target: { value: email } });
  fireEvent.change(screen.getByLabelText('密码'), { target: { value: password } });
}

describe('the sign-in form', () => {
  it('asks for the email and the password beside their fields, and sends nothing', async () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    renderWithProviders(<SignInForm />, { session: signedOut });

    fireEvent.click(screen.getByRole('button', { name: '登录' }));

    expect(await screen.findByText('请输入邮箱')).toBeTruthy();
    expect(screen.getByText('请输入密码')).toBeTruthy();
    expect(fetch).not.toHaveBeenCalled();
  });

  it('refuses an email that is not an email', async () => {
    vi.stubGlobal('fetch', vi.fn());
    renderWithProviders(<SignInForm />, { session: signedOut });

    fill('li.na', 'secret');
    fireEvent.click(screen.getByRole('button', { name: '登录' }));

    expect(await screen.findByText('请输入有效的邮箱地址')).toBeTruthy();
  });

  it('says in the chosen language that the email or password is wrong, never the raw answer', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => problemAnswer(401, 'INVALID_CREDENTIALS')),
    );
    await i18n.changeLanguage('en-US');
    renderWithProviders(<SignInForm />, { session: signedOut });

    fireEvent.change(screen.getByRole('textbox', { name: 'Email' }), {
      target: { value: 'li.na@sbm.local' },
    });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'wrong' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The email or password is wrong.');
    expect(alert.textContent).not.toContain('INVALID_CREDENTIALS');
    expect((screen.getByLabelText('Password') as HTMLInputElement).value).toBe('');
  });

  it('shows how long to wait after too many attempts, and keeps the button off until then', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => problemAnswer(429, 'TOO_MANY_LOGIN_ATTEMPTS', { 'retry-after': '125' })),
    );
    renderWithProviders(<SignInForm />, { session: signedOut });

    fill('li.na@sbm.local', 'guess');
    fireEvent.click(screen.getByRole('button', { name: '登录' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('登录失败次数过多，请在 3分钟后再试。');
    const button = screen.getByRole('button', { name: /后可重试/ });
    expect(button.textContent).toMatch(/^2:0[45] 后可重试$/);
    expect((button as HTMLButtonElement).disabled).toBe(true);
  });

  it('says a locked account is locked, with the wait the answer gives', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => problemAnswer(423, 'STAFF_ACCOUNT_LOCKED', { 'retry-after': '900' })),
    );
    renderWithProviders(<SignInForm />, { session: signedOut });

    fill('li.na@sbm.local', 'guess');
    fireEvent.click(screen.getByRole('button', { name: '登录' }));

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('该账号已被锁定，请在 15分钟后再试，或联系管理员解锁。')).toBeTruthy();
  });

  it('signs in with the console client header and keeps the token in memory only', async () => {
    const calls: Awaited<ReturnType<typeof requestOf>>[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
        calls.push(await requestOf(input, init));
        return jsonAnswer({
          accessToken: 'access-1',
          expiresIn: 900,
          staff: { id: 'S1', roles: ['analyst'] },
        });
      }),
    );
    const onSignedIn = vi.fn();
    const { store } = renderWithProviders(<SignInForm onSignedIn={onSignedIn} />, { session: signedOut });

    fill(' li.na@sbm.local ', 'correct horse');
    fireEvent.click(screen.getByRole('button', { name: '登录' }));

    await waitFor(() => expect(onSignedIn).toHaveBeenCalled());
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ method: 'POST', path: '/v1/admin/auth/login' });
    expect(calls[0]!.headers.get('x-sbm-client')).toBe('console');
    expect(JSON.parse(calls[0]!.body!)).toEqual({ email: 'li.na@sbm.local', password: 'correct horse' });
    expect(store.getState().session).toMatchObject({
      status: 'signedIn',
      accessToken: 'access-1',
    });
    expect(JSON.stringify({ ...localStorage })).not.toContain('access-1');
    expect(JSON.stringify({ ...sessionStorage })).not.toContain('access-1');
  });
});
