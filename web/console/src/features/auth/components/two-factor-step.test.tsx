// Sign-in's second step as a staff member with an authenticator app meets it: the password's challenge
// leads to the code, a refused code is said in words, and a recovery code may stand in for the app.
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { jsonAnswer, problemAnswer, renderWithProviders, requestOf } from '@/testing/render';
import { SignInForm } from './sign-in-form';

const signedOut = { status: 'signedOut' } as const;
const challenge = { next: 'two-factor', challengeToken: 'challenge-1', expiresIn: 300 };
const session = { accessToken: 'access-2', expiresIn: 900, staff: { id: 'S2', roles: ['support'] } };

async function enterPassword() {
  fireEvent.change(screen.getByRole('textbox', { name: '邮箱' }), { target: { value: 'zhou@sbm.local' } });
  fireEvent.change(screen.getByLabelText('密码'), { target: { value: 'correct horse' } });
  fireEvent.click(screen.getByRole('button', { name: '登录' }));
  await screen.findByRole('heading', { name: '两步验证' });
}

describe("sign-in's second step", () => {
  it('asks for the code after the password and signs in with it, the challenge sent along', async () => {
    const calls: Awaited<ReturnType<typeof requestOf>>[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
        const call = await requestOf(input, init);
        calls.push(call);
        return call.path === '/v1/admin/auth/login' ? jsonAnswer(challenge, 202) : jsonAnswer(session);
      }),
    );
    const onSignedIn = vi.fn();
    const { store } = renderWithProviders(<SignInForm onSignedIn={onSignedIn} />, { session: signedOut });
    await enterPassword();
    // The password alone starts no session.
    expect(store.getState().session.status).toBe('signedOut');

    fireEvent.change(screen.getByLabelText('验证码'), { target: { value: '492039' } });
    fireEvent.click(screen.getByRole('button', { name: '验证并登录' }));

    await waitFor(() => expect(onSignedIn).toHaveBeenCalled());
    expect(calls[1]).toMatchObject({ method: 'POST', path: '/v1/admin/auth/login/two-factor' });
    expect(calls[1]!.headers.get('x-sbm-client')).toBe('console');
    expect(JSON.parse(calls[1]!.body!)).toEqual({ challengeToken: 'challenge-1', code: '492039' });
    expect(store.getState().session).toMatchObject({ status: 'signedIn', accessToken: 'access-2' });
  });

  it('checks the code beside its field, and says a used code in words', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL, init?: RequestInit) =>
        (await requestOf(input, init)).path === '/v1/admin/auth/login'
          ? jsonAnswer(challenge, 202)
          : problemAnswer(400, 'TWO_FACTOR_CODE_USED'),
      ),
    );
    renderWithProviders(<SignInForm />, { session: signedOut });
    await enterPassword();

    fireEvent.change(screen.getByLabelText('验证码'), { target: { value: '12ab' } });
    fireEvent.click(screen.getByRole('button', { name: '验证并登录' }));
    expect(await screen.findByText('请输入 6 位数字验证码')).toBeTruthy();

    fireEvent.change(screen.getByLabelText('验证码'), { target: { value: '492039' } });
    fireEvent.click(screen.getByRole('button', { name: '验证并登录' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('该验证码刚刚已使用，请等待应用显示下一个验证码。');
    expect(alert.textContent).not.toContain('TWO_FACTOR_CODE_USED');
  });

  it('takes a recovery code instead, and goes back to the password once the challenge expired', async () => {
    const bodies: unknown[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
        const call = await requestOf(input, init);
        if (call.path === '/v1/admin/auth/login') return jsonAnswer(challenge, 202);
        bodies.push(JSON.parse(call.body!));
        return problemAnswer(401, 'SIGN_IN_CHALLENGE_INVALID');
      }),
    );
    renderWithProviders(<SignInForm />, { session: signedOut });
    await enterPassword();

    fireEvent.click(screen.getByRole('button', { name: '改用恢复码' }));
    fireEvent.change(screen.getByLabelText('恢复码'), { target: { value: 'k3v7q-2mx4p' } });
    fireEvent.click(screen.getByRole('button', { name: '验证并登录' }));
    expect((await screen.findByRole('alert')).textContent).toContain('本次登录已过期，请重新输入密码。');
    expect(bodies).toEqual([{ challengeToken: 'challenge-1', code: 'k3v7q-2mx4p' }]);

    fireEvent.click(screen.getByRole('button', { name: '重新输入密码' }));
    expect(await screen.findByLabelText('密码')).toBeTruthy();
    expect((screen.getByLabelText('密码') as HTMLInputElement).value).toBe('');
  });
});
