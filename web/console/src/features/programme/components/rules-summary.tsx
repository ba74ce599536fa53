import { Descriptions, Tag } from 'antd';
import type { EarningRules } from '@sbm/web-shared/api';
import { formatMoney } from '@sbm/web-shared/format';
import { useTranslation } from 'react-i18next';

/** A version's rules in words: rate, multipliers, exclusions, minimum spend, pending days, expiry. */
export function RulesSummary({ rules }: { rules: EarningRules }) {
  const { t, i18n } = useTranslation();
  const multipliers = (record: Record<string, number>) => {
    const entries = Object.entries(record);
    return entries.length
      ? entries.map(([key, value]) => <Tag key={key}>{`${key} × ${value}`}</Tag>)
      : t('programme.rules.none');
  };
  const list = (values: string[]) =>
    values.length ? values.map((value) => <Tag key={value}>{value}</Tag>) : t('programme.rules.none');
  const expiry = rules.expiry;
  return (
    <Descriptions
      size="small"
      column={2}
      bordered
      items={[
        {
          key: 'rate',
          label: t('programme.rules.rate'),
          children: t('programme.rules.rateValue', { money: formatMoney(rules.fenPerPoint, i18n.language) }),
        },
        {
          key: 'minimumSpend',
          label: t('programme.rules.minimumSpend'),
          children: formatMoney(rules.minimumSpend, i18n.language),
        },
        {
          key: 'tiers',
          label: t('programme.rules.tierMultipliers'),
          children: multipliers(rules.tierMultipliers),
        },
        {
          key: 'stores',
          label: t('programme.rules.storeMultipliers'),
          children: multipliers(rules.storeMultipliers),
        },
        {
          key: 'categories',
          label: t('programme.rules.categoryMultipliers'),
          children: multipliers(rules.categoryMultipliers),
        },
        {
          key: 'lockDays',
          label: t('programme.rules.lockDays'),
          children: t('programme.rules.days', { count: rules.lockDays }),
        },
        {
          key: 'excludedCategories',
          label: t('programme.rules.excludedCategories'),
          children: list(rules.excludedCategories),
        },
        { key: 'excludedSkus', label: t('programme.rules.excludedSkus'), children: list(rules.excludedSkus) },
        {
          key: 'expiry',
          label: t('programme.rules.expiry'),
          span: 2,
          children: t(`programme.rules.expiryMode.${expiry.mode}`, {
            months: 'months' in expiry ? expiry.months : undefined,
            days: 'days' in expiry ? expiry.days : undefined,
          }),
        },
      ]}
    />
  );
}
