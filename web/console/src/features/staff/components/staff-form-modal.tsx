import type { StaffRole } from '@sbm/web-shared/api';
import { Alert, Checkbox, Form, Input, Modal, Select } from 'antd';
import { problemText } from '@sbm/web-shared/problems';
import { useTranslation } from 'react-i18next';
import { useListStoresQuery } from '../api/staff';
import { STAFF_ROLES, STORE_SCOPED_ROLES } from '../roles';

export interface StaffFormValues {
  name: string;
  email: string;
  roles: StaffRole[];
  storeIds: string[];
  password: string;
}

/**
 * Adding a staff member (name, email, roles, stores, initial password) or changing the roles and stores
 * of one: the same fields, checked beside each; the API's refusal said in words above them.
 */
export function StaffFormModal({
  mode,
  open,
  title,
  okText,
  initial,
  saving,
  error,
  onSubmit,
  onCancel,
}: {
  mode: 'create' | 'roles';
  open: boolean;
  title: string;
  okText: string;
  initial?: Partial<StaffFormValues>;
  saving: boolean;
  error: unknown;
  onSubmit: (values: StaffFormValues) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<StaffFormValues>();
  const stores = useListStoresQuery({ limit: 100 }, { skip: !open });
  const roles = Form.useWatch('roles', form) ?? [];
  const needsStores = roles.some((role) => STORE_SCOPED_ROLES.includes(role));

  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
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
      width={560}
    >
      <Form<StaffFormValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        preserve={false}
        name={`staff-${mode}`}
        initialValues={{ roles: [], storeIds: [], ...initial }}
        onFinish={onSubmit}
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
        {mode === 'create' ? (
          <>
            <Form.Item
              label={t('staff.form.name')}
              name="name"
              rules={[{ required: true, whitespace: true, message: t('staff.form.nameRequired') }]}
            >
              <Input maxLength={80} autoComplete="off" />
            </Form.Item>
            <Form.Item
              label={t('staff.form.email')}
              name="email"
              rules={[
                { required: true, whitespace: true, message: t('staff.form.emailRequired') },
                { type: 'email', message: t('staff.form.emailInvalid') },
              ]}
            >
              <Input type="email" maxLength={254} autoComplete="off" />
            </Form.Item>
          </>
        ) : null}
        <Form.Item
          label={t('staff.form.roles')}
          name="roles"
          // A validator, not `required`: Ant Design would put aria-required on the group, which ARIA does not allow.
          rules={[
            {
              validator: async (_rule, value: StaffRole[] | undefined) => {
                if (!value?.length) throw new Error(t('staff.form.rolesRequired'));
              },
            },
          ]}
        >
          <Checkbox.Group
            options={STAFF_ROLES.map((role) => ({ value: role, label: t(`staff.roles.${role}`) }))}
          />
        </Form.Item>
        <Form.Item
          label={t('staff.form.stores')}
          name="storeIds"
          extra={stores.error ? t('staff.form.storesUnavailable') : t('staff.form.storesHelp')}
          rules={[
            {
              validator: async (_rule, value: string[] | undefined) => {
                if (needsStores && !value?.length) throw new Error(t('staff.form.storesRequired'));
              },
            },
          ]}
          dependencies={['roles']}
        >
          <Select
            mode="multiple"
            allowClear
            loading={stores.isLoading}
            optionFilterProp="label"
            options={(stores.data?.items ?? []).map((store) => ({
              value: store.storeId,
              label: `${store.name}（${store.storeId}）`,
            }))}
          />
        </Form.Item>
        {mode === 'create' ? (
          <Form.Item
            label={t('staff.form.password')}
            name="password"
            extra={t('staff.form.passwordHelp')}
            rules={[{ required: true, min: 12, max: 256, message: t('staff.form.passwordRequired') }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
