import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { i18n } from '../../lib/i18n';
import { renderWithProviders } from '../../testing/render';
import { SmsSignInForm } from './sms-form';
import { isValidCode, isValidPhone } from './validation';

const typeInto = (name: string | RegExp, value: string) =>
  fireEvent.change(screen.getByRole('textbox', { name }), { target: { value } });

describe('phone and code rules', () => {
  it('takes mainland mobiles of 11 digits from 13x, with spaces or hyphens, and 4 to 15 digits elsewhere', () => {
    expect(isValidPhone('138 0013 8000', '86')).toBe(true);
    expect(isValidPhone('138-0013-8000', '86')).toBe(true);
    expect(isValidPhone('12800138000', '86')).toBe(false);
    expect(isValidPhone('1380013800', '86')).toBe(false);
    expect(isValidPhone('91234567', '852')).toBe(true);
    expect(isValidPhone('123', '852')).toBe(false);
    expect(isValidPhone('1234567890123', '852')).toBe(false); // 3 + 13 digits: beyond E.164's 15
  });

  it('takes exactly six digits as a code', () => {
    expect(isValidCode('123456')).toBe(true);
    expect(isValidCode('12345')).toBe(false);
    expect(isValidCode('12345a')).toBe(false);
  });
});

describe('the SMS sign-in form', () => {
  it('refuses a wrong phone number before sending anything', async () => {
    const onSend = vi.fn();
    renderWithProviders(<SmsSignInForm onSend={onSend} onVerify={vi.fn()} />);
    typeInto('手机号', '12345');
    fireEvent.click(screen.getByRole('button', { name: '获取验证码' }));
    expect(await screen.findByText('请输入有效的手机号')).toBeTruthy();
    expect(screen.getByRole('textbox', { name: '手机号' }).getAttribute('aria-invalid')).toBe('true');
    expect(onSend).not.toHaveBeenCalled();
  });

  it('sends the code for the number as digits, then waits before it can send again', async () => {
    const onSend = vi.fn().mockResolvedValue(undefined);
    renderWithProviders(<SmsSignInForm onSend={onSend} onVerify={vi.fn()} />);
    typeInto('手机号', '138 0013 8000');
    fireEvent.click(screen.getByRole('button', { name: '获取验证码' }));
    expect(await screen.findByText('验证码已发送，5 分钟内有效。')).toBeTruthy();
    expect(onSend).toHaveBeenCalledWith('13800138000', '86');
    expect((screen.getByRole('button', { name: /秒后可重新发送/ }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('refuses a code that is not 6 digits, and signs in with one that is', async () => {
    const onVerify = vi.fn().mockResolvedValue(undefined);
    renderWithProviders(<SmsSignInForm onSend={vi.fn()} onVerify={onVerify} />);
    typeInto('手机号', '13800138000');
    typeInto('6 位验证码', '12a34');
    fireEvent.click(screen.getByRole('button', { name: '登录' }));
    expect(await screen.findByText('请输入短信中的 6 位数字验证码')).toBeTruthy();
    expect(onVerify).not.toHaveBeenCalled();
    typeInto('6 位验证码', '123456');
    fireEvent.click(screen.getByRole('button', { name: '登录' }));
    await waitFor(() => expect(onVerify).toHaveBeenCalledWith('13800138000', '86', '123456'));
  });

  it('shows the API’s refusal in the member’s words', async () => {
    await i18n.changeLanguage('en-US');
    const onVerify = vi.fn().mockResolvedValue({ problem: { status: 400, code: 'SMS_CODE_INVALID' } });
    renderWithProviders(<SmsSignInForm onSend={vi.fn()} onVerify={onVerify} />);
    typeInto('Phone number', '13800138000');
    typeInto('6-digit code', '654321');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'The code is wrong. Check the text message and enter it again.',
    );
  });

  it('says its messages again in the language the member switches to', async () => {
    await i18n.changeLanguage('zh-CN');
    const onVerify = vi.fn().mockResolvedValue({ problem: { status: 400, code: 'SMS_CODE_INVALID' } });
    renderWithProviders(<SmsSignInForm onSend={vi.fn()} onVerify={onVerify} />);
    typeInto('手机号', '12345');
    fireEvent.click(screen.getByRole('button', { name: '获取验证码' }));
    await screen.findByText('请输入有效的手机号');
    typeInto('手机号', '13800138000');
    typeInto('6 位验证码', '654321');
    fireEvent.click(screen.getByRole('button', { name: '登录' }));
    await screen.findByText('验证码不正确，请核对短信后重新输入。');
    await act(() => i18n.changeLanguage('en-US'));
    expect(screen.getByRole('alert').textContent).toBe(
      'The code is wrong. Check the text message and enter it again.',
    );
    expect(screen.queryByText('请输入有效的手机号')).toBeNull();
  });
});
