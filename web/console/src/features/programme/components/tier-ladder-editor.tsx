import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Flex,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Skeleton,
  message as antMessage,
} from 'antd';
import type { TierLadder } from '@sbm/web-shared/api';
import { asApiError, problemText } from '@sbm/web-shared/problems';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useGetTierLadderQuery, useSaveTierLadderMutation } from '../api/programme';
import { formPathOf, LADDER_SIZE, MAX_BENEFITS, tierIssue, type TierDraft } from '../ladder-rules';

interface LadderForm {
  tiers: TierDraft[];
}

type Field = 'code' | 'name' | 'qualifyingPoints' | 'benefits';

/** The tier ladder, lowest first: each tier's code, name, threshold and benefits, checked beside each field. */
export function TierLadderEditor() {
  const { t, i18n } = useTranslation();
  const [message, messages] = antMessage.useMessage();
  const { data, error, isLoading, refetch } = useGetTierLadderQuery();
  const [save, saving] = useSaveTierLadderMutation();
  const [form] = Form.useForm<LadderForm>();

  useEffect(() => {
    if (data) form.setFieldsValue({ tiers: data.tiers });
  }, [data, form]);

  const rule = (index: number, field: Field) => ({
    validator: async () => {
      const issue = tierIssue(form.getFieldValue('tiers') ?? [], index, field);
      if (issue) throw new Error(t(`programme.tiers.issue.${issue}`));
    },
  });

  const submit = async ({ tiers }: LadderForm) => {
    const ladder: TierLadder = tiers.map((tier) => ({
      code: tier.code!.trim(),
      name: tier.name!.trim(),
      qualifyingPoints: tier.qualifyingPoints!,
      benefits: (tier.benefits ?? []).map((benefit) => benefit.trim()).filter(Boolean),
    }));
    try {
      await save({ body: { tiers: ladder } }).unwrap();
      void message.success(t('programme.tiers.saved'));
    } catch (failure) {
      const problem = asApiError(failure);
      const fields = (problem.fields ?? []).flatMap((field) => {
        const name = formPathOf(field.field);
        return name ? [{ name, errors: [field.message] }] : [];
      });
      if (fields.length) form.setFields(fields);
      void message.error(problemText(failure, t, i18n.language));
    }
  };

  if (error && !data)
    return (
      <Alert
        type="error"
        showIcon
        title={t('programme.loadFailed')}
        description={problemText(error, t, i18n.language)}
        action={<Button onClick={() => void refetch()}>{t('app.retry')}</Button>}
      />
    );
  if (isLoading) return <Skeleton active paragraph={{ rows: 8 }} />;

  return (
    <Card
      title={<h2 className="card-heading">{t('programme.tiers.title')}</h2>}
      extra={<span className="card-hint">{t('programme.tiers.hint')}</span>}
    >
      {messages}
      <Form<LadderForm>
        form={form}
        layout="vertical"
        onFinish={(values) => void submit(values)}
        requiredMark={false}
      >
        <Form.List
          name="tiers"
          rules={[
            {
              validator: async (_, tiers: unknown[] | undefined) => {
                const count = tiers?.length ?? 0;
                if (count < LADDER_SIZE.min || count > LADDER_SIZE.max)
                  throw new Error(t('programme.tiers.issue.size', LADDER_SIZE));
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <Flex vertical gap={12}>
              {fields.map((field, index) => (
                <Card
                  key={field.key}
                  size="small"
                  type="inner"
                  // The fields' own bottom margin, kept for their messages, is the card's.
                  styles={{ body: { paddingBottom: 0 } }}
                  title={
                    index === 0
                      ? t('programme.tiers.entryTier', { n: index + 1 })
                      : t('programme.tiers.tierN', { n: index + 1 })
                  }
                  extra={
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      disabled={fields.length <= LADDER_SIZE.min}
                      onClick={() => remove(field.name)}
                      aria-label={t('programme.tiers.remove', { n: index + 1 })}
                    >
                      {t('programme.tiers.removeShort')}
                    </Button>
                  }
                >
                  <Row gutter={16}>
                    <Col span={5}>
                      <Form.Item
                        name={[field.name, 'code']}
                        label={t('programme.tiers.code')}
                        tooltip={t('programme.tiers.codeHint')}
                        rules={[rule(index, 'code')]}
                        dependencies={fields.slice(0, index).map((other) => ['tiers', other.name, 'code'])}
                      >
                        <Input placeholder="gold" />
                      </Form.Item>
                    </Col>
                    <Col span={5}>
                      <Form.Item
                        name={[field.name, 'name']}
                        label={t('programme.tiers.name')}
                        rules={[rule(index, 'name')]}
                      >
                        <Input placeholder={t('programme.tiers.namePlaceholder')} />
                      </Form.Item>
                    </Col>
                    <Col span={5}>
                      <Form.Item
                        name={[field.name, 'qualifyingPoints']}
                        label={t('programme.tiers.threshold')}
                        tooltip={t('programme.tiers.thresholdHint')}
                        rules={[rule(index, 'qualifyingPoints')]}
                        dependencies={
                          index > 0 ? [['tiers', fields[index - 1]!.name, 'qualifyingPoints']] : []
                        }
                      >
                        <InputNumber min={0} step={100} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col span={9}>
                      <Form.Item
                        name={[field.name, 'benefits']}
                        label={t('programme.tiers.benefits')}
                        tooltip={t('programme.tiers.benefitsHint', { max: MAX_BENEFITS })}
                        rules={[rule(index, 'benefits')]}
                      >
                        <Select
                          mode="tags"
                          open={false}
                          suffixIcon={null}
                          placeholder={t('programme.tiers.benefitsPlaceholder')}
                        />
                      </Form.Item>
                    </Col>
                  </Row>
                </Card>
              ))}
              <Form.ErrorList errors={errors} />
              <Flex gap={12} justify="space-between" wrap>
                <Button
                  icon={<PlusOutlined />}
                  disabled={fields.length >= LADDER_SIZE.max}
                  onClick={() => add({ code: '', name: '', qualifyingPoints: null, benefits: [] })}
                >
                  {t('programme.tiers.add')}
                </Button>
                <Flex gap={12}>
                  <Button onClick={() => data && form.setFieldsValue({ tiers: data.tiers })}>
                    {t('programme.discard')}
                  </Button>
                  <Button type="primary" htmlType="submit" loading={saving.isLoading}>
                    {t('programme.tiers.save')}
                  </Button>
                </Flex>
              </Flex>
            </Flex>
          )}
        </Form.List>
      </Form>
    </Card>
  );
}
