import { Form, Input, Modal } from 'antd';
import { problemText } from '@sbm/web-shared/problems';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCreateStoreMutation } from '../api/stores';

const STORE_ID = /^[a-z0-9][a-z0-9-]{1,39}$/;

/** A new store: its id (fixed for ever) and its name. */
export function CreateStoreModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (name: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<{ storeId: string; name: string }>();
  const [createStore, { isLoading }] = useCreateStoreMutation();
  const [failure, setFailure] = useState<string>();

  async function submit(values: { storeId: string; name: string }) {
    setFailure(undefined);
    try {
      const store = await createStore({ body: values }).unwrap();
      form.resetFields();
      onCreated(store.name);
    } catch (error) {
      setFailure(problemText(error, t, i18n.language));
    }
  }

  return (
    <Modal
      open={open}
      title={t('stores.create.title')}
      okText={t('stores.create.submit')}
      cancelText={t('stores.create.cancel')}
      confirmLoading={isLoading}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(values) => void submit(values)} requiredMark={false}>
        <Form.Item
          name="storeId"
          label={t('stores.create.storeId')}
          extra={t('stores.create.storeIdHint')}
          rules={[
            { required: true, message: t('stores.create.storeIdRequired') },
            { pattern: STORE_ID, message: t('stores.create.storeIdInvalid') },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('stores.create.name')}
          rules={[{ required: true, whitespace: true, message: t('stores.create.nameRequired') }]}
          validateStatus={failure ? 'error' : undefined}
          help={failure}
        >
          <Input maxLength={80} autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
