import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Card, Flex, Modal, Switch, Typography } from 'antd';
import { problemText } from '@sbm/web-shared/problems';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSetTwoFactorPolicyMutation, useTwoFactorPolicyQuery } from '../api/staff';

/** The two-factor policy for admins: a switch, confirmed before it changes (audited). */
export function PolicyCard({
  canChange,
  onChanged,
}: {
  canChange: boolean;
  onChanged: (text: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const policy = useTwoFactorPolicyQuery();
  const [setPolicy, { isLoading, error, reset }] = useSetTwoFactorPolicyMutation();
  // What the dialog asks stays as it was while the dialog closes, so its words do not flip mid-animation.
  const [asked, setAsked] = useState<{ open: boolean; requiredForAdmins: boolean }>({
    open: false,
    requiredForAdmins: false,
  });
  const asking = asked.requiredForAdmins;
  const close = () => setAsked((current) => ({ ...current, open: false }));
  const required = policy.data?.requiredForAdmins ?? false;

  const change = async (requiredForAdmins: boolean) => {
    try {
      await setPolicy({ body: { requiredForAdmins } }).unwrap();
      close();
      onChanged(t('staff.policy.done'));
    } catch {
      // Said in the dialog.
    }
  };

  return (
    <Card size="small" title={<h2 style={{ margin: 0, fontSize: 16 }}>{t('staff.policy.title')}</h2>}>
      <Flex align="center" gap={12} wrap>
        <SafetyCertificateOutlined aria-hidden style={{ fontSize: 18, color: '#1456c9' }} />
        <Switch
          id="two-factor-policy"
          checked={required}
          loading={policy.isLoading || isLoading}
          disabled={!canChange || !policy.data}
          onChange={(checked) => setAsked({ open: true, requiredForAdmins: checked })}
          aria-label={t('staff.policy.label')}
        />
        <label htmlFor="two-factor-policy" style={{ fontWeight: 500 }}>
          {t('staff.policy.label')}
        </label>
        <Typography.Text type="secondary">
          {required ? t('staff.policy.on') : t('staff.policy.off')}
        </Typography.Text>
      </Flex>
      {policy.error ? (
        <Alert
          type="error"
          showIcon
          title={problemText(policy.error, t, i18n.language)}
          style={{ marginTop: 12 }}
        />
      ) : null}
      <Modal
        open={asked.open}
        title={asking ? t('staff.policy.confirmOnTitle') : t('staff.policy.confirmOffTitle')}
        okText={asking ? t('staff.policy.turnOn') : t('staff.policy.turnOff')}
        cancelText={t('staff.cancel')}
        okButtonProps={{ loading: isLoading }}
        onOk={() => void change(asking)}
        onCancel={() => {
          reset();
          close();
        }}
        destroyOnHidden
      >
        <p>{asking ? t('staff.policy.confirmOnBody') : t('staff.policy.confirmOffBody')}</p>
        {error ? (
          <Alert role="alert" type="error" showIcon title={problemText(error, t, i18n.language)} />
        ) : null}
      </Modal>
    </Card>
  );
}
