import { Form, Input, Modal } from 'antd';
import { problemText } from '@sbm/web-shared/problems';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRenameStoreMutation, type Store } from '../api/stores';

export function RenameStoreModal({
  store,
  open,
  onClose,
  onRenamed,
}: {
  store: Store;
  open: boolean;
  onClose: () => void;
  onRenamed: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<{ name: string }>();
  const [renameStore, { isLoading }] = useRenameStoreMutation();
  const [failure, setFailure] = useState<string>();

  async function submit({ name }: { name: string }) {
    setFailure(undefined);
    try {
      await renameStore({ storeId: store.storeId, body: { name } }).unwrap();
      onRenamed();
    } catch (error) {
      setFailure(problemText(error, t, i18n.language));
    }
  }

  return (
    <Modal
      open={open}
      title={t('stores.detail.renameTitle')}
      okText={t('stores.detail.save')}
      cancelText={t('stores.create.cancel')}
      confirmLoading={isLoading}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ name: store.name }}
        onFinish={(values) => void submit(values)}
        requiredMark={false}
      >
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
