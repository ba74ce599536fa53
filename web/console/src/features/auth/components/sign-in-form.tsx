import { Alert, Button, Form } from 'antd';
// The input and password field alone: antd's Input index brings TextArea, Search and OTP into the first chunk.
import Input from 'antd/es/input/Input';
import PasswordInput from 'antd/es/input/Password';
import { problemText } from '@sbm/web-shared/problems';
import { isApiError } from '@sbm/web-shared/api';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppDispatch } from '@/app/hooks';
import { sessionStarted, useAdminLoginMutation } from '../api/session';
import { TwoFactorStep } from './two-factor-step';

// Only an admin the policy asks to enrol at sign-in needs the QR code and its library.
const EnrolAtSignIn = lazy(() => import('./enrol-at-sign-in'));

/** What a right password gave when a second step is owed. */
interface Challenge {
  next: 'two-factor' | 'enrol-two-factor';
  challengeToken: string;
}

interface Credentials {
  email: string;
  password: string;
}

/**
 * Seconds left until `until` (ms), rendered again every second while there are any. Read from the clock
 * at each render: a time kept in state would be older than the wait it is compared with.
 */
function useSecondsUntil(until: number | null): number {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (until === null) return;
    const timer = setInterval(() => setTick((tick) => tick + 1), 1000);
    return () => clearInterval(timer);
  }, [until]);
  return until === null ? 0 : Math.max(0, Math.ceil((until - Date.now()) / 1000));
}

/** Email and password, checked beside each field; the API's refusal said in words, with the wait. */
export function SignInForm({ onSignedIn }: { onSignedIn?: () => void }) {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const [form] = Form.useForm<Credentials>();
  const [login, { isLoading, error, reset }] = useAdminLoginMutation();
  const [waitUntil, setWaitUntil] = useState<number | null>(null);
  const [challenge, setChallenge] = useState<Challenge | null>(null);
  const secondsLeft = useSecondsUntil(waitUntil);
  const waiting = secondsLeft > 0;

  useEffect(() => {
    const wait = isApiError(error) ? error.retryAfterSeconds : undefined;
    setWaitUntil(wait ? Date.now() + wait * 1000 : null);
  }, [error]);

  const submit = async ({ email, password }: Credentials) => {
    try {
      const answer = await login({ body: { email: email.trim(), password } }).unwrap();
      if ('challengeToken' in answer) {
        // Asked again should the second step be abandoned or expire.
        form.setFieldValue('password', '');
        setChallenge(answer);
        return;
      }
      dispatch(sessionStarted(answer));
      onSignedIn?.();
    } catch {
      form.setFieldValue('password', '');
    }
  };

  // Once the wait is over the refusal no longer holds: the form says nothing until the next try.
  const shownError = error && !(waitUntil !== null && !waiting) ? error : undefined;
  const message =
    shownError &&
    problemText(
      isApiError(shownError) && waiting ? { ...shownError, retryAfterSeconds: secondsLeft } : shownError,
      t,
      i18n.language,
    );

  const restart = () => {
    setChallenge(null);
    reset();
  };
  if (challenge?.next === 'two-factor')
    return (
      <TwoFactorStep challengeToken={challenge.challengeToken} onRestart={restart} onSignedIn={onSignedIn} />
    );
  if (challenge?.next === 'enrol-two-factor')
    return (
      <Suspense fallback={<div role="status">{t('app.loading')}</div>}>
        <EnrolAtSignIn
          challengeToken={challenge.challengeToken}
          onRestart={restart}
          onSignedIn={onSignedIn}
        />
      </Suspense>
    );

  return (
    <Form<Credentials>
      form={form}
      layout="vertical"
      requiredMark={false}
      onFinish={(values) => void submit(values)}
      onValuesChange={() => {
        if (error && !waiting) reset();
      }}
      // Checked when the field is left and on submit, not at every keystroke of an email being typed.
      validateTrigger="onBlur"
      noValidate
      aria-label={t('signIn.title')}
    >
      {message && (
        <Alert
          role="alert"
          type="error"
          showIcon
          title={t('signIn.failed')}
          description={message}
          style={{ marginBottom: 24 }}
        />
      )}
      <Form.Item
        label={t('signIn.email')}
        name="email"
        rules={[
          { required: true, whitespace: true, message: t('signIn.emailRequired') },
          { type: 'email', message: t('signIn.emailInvalid') },
        ]}
      >
        <Input
          type="email"
          autoComplete="username"
          placeholder={t('signIn.emailPlaceholder')}
          size="large"
          autoFocus
        />
      </Form.Item>
      <Form.Item
        label={t('signIn.password')}
        name="password"
        rules={[{ required: true, message: t('signIn.passwordRequired') }]}
      >
        <PasswordInput autoComplete="current-password" size="large" />
      </Form.Item>
      <Button type="primary" htmlType="submit" size="large" block loading={isLoading} disabled={waiting}>
        {waiting
          ? t('signIn.waitFor', {
              wait: `${Math.floor(secondsLeft / 60)}:${String(secondsLeft % 60).padStart(2, '0')}`,
            })
          : isLoading
            ? t('signIn.submitting')
            : t('signIn.submit')}
      </Button>
    </Form>
  );
}
