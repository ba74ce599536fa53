import { ArrowLeftOutlined, DeleteOutlined, PictureOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Flex,
  Form,
  Image,
  Input,
  InputNumber,
  Row,
  Select,
  Typography,
  Upload,
} from 'antd';
import { addDays, businessDayOf } from '@sbm/web-shared/format';
import { problemText } from '@sbm/web-shared/problems';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { PageSpinner } from '@/components/page-spinner';
import { useDocumentTitle } from '@/lib/use-document-title';
import {
  pictureProblem,
  postPicture,
  REWARD_CATEGORIES,
  REWARD_TYPES,
  useCreateRewardImageUploadMutation,
  useCreateRewardMutation,
  useGetRewardQuery,
  useUpdateRewardMutation,
  type PictureType,
  type Reward,
  type RewardCategory,
  type RewardType,
} from '../api/rewards';

interface FormValues {
  name: string;
  description?: string;
  type: RewardType;
  category: RewardCategory;
  pointsCost: number;
  stock?: number;
  unlimited?: boolean;
  perCustomerLimit?: number | null;
  validFrom?: Dayjs | null;
  validTo?: Dayjs | null;
  voucherValidDays: number;
  storeId?: string;
}

/** A picture as the form holds it: the key the API accepts once uploaded, and what to preview. */
type Picture = { imageKey?: string; url: string } | undefined;

/** Days are the programme's (Shanghai): a reward opens at the start of its first day, closes after its last. */
const startOfDay = (day: string) => `${day}T00:00:00+08:00`;
const dayOf = (picked: Dayjs) => picked.format('YYYY-MM-DD');
const lastDayOf = (validTo: string) => businessDayOf(new Date(Date.parse(validTo) - 1));

/** Creates a reward, or edits one (`/rewards/:rewardId/edit`): terms, category, picture with preview, stock. */
export default function RewardFormPage() {
  const { rewardId } = useParams();
  const { t, i18n } = useTranslation();
  const editing = Boolean(rewardId);
  const existing = useGetRewardQuery({ rewardId: rewardId ?? '' }, { skip: !editing });
  useDocumentTitle(editing ? t('rewards.form.editTitle') : t('rewards.form.createTitle'));
  if (editing && existing.error)
    return (
      <Alert
        type="error"
        showIcon
        title={t('rewards.form.loadFailed')}
        description={problemText(existing.error, t, i18n.language)}
        action={<Button onClick={() => void existing.refetch()}>{t('app.retry')}</Button>}
      />
    );
  if (editing && !existing.data) return <PageSpinner />;
  return <RewardForm reward={existing.data} />;
}

function RewardForm({ reward }: { reward?: Reward }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const type = Form.useWatch('type', form) ?? reward?.type ?? 'coupon';
  const unlimited = Form.useWatch('unlimited', form);
  const [picture, setPicture] = useState<Picture>(reward?.imageUrl ? { url: reward.imageUrl } : undefined);
  const [pictureError, setPictureError] = useState<string>();
  const [uploading, setUploading] = useState(false);
  const [createUpload] = useCreateRewardImageUploadMutation();
  const [create, creating] = useCreateRewardMutation();
  const [update, updating] = useUpdateRewardMutation();
  const saving = creating.isLoading || updating.isLoading;
  const saveError = creating.error ?? updating.error;

  // A preview of a file not uploaded yet is a blob URL of the page's own: let it go when replaced.
  useEffect(
    () => () => {
      if (picture?.url.startsWith('blob:')) URL.revokeObjectURL(picture.url);
    },
    [picture],
  );

  const choosePicture = async (file: File) => {
    const problem = pictureProblem(file);
    if (problem) return setPictureError(t(`rewards.form.${problem}`));
    setPictureError(undefined);
    setUploading(true);
    try {
      const upload = await createUpload({
        body: { contentType: file.type as PictureType, size: file.size },
      }).unwrap();
      await postPicture(upload, file);
      setPicture({ imageKey: upload.imageKey, url: URL.createObjectURL(file) });
      void message.success(t('rewards.form.uploaded'));
    } catch (failure) {
      setPictureError(
        failure instanceof Error ? t('rewards.form.uploadFailed') : problemText(failure, t, language),
      );
    } finally {
      setUploading(false);
    }
  };

  const submit = async (values: FormValues) => {
    const terms = {
      name: values.name,
      description: values.description || undefined,
      category: values.category,
      pointsCost: values.pointsCost,
      perCustomerLimit: values.perCustomerLimit ?? undefined,
      validFrom: values.validFrom ? startOfDay(dayOf(values.validFrom)) : undefined,
      validTo: values.validTo ? startOfDay(addDays(dayOf(values.validTo), 1)) : undefined,
      voucherValidDays: values.voucherValidDays,
      storeId: values.storeId || undefined,
      ...(picture?.imageKey ? { imageKey: picture.imageKey } : {}),
    };
    try {
      if (reward) {
        const saved = await update({
          rewardId: reward.id,
          body: { ...terms, ...(reward.imageKey && !picture ? { removeImage: true } : {}) },
        }).unwrap();
        void message.success(t('rewards.form.saved', { name: saved.name }));
      } else {
        const stock =
          values.type === 'voucher'
            ? undefined
            : values.type === 'coupon' && values.unlimited
              ? 'unlimited'
              : values.stock;
        const saved = await create({ body: { ...terms, type: values.type, stock } }).unwrap();
        void message.success(t('rewards.form.created', { name: saved.name }));
      }
      void navigate('/rewards');
    } catch {
      // Shown above the buttons from the mutation's error.
    }
  };

  const initialValues: Partial<FormValues> = reward
    ? {
        name: reward.name,
        description: reward.description,
        type: reward.type,
        category: reward.category ?? 'other',
        pointsCost: reward.pointsCost,
        perCustomerLimit: reward.perCustomerLimit,
        validFrom: reward.validFrom ? dayjs(businessDayOf(new Date(reward.validFrom))) : undefined,
        validTo: reward.validTo ? dayjs(lastDayOf(reward.validTo)) : undefined,
        voucherValidDays: reward.voucherValidDays,
        storeId: reward.storeId,
      }
    : { type: 'coupon', category: 'other', voucherValidDays: 30 };

  const title = reward ? t('rewards.form.editTitle') : t('rewards.form.createTitle');
  return (
    <Flex vertical gap={16}>
      <div>
        <Button
          type="link"
          icon={<ArrowLeftOutlined />}
          onClick={() => void navigate('/rewards')}
          style={{ paddingInline: 0 }}
        >
          {t('rewards.form.back')}
        </Button>
        <Typography.Title level={1} className="page-title">
          {reward ? t('rewards.form.editHeading', { name: reward.name }) : title}
        </Typography.Title>
      </div>
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={(values) => void submit(values)}
      >
        <Row gutter={24}>
          <Col xs={24} xl={14}>
            <Card title={<h2 className="card-heading">{t('rewards.form.basics')}</h2>}>
              <Form.Item
                name="name"
                label={t('rewards.form.name')}
                rules={[{ required: true, whitespace: true, message: t('rewards.form.nameRequired') }]}
              >
                <Input maxLength={80} showCount />
              </Form.Item>
              <Form.Item name="description" label={t('rewards.form.description')}>
                <Input.TextArea maxLength={500} showCount autoSize={{ minRows: 2, maxRows: 5 }} />
              </Form.Item>
              <Row gutter={16}>
                <Col span={12}>
                  <Form.Item
                    name="type"
                    label={t('rewards.form.type')}
                    extra={reward ? t('rewards.form.typeLocked') : t('rewards.form.typeHelp')}
                  >
                    <Select
                      disabled={Boolean(reward)}
                      options={REWARD_TYPES.map((value) => ({ value, label: t(`rewards.type.${value}`) }))}
                    />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name="category" label={t('rewards.form.category')}>
                    <Select
                      options={REWARD_CATEGORIES.map((value) => ({
                        value,
                        label: t(`rewards.category.${value}`),
                      }))}
                    />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item label={t('rewards.form.picture')} extra={t('rewards.form.pictureHelp')}>
                <Flex gap={16} align="center">
                  {picture ? (
                    <Image
                      src={picture.url}
                      alt={t('rewards.form.picturePreview')}
                      width={120}
                      height={120}
                      style={{ objectFit: 'cover', borderRadius: 8 }}
                    />
                  ) : (
                    <Flex
                      align="center"
                      justify="center"
                      style={{ width: 120, height: 120, background: '#f0f2f5', borderRadius: 8 }}
                    >
                      <PictureOutlined style={{ fontSize: 32, color: '#8c8c8c' }} aria-hidden />
                    </Flex>
                  )}
                  <Flex vertical gap={8} align="flex-start">
                    <Upload
                      accept="image/jpeg,image/png,image/webp"
                      showUploadList={false}
                      beforeUpload={(file) => {
                        void choosePicture(file);
                        return false;
                      }}
                    >
                      <Button icon={<UploadOutlined />} loading={uploading}>
                        {uploading
                          ? t('rewards.form.uploading')
                          : picture
                            ? t('rewards.form.replacePicture')
                            : t('rewards.form.choosePicture')}
                      </Button>
                    </Upload>
                    {picture && (
                      <Button icon={<DeleteOutlined />} onClick={() => setPicture(undefined)}>
                        {t('rewards.form.removePicture')}
                      </Button>
                    )}
                    {pictureError && (
                      <Typography.Text type="danger" role="alert">
                        {pictureError}
                      </Typography.Text>
                    )}
                  </Flex>
                </Flex>
              </Form.Item>
            </Card>
          </Col>
          <Col xs={24} xl={10}>
            <Card title={<h2 className="card-heading">{t('rewards.form.terms')}</h2>}>
              <Row gutter={16}>
                <Col span={12}>
                  <Form.Item
                    name="pointsCost"
                    label={t('rewards.form.pointsCost')}
                    rules={[{ required: true, message: t('rewards.form.pointsCostRequired') }]}
                  >
                    <InputNumber min={1} max={10_000_000} precision={0} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  {reward ? (
                    <Form.Item label={t('rewards.form.stock')} extra={t('rewards.form.stockLocked')}>
                      <Typography.Text>
                        {reward.stock === 'unlimited' ? t('rewards.unlimited') : reward.stock}
                      </Typography.Text>
                    </Form.Item>
                  ) : type === 'voucher' ? (
                    <Form.Item label={t('rewards.form.stock')} extra={t('rewards.form.stockHelpVoucher')}>
                      <Typography.Text>0</Typography.Text>
                    </Form.Item>
                  ) : (
                    <Form.Item
                      name="stock"
                      label={t('rewards.form.stock')}
                      rules={[
                        {
                          required: !(type === 'coupon' && unlimited),
                          message: t('rewards.form.stockRequired'),
                        },
                      ]}
                    >
                      <InputNumber
                        min={0}
                        max={10_000_000}
                        precision={0}
                        disabled={type === 'coupon' && unlimited}
                        style={{ width: '100%' }}
                      />
                    </Form.Item>
                  )}
                </Col>
              </Row>
              {!reward && type === 'coupon' && (
                <Form.Item name="unlimited" valuePropName="checked" style={{ marginTop: -8 }}>
                  <Checkbox>{t('rewards.form.unlimitedStock')}</Checkbox>
                </Form.Item>
              )}
              <Row gutter={16}>
                <Col span={12}>
                  <Form.Item
                    name="perCustomerLimit"
                    label={t('rewards.form.perCustomerLimit')}
                    extra={t('rewards.form.perCustomerLimitHelp')}
                  >
                    <InputNumber min={1} max={1000} precision={0} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item
                    name="voucherValidDays"
                    label={t('rewards.form.voucherValidDays')}
                    extra={t('rewards.form.voucherValidDaysHelp')}
                  >
                    <InputNumber min={1} max={3650} precision={0} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              </Row>
              <Row gutter={16}>
                <Col span={12}>
                  <Form.Item name="validFrom" label={t('rewards.form.validFrom')}>
                    <DatePicker style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item
                    name="validTo"
                    label={t('rewards.form.validTo')}
                    dependencies={['validFrom']}
                    rules={[
                      ({ getFieldValue }) => ({
                        validator: (_, value: Dayjs | null) => {
                          const from = getFieldValue('validFrom') as Dayjs | null;
                          return !value || !from || !value.isBefore(from, 'day')
                            ? Promise.resolve()
                            : Promise.reject(new Error(t('rewards.form.validToAfter')));
                        },
                      }),
                    ]}
                  >
                    <DatePicker style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              </Row>
              {type === 'physical' && (
                <Form.Item
                  name="storeId"
                  label={t('rewards.form.storeId')}
                  extra={t('rewards.form.storeIdHelp')}
                >
                  <Input maxLength={40} />
                </Form.Item>
              )}
            </Card>
          </Col>
        </Row>
        <Flex vertical gap={12} style={{ marginTop: 16 }}>
          {saveError && (
            <Alert
              type="error"
              showIcon
              title={t('rewards.form.saveFailed')}
              description={problemText(saveError, t, language)}
            />
          )}
          <Flex gap={8}>
            <Button type="primary" htmlType="submit" loading={saving} disabled={uploading}>
              {saving ? t('rewards.form.saving') : reward ? t('rewards.form.save') : t('rewards.form.create')}
            </Button>
            <Button onClick={() => void navigate('/rewards')}>{t('rewards.catalogue.cancel')}</Button>
          </Flex>
        </Flex>
      </Form>
    </Flex>
  );
}
