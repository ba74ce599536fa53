import { Card, Descriptions, Typography } from 'antd';
import { formatDateTime } from '@sbm/web-shared/format';
import { useTranslation } from 'react-i18next';
import type { Customer } from '../api/customers';

/** The profile exactly as the API gave it: masked for a role without customers:pii, never unmasked here. */
export function ProfileCard({ customer }: { customer: Customer }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const notGiven = <Typography.Text type="secondary">{t('customers.member.notGiven')}</Typography.Text>;
  const consent = customer.marketingConsent;
  return (
    <Card title={<h2 className="card-heading">{t('customers.member.profile')}</h2>} className="figure-card">
      <Descriptions
        column={1}
        size="small"
        items={[
          { key: 'name', label: t('customers.member.name'), children: customer.name ?? notGiven },
          { key: 'phone', label: t('customers.member.phone'), children: customer.phone ?? notGiven },
          {
            key: 'gender',
            label: t('customers.member.gender'),
            children: customer.gender ? t(`customers.gender.${customer.gender}`) : notGiven,
          },
          { key: 'birthday', label: t('customers.member.birthday'), children: customer.birthday ?? notGiven },
          {
            key: 'memberSince',
            label: t('customers.member.memberSince'),
            children: formatDateTime(customer.memberSince, language),
          },
          {
            key: 'consent',
            label: t('customers.member.consent'),
            children: consent
              ? t(consent.granted ? 'customers.member.consentGranted' : 'customers.member.consentWithdrawn', {
                  version: consent.version,
                  at: formatDateTime(consent.recordedAt, language),
                })
              : t('customers.member.consentNone'),
          },
        ]}
      />
    </Card>
  );
}
