import { CopyOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Flex, Modal, Typography } from 'antd';
import { formatDateTime } from '@sbm/web-shared/format';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** A key just issued or rotated to, with the one sight of its secret there will ever be. */
export interface RevealedKey {
  keyId: string;
  secret: string;
  /** For a rotation: the key replaced, and when it stops working. */
  replaced?: { keyId: string; validUntil: string };
}

/**
 * Shows a new key's secret once, with a copy button and the warning that it cannot be shown again; the
 * secret lives in this component's props only and is gone when the window closes.
 */
export function SecretModal({ revealed, onClose }: { revealed: RevealedKey | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [copy, setCopy] = useState<'copied' | 'failed'>();

  async function copySecret() {
    try {
      await navigator.clipboard.writeText(revealed!.secret);
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  }

  return (
    <Modal
      open={!!revealed}
      title={revealed?.replaced ? t('stores.secret.rotatedTitle') : t('stores.secret.issuedTitle')}
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      width={640}
      footer={
        <Button
          type="primary"
          onClick={() => {
            setCopy(undefined);
            onClose();
          }}
        >
          {t('stores.secret.close')}
        </Button>
      }
      destroyOnHidden
    >
      {revealed && (
        <Flex vertical gap={16}>
          <Alert
            type="warning"
            showIcon
            title={t('stores.secret.warning')}
            description={t('stores.secret.warningBody')}
          />
          <Descriptions column={1} bordered size="small">
            <Descriptions.Item label={t('stores.secret.keyId')}>
              <Typography.Text code>{revealed.keyId}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('stores.secret.secret')}>
              <Flex vertical gap={8} align="flex-start">
                <Typography.Text code className="pos-secret" data-testid="pos-secret">
                  {revealed.secret}
                </Typography.Text>
                <Flex gap={8} align="center">
                  <Button icon={<CopyOutlined />} onClick={() => void copySecret()}>
                    {t('stores.secret.copy')}
                  </Button>
                  <span role="status">
                    {copy === 'copied' && (
                      <Typography.Text className="copy-done">{t('stores.secret.copied')}</Typography.Text>
                    )}
                    {copy === 'failed' && (
                      <Typography.Text type="danger">{t('stores.secret.copyFailed')}</Typography.Text>
                    )}
                  </span>
                </Flex>
              </Flex>
            </Descriptions.Item>
          </Descriptions>
          {revealed.replaced && (
            <Alert
              type="info"
              showIcon
              title={t('stores.secret.grace', {
                keyId: revealed.replaced.keyId,
                time: formatDateTime(revealed.replaced.validUntil, i18n.language),
              })}
            />
          )}
        </Flex>
      )}
    </Modal>
  );
}
