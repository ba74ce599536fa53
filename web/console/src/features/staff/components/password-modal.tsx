import { Alert, Form, Input, Modal } from 'antd';
import { problemText } from '@sbm/web-shared/problems';
import { useTranslation } from 'react-i18next';

/** A new password for a staff member, set by an admin (audited; the password is never kept in it). */
export function PasswordModal({
  name,
  open,
  saving,
  error,
  onSubmit,
  onCancel,
}: {
  name: string;
  open: boolean;
  saving: boolean;
  error: unknown;
  onSubmit: (password: string) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<{ password: string }>();
  const title = t('staff.password.title', { name });
  return (
    <Modal
      open={open}
      title={title}
      okText={t('staff.password.submit')}
      cancelText={t('staff.cancel')}
      okButtonProps={{ loading: saving }}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
      forceRender
      // What was typed for one staff member (a password above all) is not shown for the next.
      afterOpenChange={(visible) => {
        if (!visible) form.resetFields();
      }}
    >
      <Form<{ password: string }>
        form={form}
        layout="vertical"
        requiredMark={false}
        preserve={false}
        name="staff-password"
        onFinish={({ password }) => onSubmit(password)}
        aria-label={title}
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
          label={t('staff.form.newPassword')}
          name="password"
          extra={t('staff.form.passwordHelp')}
          rules={[{ required: true, min: 12, max: 256, message: t('staff.form.passwordRequired') }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
