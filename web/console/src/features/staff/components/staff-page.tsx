import { DownOutlined, PlusOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import type { ListStaffApiResponse } from '@sbm/web-shared/api';
import {
  Alert,
  Button,
  Dropdown,
  Empty,
  Flex,
  message,
  Modal,
  Result,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { formatDateTime } from '@sbm/web-shared/format';
import { problemText } from '@sbm/web-shared/problems';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShellProfile } from '@/features/shell';
import { CursorPager, useCursorPages } from '@/components/cursor-pager';
import { useDocumentTitle } from '@/lib/use-document-title';
import {
  useCreateStaffMutation,
  useDeactivateStaffMutation,
  useListStaffQuery,
  useListStoresQuery,
  useResetStaffPasswordMutation,
  useResetStaffTwoFactorMutation,
  useSetStaffRolesMutation,
  useUnlockStaffMutation,
} from '../api/staff';
import { PasswordModal } from './password-modal';
import { PolicyCard } from './policy-card';
import { StaffFormModal, type StaffFormValues } from './staff-form-modal';

type StaffMember = ListStaffApiResponse['items'][number];
const PAGE_SIZE = 20;
// Solid tags with white text dark enough for WCAG AA (Ant Design's preset light tags fall short).
const ON_COLOUR = '#1b6e34';
const ACTIVE_COLOUR = '#1456c9';

/** What is being done to whom: one dialog at a time. */
type Dialog =
  | { kind: 'create' }
  | { kind: 'roles' | 'password' | 'deactivate' | 'resetTwoFactor'; staff: StaffMember }
  | null;

/**
 * Staff management: the list (newest first, page by page with the API's cursors), adding a staff member,
 * their roles and stores, a new password, lifting a sign-in lock, resetting two-factor sign-in and
 * deactivating; and the two-factor policy for admins.
 */
export function StaffPage() {
  const { t, i18n } = useTranslation();
  const profile = useShellProfile();
  const canWrite = profile.permissions.has('staff:write');
  useDocumentTitle(t('staff.title'));
  const [notice, noticeHolder] = message.useMessage();

  const pages = useCursorPages();
  const { cursor } = pages;
  const list = useListStaffQuery({ limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) });
  const stores = useListStoresQuery({ limit: 100 });
  const storeNames = useMemo(
    () => new Map((stores.data?.items ?? []).map((store) => [store.storeId, store.name])),
    [stores.data],
  );

  const [dialog, setDialog] = useState<Dialog>(null);
  const [create, created] = useCreateStaffMutation();
  const [setRoles, rolesSet] = useSetStaffRolesMutation();
  const [resetPassword, passwordReset] = useResetStaffPasswordMutation();
  const [deactivate, deactivated] = useDeactivateStaffMutation();
  const [unlock] = useUnlockStaffMutation();
  const [resetTwoFactor, twoFactorReset] = useResetStaffTwoFactorMutation();

  const close = () => {
    created.reset();
    rolesSet.reset();
    passwordReset.reset();
    deactivated.reset();
    twoFactorReset.reset();
    setDialog(null);
  };
  /** Runs a change; on success closes the dialog and says so, on failure the dialog says why. */
  const run = async (change: () => Promise<unknown>, done: string) => {
    try {
      await change();
      close();
      void notice.success(done);
    } catch {
      // The dialog shows the mutation's error.
    }
  };
  const unlockStaff = async (staff: StaffMember) => {
    try {
      const answer = await unlock({ staffId: staff.id }).unwrap();
      void notice.success(t('staff.unlock.done', { name: staff.name, count: answer.failuresCleared }));
    } catch (error) {
      void notice.error(problemText(error, t, i18n.language));
    }
  };

  const storesOf = (staff: StaffMember) =>
    staff.storeIds.length === 0 ? (
      <Typography.Text type="secondary">{t('staff.allStores')}</Typography.Text>
    ) : (
      <Flex gap={4} wrap>
        {staff.storeIds.map((id) => (
          <Tag key={id} style={{ whiteSpace: 'normal', maxWidth: '100%' }}>
            {storeNames.get(id) ?? id}
          </Tag>
        ))}
      </Flex>
    );

  const columns = [
    {
      title: t('staff.columns.name'),
      key: 'name',
      width: 240,
      render: (_: unknown, staff: StaffMember) => (
        <Flex vertical>
          <Typography.Text strong>{staff.name}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 13, wordBreak: 'break-all' }}>
            {staff.email}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('staff.columns.roles'),
      key: 'roles',
      render: (_: unknown, staff: StaffMember) => (
        <Flex gap={4} wrap>
          {staff.roles.map((role) => (
            <Tag key={role}>{t(`staff.roles.${role}`)}</Tag>
          ))}
        </Flex>
      ),
    },
    {
      title: t('staff.columns.stores'),
      key: 'stores',
      render: (_: unknown, staff: StaffMember) => storesOf(staff),
    },
    {
      title: t('staff.columns.twoFactor'),
      key: 'twoFactor',
      width: 110,
      render: (_: unknown, staff: StaffMember) =>
        staff.twoFactorEnabled ? (
          <Tag color={ON_COLOUR} icon={<SafetyCertificateOutlined />}>
            {t('staff.twoFactorOn')}
          </Tag>
        ) : (
          <Tag>{t('staff.twoFactorOff')}</Tag>
        ),
    },
    {
      title: t('staff.columns.status'),
      key: 'status',
      width: 100,
      render: (_: unknown, staff: StaffMember) =>
        staff.active ? (
          <Tag color={ACTIVE_COLOUR}>{t('staff.active')}</Tag>
        ) : (
          <Tag>{t('staff.inactive')}</Tag>
        ),
    },
    {
      title: t('staff.columns.added'),
      key: 'added',
      width: 160,
      render: (_: unknown, staff: StaffMember) => formatDateTime(staff.createdAt, i18n.language),
    },
    ...(canWrite
      ? [
          {
            title: t('staff.columns.actions'),
            key: 'actions',
            width: 290,
            render: (_: unknown, staff: StaffMember) =>
              staff.active ? (
                <Space size={0} wrap>
                  <Button type="link" size="small" onClick={() => setDialog({ kind: 'roles', staff })}>
                    {t('staff.actions.editRoles')}
                  </Button>
                  <Dropdown
                    trigger={['click']}
                    menu={{
                      items: [
                        { key: 'password', label: t('staff.actions.password') },
                        { key: 'unlock', label: t('staff.actions.unlock') },
                        {
                          key: 'resetTwoFactor',
                          label: t('staff.actions.resetTwoFactor'),
                          disabled: !staff.twoFactorEnabled,
                        },
                        { type: 'divider' },
                        {
                          key: 'deactivate',
                          label: t('staff.actions.deactivate'),
                          danger: true,
                          disabled: staff.id === profile.id,
                          title: staff.id === profile.id ? t('staff.deactivate.self') : undefined,
                        },
                      ],
                      onClick: ({ key }) => {
                        if (key === 'unlock') void unlockStaff(staff);
                        else setDialog({ kind: key as 'password' | 'resetTwoFactor' | 'deactivate', staff });
                      },
                    }}
                  >
                    <Button type="link" size="small" aria-label={`${t('staff.actions.more')}: ${staff.name}`}>
                      {t('staff.actions.more')} <DownOutlined />
                    </Button>
                  </Dropdown>
                </Space>
              ) : null,
          },
        ]
      : []),
  ];

  const staffOf = dialog && dialog.kind !== 'create' ? dialog.staff : undefined;

  return (
    <Flex vertical gap={24} className="page">
      {noticeHolder}
      <Flex justify="space-between" align="flex-end" wrap gap={16}>
        <div>
          <Typography.Title level={1} className="page-title">
            {t('staff.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('staff.subtitle')}</Typography.Text>
        </div>
        {canWrite ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })}>
            {t('staff.add')}
          </Button>
        ) : null}
      </Flex>
      <PolicyCard canChange={canWrite} onChanged={(text) => void notice.success(text)} />
      {list.error ? (
        <Result
          status="error"
          title={<h2 style={{ margin: 0 }}>{t('staff.listFailed')}</h2>}
          subTitle={problemText(list.error, t, i18n.language)}
          extra={
            <Button
              onClick={() => {
                pages.first();
                void list.refetch();
              }}
            >
              {t('app.retry')}
            </Button>
          }
        />
      ) : (
        <div>
          <Table<StaffMember>
            rowKey="id"
            aria-label={t('staff.list')}
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            pagination={false}
            tableLayout="fixed"
            locale={{ emptyText: <Empty description={t('staff.empty')} /> }}
          />
          <CursorPager pages={pages} nextCursor={list.data?.nextCursor} label={t('staff.list')} />
        </div>
      )}

      <StaffFormModal
        mode="create"
        open={dialog?.kind === 'create'}
        title={t('staff.create.title')}
        okText={t('staff.create.submit')}
        saving={created.isLoading}
        error={created.error}
        onCancel={close}
        onSubmit={(values: StaffFormValues) =>
          void run(
            async () => {
              await create({ body: { ...values, email: values.email.trim() } }).unwrap();
              pages.first();
            },
            t('staff.create.done', { name: values.name }),
          )
        }
      />
      <StaffFormModal
        key={staffOf?.id}
        mode="roles"
        open={dialog?.kind === 'roles'}
        title={t('staff.editRoles.title', { name: staffOf?.name ?? '' })}
        okText={t('staff.save')}
        initial={staffOf ? { roles: staffOf.roles, storeIds: staffOf.storeIds } : undefined}
        saving={rolesSet.isLoading}
        error={rolesSet.error}
        onCancel={close}
        onSubmit={(values) =>
          staffOf &&
          void run(
            () =>
              setRoles({
                staffId: staffOf.id,
                body: { roles: values.roles, storeIds: values.storeIds },
              }).unwrap(),
            t('staff.editRoles.done', { name: staffOf.name }),
          )
        }
      />
      <PasswordModal
        name={staffOf?.name ?? ''}
        open={dialog?.kind === 'password'}
        saving={passwordReset.isLoading}
        error={passwordReset.error}
        onCancel={close}
        onSubmit={(password) =>
          staffOf &&
          void run(
            () => resetPassword({ staffId: staffOf.id, body: { password } }).unwrap(),
            t('staff.password.done', { name: staffOf.name }),
          )
        }
      />
      <Modal
        open={dialog?.kind === 'deactivate' || dialog?.kind === 'resetTwoFactor'}
        title={
          dialog?.kind === 'deactivate'
            ? t('staff.deactivate.title', { name: staffOf?.name ?? '' })
            : t('staff.resetTwoFactor.title', { name: staffOf?.name ?? '' })
        }
        okText={
          dialog?.kind === 'deactivate' ? t('staff.deactivate.submit') : t('staff.resetTwoFactor.submit')
        }
        cancelText={t('staff.cancel')}
        okButtonProps={{ danger: true, loading: deactivated.isLoading || twoFactorReset.isLoading }}
        onCancel={close}
        onOk={() =>
          staffOf &&
          void (dialog?.kind === 'deactivate'
            ? run(
                () => deactivate({ staffId: staffOf.id }).unwrap(),
                t('staff.deactivate.done', { name: staffOf.name }),
              )
            : run(
                () => resetTwoFactor({ staffId: staffOf.id }).unwrap(),
                t('staff.resetTwoFactor.done', { name: staffOf.name }),
              ))
        }
        destroyOnHidden
      >
        <p>{dialog?.kind === 'deactivate' ? t('staff.deactivate.body') : t('staff.resetTwoFactor.body')}</p>
        {deactivated.error || twoFactorReset.error ? (
          <Alert
            role="alert"
            type="error"
            showIcon
            title={problemText(deactivated.error ?? twoFactorReset.error, t, i18n.language)}
          />
        ) : null}
      </Modal>
    </Flex>
  );
}
