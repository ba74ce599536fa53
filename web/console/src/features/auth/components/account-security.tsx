import { SafetyCertificateOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Input,
  message as antMessage,
  Modal,
  Result,
  Skeleton,
  Tag,
} from 'antd';
import { problemText } from '@sbm/web-shared/problems';
import { formatDateTime } from '@sbm/web-shared/format';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  useConfirmOwnEnrolmentMutation,
  useDisableOwnTwoFactorMutation,
  useOwnTwoFactorQuery,
  useReplaceOwnRecoveryCodesMutation,
  useStartOwnEnrolmentMutation,
} from '../api/account';
import { RecoveryCodes } from './recovery-codes';
import { TotpEnrolment } from './totp-enrolment';
import { stepStyles } from './step-styles';

/** Asks for a code, then runs `onCode` with it: new recovery codes and switching off both need one. */
function CodePrompt({
  open,
  title,
  label,
  okText,
  danger,
  loading,
  error,
  onCode,
  onCancel,
}: {
  open: boolean;
  title: string;
  label: string;
  okText: string;
  danger?: boolean;
  loading: boolean;
  error: unknown;
  onCode: (code: string) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<{ code: string }>();
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText={t('staff.cancel')}
      okButtonProps={{ danger, loading }}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
      forceRender
      // What was typed for one staff member (a password above all) is not shown for the next.
      afterOpenChange={(visible) => {
        if (!visible) form.resetFields();
      }}
    >
      <Form<{ code: string }>
        form={form}
        layout="vertical"
        requiredMark={false}
        preserve={false}
        name="account-code"
        onFinish={({ code }) => onCode(code.trim())}
      >
        {error ? (
          <Alert
            role="alert"
            type="error"
            showIcon
            title={problemText(error, t, i18n.language)}
            style={{ marginBottom: 16 }}
          />
        ) : null}
        <Form.Item
          label={label}
          name="code"
          rules={[{ required: true, whitespace: true, message: t('staff.account.codeRequired') }]}
        >
          <Input autoComplete="one-time-code" size="large" maxLength={11} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * My account's security: two-factor sign-in on or off, enrolling an authenticator app (QR code, then
 * the first code), recovery codes shown once, new ones, and switching it off when the policy allows.
 */
export default function AccountSecurityDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [message, messageHolder] = antMessage.useMessage();
  const status = useOwnTwoFactorQuery(undefined, { skip: !open });
  const [start, started] = useStartOwnEnrolmentMutation();
  const [confirm, confirmed] = useConfirmOwnEnrolmentMutation();
  const [replace, replaced] = useReplaceOwnRecoveryCodesMutation();
  const [disable, disabled] = useDisableOwnTwoFactorMutation();
  const [codes, setCodes] = useState<string[] | null>(null);
  const [prompt, setPrompt] = useState<'replace' | 'disable' | null>(null);

  const close = () => {
    setCodes(null);
    started.reset();
    confirmed.reset();
    onClose();
  };

  const onConfirm = async (code: string) => {
    try {
      const answer = await confirm({ body: { code } }).unwrap();
      setCodes(answer.recoveryCodes);
      started.reset();
      void message.success(t('staff.account.enabledNow'));
    } catch {
      // Said beside the code field.
    }
  };
  const onPrompted = async (code: string) => {
    try {
      if (prompt === 'replace') {
        const answer = await replace({ body: { code } }).unwrap();
        setCodes(answer.recoveryCodes);
        void message.success(t('staff.account.codesReplaced'));
      } else {
        await disable({ body: { code } }).unwrap();
        void message.success(t('staff.account.disabledNow'));
      }
      setPrompt(null);
    } catch {
      // Said in the prompt.
    }
  };

  const data = status.data;
  let body;
  if (status.error)
    body = (
      <Result
        status="error"
        title={problemText(status.error, t, i18n.language)}
        extra={<Button onClick={() => void status.refetch()}>{t('app.retry')}</Button>}
      />
    );
  else if (!data) body = <Skeleton active />;
  else if (codes)
    body = (
      <Flex vertical gap={16}>
        <h3 style={stepStyles.drawerHeading}>{t('staff.account.codesTitle')}</h3>
        <RecoveryCodes codes={codes} strings="staff.account" />
        <Button type="primary" onClick={() => setCodes(null)}>
          {t('staff.account.codesSaved')}
        </Button>
      </Flex>
    );
  else if (started.data)
    body = (
      <Flex vertical gap={16}>
        <h3 style={stepStyles.drawerHeading}>{t('staff.account.enrolTitle')}</h3>
        <TotpEnrolment
          otpauthUri={started.data.otpauthUri}
          secret={started.data.secret}
          onConfirm={(code) => void onConfirm(code)}
          confirming={confirmed.isLoading}
          error={confirmed.error}
          strings="staff.account"
        />
        <Button onClick={() => started.reset()}>{t('staff.cancel')}</Button>
      </Flex>
    );
  else
    body = (
      <Flex vertical gap={20}>
        {data.required && !data.enabled ? (
          <Alert type="warning" showIcon title={t('staff.account.requiredNotice')} />
        ) : null}
        <Descriptions
          column={1}
          bordered
          size="small"
          items={[
            {
              key: 'status',
              label: t('staff.account.twoFactor'),
              children: data.enabled ? (
                <Tag color="#1b6e34" icon={<SafetyCertificateOutlined />}>
                  {t('staff.account.on')}
                </Tag>
              ) : (
                <Tag>{t('staff.account.off')}</Tag>
              ),
            },
            ...(data.enabled
              ? [
                  {
                    key: 'since',
                    label: t('staff.account.since'),
                    children: data.enabledAt ? formatDateTime(data.enabledAt, i18n.language) : '—',
                  },
                  {
                    key: 'left',
                    label: t('staff.account.codesLeft'),
                    children: t('staff.account.codesLeftValue', { count: data.recoveryCodesLeft }),
                  },
                ]
              : []),
          ]}
        />
        <p style={stepStyles.drawerText}>
          {data.enabled ? t('staff.account.onBody') : t('staff.account.offBody')}
        </p>
        {started.error ? (
          <Alert role="alert" type="error" showIcon title={problemText(started.error, t, i18n.language)} />
        ) : null}
        {data.enabled ? (
          <Flex gap={12} wrap>
            <Button onClick={() => setPrompt('replace')}>{t('staff.account.newCodes')}</Button>
            <Button danger disabled={data.required} onClick={() => setPrompt('disable')}>
              {t('staff.account.disable')}
            </Button>
          </Flex>
        ) : (
          <Button type="primary" loading={started.isLoading} onClick={() => void start()}>
            {t('staff.account.enable')}
          </Button>
        )}
        {data.enabled && data.required ? (
          <p style={stepStyles.drawerText}>{t('staff.account.requiredCannotDisable')}</p>
        ) : null}
      </Flex>
    );

  return (
    <Drawer
      open={open}
      onClose={close}
      title={<h2 style={stepStyles.drawerTitle}>{t('staff.account.title')}</h2>}
      size={520}
      destroyOnHidden
    >
      {messageHolder}
      {body}
      <CodePrompt
        open={prompt !== null}
        title={prompt === 'replace' ? t('staff.account.newCodes') : t('staff.account.disable')}
        label={prompt === 'replace' ? t('staff.account.appCode') : t('staff.account.appOrRecoveryCode')}
        okText={prompt === 'replace' ? t('staff.account.newCodesOk') : t('staff.account.disableOk')}
        danger={prompt === 'disable'}
        loading={replaced.isLoading || disabled.isLoading}
        error={prompt === 'replace' ? replaced.error : disabled.error}
        onCode={(code) => void onPrompted(code)}
        onCancel={() => {
          replaced.reset();
          disabled.reset();
          setPrompt(null);
        }}
      />
    </Drawer>
  );
}
