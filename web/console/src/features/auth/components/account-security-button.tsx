import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';

// The drawer, its QR code and the qrcode library load when the staff member first opens it.
const AccountSecurityDrawer = lazy(() => import('./account-security'));

/** "My account / security" in the shell's header: opens the staff member's two-factor settings. */
export function AccountSecurityButton() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button
        icon={<SafetyCertificateOutlined />}
        onClick={() => {
          setOpened(true);
          setOpen(true);
        }}
      >
        {t('staff.account.open')}
      </Button>
      {opened ? (
        <Suspense fallback={null}>
          <AccountSecurityDrawer open={open} onClose={() => setOpen(false)} />
        </Suspense>
      ) : null}
    </>
  );
}
