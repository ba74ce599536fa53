import { Alert, Button, Flex, Form, Input, Typography } from 'antd';
import { problemText } from '@sbm/web-shared/problems';
import { useTranslation } from 'react-i18next';
import { QrCode } from './qr-code';
import { stepStyles } from './step-styles';

/** The secret as people copy it: groups of four. */
const grouped = (secret: string) => secret.replace(/(.{4})/g, '$1 ').trim();

/**
 * Enrolling an authenticator app: the QR code of its otpauth URI, the secret for typing in by hand, and
 * the app's first code, which switches two-factor sign-in on.
 */
export function TotpEnrolment({
  otpauthUri,
  secret,
  onConfirm,
  confirming,
  error,
  strings,
}: {
  otpauthUri: string;
  secret: string;
  onConfirm: (code: string) => void;
  confirming: boolean;
  error: unknown;
  /** The catalogue the strings come from: `signIn.enrol` at sign-in, `staff.account` in the account drawer. */
  strings: 'signIn.enrol' | 'staff.account';
}) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<{ code: string }>();
  return (
    <Flex vertical gap={16}>
      <ol style={stepStyles.steps}>
        <li>{t(`${strings}.scanStep`)}</li>
        <li>{t(`${strings}.codeStep`)}</li>
      </ol>
      <Flex gap={20} align="center" wrap>
        <QrCode value={otpauthUri} label={t(`${strings}.qrLabel`)} />
        <div style={{ minWidth: 0, flex: 1 }}>
          <Typography.Text type="secondary">{t(`${strings}.manualKey`)}</Typography.Text>
          <Typography.Paragraph
            copyable={{ text: secret }}
            style={stepStyles.secret}
            data-testid="totp-secret"
          >
            {grouped(secret)}
          </Typography.Paragraph>
        </div>
      </Flex>
      {error ? (
        <Alert role="alert" type="error" showIcon title={problemText(error, t, i18n.language)} />
      ) : null}
      <Form<{ code: string }>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={({ code }) => {
          onConfirm(code.trim());
          form.setFieldValue('code', '');
        }}
        validateTrigger="onSubmit"
      >
        <Form.Item
          label={t(`${strings}.code`)}
          name="code"
          rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: t(`${strings}.codeInvalid`) }]}
        >
          <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} size="large" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={confirming} block size="large">
          {t(`${strings}.confirm`)}
        </Button>
      </Form>
    </Flex>
  );
}
