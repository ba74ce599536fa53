import { Alert, Button, Form } from 'antd';
import Input from 'antd/es/input/Input';
import { problemText } from '@sbm/web-shared/problems';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppDispatch } from '@/app/hooks';
import { sessionStarted, useAdminLoginTwoFactorMutation } from '../api/session';
import { stepStyles } from './step-styles';

/**
 * Sign-in's second step: the authenticator app's 6-digit code, or, with the phone lost, one of the
 * recovery codes. A wrong code counts as a wrong password; after 5 the password is asked again.
 */
export function TwoFactorStep({
  challengeToken,
  onRestart,
  onSignedIn,
}: {
  challengeToken: string;
  onRestart: () => void;
  onSignedIn?: () => void;
}) {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const [form] = Form.useForm<{ code: string }>();
  const [recovery, setRecovery] = useState(false);
  const [verify, { isLoading, error }] = useAdminLoginTwoFactorMutation();
  const expired = (error as { code?: string } | undefined)?.code === 'SIGN_IN_CHALLENGE_INVALID';

  const submit = async ({ code }: { code: string }) => {
    try {
      const answer = await verify({ body: { challengeToken, code: code.trim() } }).unwrap();
      dispatch(sessionStarted(answer));
      onSignedIn?.();
    } catch {
      form.setFieldValue('code', '');
    }
  };

  return (
    <Form<{ code: string }>
      form={form}
      layout="vertical"
      requiredMark={false}
      onFinish={(values) => void submit(values)}
      validateTrigger="onSubmit"
      noValidate
      aria-labelledby="two-factor-title"
    >
      <h2 id="two-factor-title" style={stepStyles.title}>
        {t('signIn.twoFactor.title')}
      </h2>
      <p style={stepStyles.body}>
        {recovery ? t('signIn.twoFactor.recoveryBody') : t('signIn.twoFactor.body')}
      </p>
      {error ? (
        <Alert
          role="alert"
          type="error"
          showIcon
          title={t('signIn.failed')}
          description={problemText(error, t, i18n.language)}
          style={{ marginBottom: 24 }}
        />
      ) : null}
      <Form.Item
        key={recovery ? 'recovery' : 'totp'}
        label={recovery ? t('signIn.twoFactor.recoveryCode') : t('signIn.twoFactor.code')}
        name="code"
        rules={[
          recovery
            ? {
                required: true,
                pattern: /^\s*[a-z2-7]{5}-?[a-z2-7]{5}\s*$/i,
                message: t('signIn.twoFactor.recoveryInvalid'),
              }
            : { required: true, pattern: /^\s*\d{6}\s*$/, message: t('signIn.twoFactor.codeInvalid') },
        ]}
      >
        <Input
          size="large"
          autoFocus
          autoComplete={recovery ? 'off' : 'one-time-code'}
          inputMode={recovery ? 'text' : 'numeric'}
          maxLength={recovery ? 11 : 6}
          placeholder={recovery ? 'xxxxx-xxxxx' : '123456'}
        />
      </Form.Item>
      {expired ? (
        <Button type="primary" size="large" block onClick={onRestart}>
          {t('signIn.twoFactor.restart')}
        </Button>
      ) : (
        <Button type="primary" htmlType="submit" size="large" block loading={isLoading}>
          {isLoading ? t('signIn.submitting') : t('signIn.twoFactor.submit')}
        </Button>
      )}
      <div style={stepStyles.links}>
        <Button type="link" onClick={() => setRecovery((value) => !value)}>
          {recovery ? t('signIn.twoFactor.useApp') : t('signIn.twoFactor.useRecovery')}
        </Button>
        <Button type="link" onClick={onRestart}>
          {t('signIn.twoFactor.otherAccount')}
        </Button>
      </div>
    </Form>
  );
}
