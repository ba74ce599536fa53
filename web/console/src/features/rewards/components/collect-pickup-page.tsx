import { CheckCircleOutlined, PictureOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  Image,
  Input,
  Result,
  Badge,
  Typography,
  type InputRef,
} from 'antd';
import { formatDateTime } from '@sbm/web-shared/format';
import { problemText } from '@sbm/web-shared/problems';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '@/lib/use-document-title';
import {
  useCollectPickupMutation,
  useLazyLookUpPickupQuery,
  type LookUpPickupApiResponse,
} from '../api/rewards';

const STATE_BADGES = {
  ready: 'processing',
  collected: 'success',
  cancelled: 'default',
  expired: 'warning',
} as const;
/** A code as the desk types it: spaces and hyphens are the reader's, not the code's. */
const normalise = (typed: string) => typed.replace(/[\s-]/g, '').toUpperCase();

/**
 * The service desk hands over a physical reward: the member's pickup code is scanned or typed, the desk
 * sees the item and the member (masked), and confirms once. A second confirmation anywhere is refused.
 */
export default function CollectPickupPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  useDocumentTitle(t('rewards.nav.pickup'));
  const [form] = Form.useForm<{ code: string }>();
  const codeInput = useRef<InputRef>(null);
  const [lookUp, looked] = useLazyLookUpPickupQuery();
  const [collect, collecting] = useCollectPickupMutation();
  const [done, setDone] = useState<{ name: string; quantity: number }>();
  const pickup: LookUpPickupApiResponse | undefined = looked.data;

  const find = ({ code }: { code: string }) => {
    setDone(undefined);
    collecting.reset();
    void lookUp({ code: normalise(code) });
  };

  const confirm = async () => {
    if (!pickup) return;
    try {
      const collected = await collect({ code: pickup.code }).unwrap();
      setDone({ name: collected.rewardName, quantity: collected.quantity });
    } catch {
      // Shown from the mutation's error.
    }
  };

  const nextPickup = () => {
    setDone(undefined);
    collecting.reset();
    form.resetFields();
    codeInput.current?.focus();
  };

  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={1} className="page-title">
          {t('rewards.nav.pickup')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('rewards.pickup.subtitle')}</Typography.Text>
      </div>
      <Card>
        <Form form={form} layout="inline" onFinish={find} style={{ rowGap: 8 }}>
          <Form.Item
            name="code"
            label={t('rewards.pickup.code')}
            rules={[{ required: true, whitespace: true, message: t('rewards.pickup.codeRequired') }]}
            extra={t('rewards.pickup.hint')}
          >
            <Input
              ref={codeInput}
              autoFocus
              autoComplete="off"
              maxLength={20}
              placeholder={t('rewards.pickup.codePlaceholder')}
              style={{ width: 320, fontFamily: 'monospace', letterSpacing: '0.08em' }}
            />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={looked.isFetching}>
              {looked.isFetching ? t('rewards.pickup.looking') : t('rewards.pickup.lookUp')}
            </Button>
          </Form.Item>
        </Form>
      </Card>
      {looked.error && !looked.isFetching && (
        <Alert
          type="error"
          showIcon
          title={t('rewards.pickup.lookUpFailed')}
          description={problemText(looked.error, t, language)}
        />
      )}
      {done ? (
        <Card>
          <Result
            status="success"
            icon={<CheckCircleOutlined />}
            title={<h2 className="result-heading">{t('rewards.pickup.collected', done)}</h2>}
            extra={
              <Button type="primary" onClick={nextPickup}>
                {t('rewards.pickup.another')}
              </Button>
            }
          />
        </Card>
      ) : (
        pickup &&
        !looked.isFetching &&
        !looked.error && (
          <Card
            title={<h2 className="card-heading">{pickup.rewardName}</h2>}
            extra={
              <Badge
                status={STATE_BADGES[pickup.state]}
                text={t(`rewards.pickup.state.${pickup.state}`)}
                style={{ whiteSpace: 'nowrap' }}
              />
            }
          >
            <Flex gap={24} wrap align="flex-start">
              {pickup.imageUrl ? (
                <Image
                  src={pickup.imageUrl}
                  alt={pickup.rewardName}
                  width={160}
                  height={160}
                  style={{ objectFit: 'cover', borderRadius: 8 }}
                />
              ) : (
                <Flex
                  align="center"
                  justify="center"
                  role="img"
                  aria-label={t('rewards.pickup.noPicture')}
                  style={{ width: 160, height: 160, background: '#f0f2f5', borderRadius: 8 }}
                >
                  <PictureOutlined style={{ fontSize: 40, color: '#8c8c8c' }} />
                </Flex>
              )}
              <Flex vertical gap={16} style={{ flex: 1, minWidth: 360 }}>
                <Descriptions
                  column={2}
                  size="small"
                  items={[
                    { key: 'item', label: t('rewards.pickup.item'), children: pickup.rewardName },
                    { key: 'quantity', label: t('rewards.pickup.quantity'), children: pickup.quantity },
                    {
                      key: 'member',
                      label: t('rewards.pickup.member'),
                      children: pickup.member.name ?? t('rewards.pickup.noName'),
                    },
                    { key: 'phone', label: t('rewards.pickup.phone'), children: pickup.member.phone ?? '—' },
                    {
                      key: 'memberId',
                      label: t('rewards.pickup.memberId'),
                      children: <span style={{ fontFamily: 'monospace' }}>{pickup.member.customerId}</span>,
                      span: 2,
                    },
                    pickup.collectedAt
                      ? {
                          key: 'collectedAt',
                          label: t('rewards.pickup.collectedAt'),
                          children: formatDateTime(pickup.collectedAt, language),
                        }
                      : {
                          key: 'expiresAt',
                          label: t('rewards.pickup.expiresAt'),
                          children: formatDateTime(pickup.expiresAt, language),
                        },
                  ]}
                />
                {collecting.error && (
                  <Alert
                    type="error"
                    showIcon
                    title={t('rewards.pickup.collectFailed')}
                    description={problemText(collecting.error, t, language)}
                  />
                )}
                {pickup.state === 'ready' ? (
                  <Button
                    type="primary"
                    size="large"
                    loading={collecting.isLoading}
                    onClick={() => void confirm()}
                    style={{ alignSelf: 'flex-start' }}
                  >
                    {collecting.isLoading ? t('rewards.pickup.collecting') : t('rewards.pickup.confirm')}
                  </Button>
                ) : (
                  <Alert type="warning" showIcon title={t('rewards.pickup.notReady')} />
                )}
              </Flex>
            </Flex>
          </Card>
        )
      )}
    </Flex>
  );
}
