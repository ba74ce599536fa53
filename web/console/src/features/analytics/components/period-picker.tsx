import { DatePicker, Flex, Segmented } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useTranslation } from 'react-i18next';
import { lastDays, MAX_PERIOD_DAYS, presetOf, PRESETS, type Period } from '@/features/dashboard';

/** The last 7, 30 or 90 days, or any period up to today of at most `maxDays` days. */
export function PeriodPicker({
  period,
  today,
  onChange,
  maxDays = MAX_PERIOD_DAYS,
}: {
  period: Period;
  today: string;
  onChange: (period: Period) => void;
  maxDays?: number;
}) {
  const { t, i18n } = useTranslation();
  // The date picker names months and weekdays in dayjs' language.
  dayjs.locale(i18n.language === 'zh-CN' ? 'zh-cn' : 'en');
  const preset = presetOf(period, today);
  return (
    <Flex gap={12} wrap align="center">
      <Segmented<number | 'custom'>
        aria-label={t('analytics.period')}
        value={preset ?? 'custom'}
        options={[
          ...PRESETS.map((days) => ({ value: days, label: t('analytics.lastDays', { days }) })),
          { value: 'custom' as const, label: t('analytics.custom'), disabled: true },
        ]}
        onChange={(value) => typeof value === 'number' && onChange(lastDays(today, value))}
      />
      <DatePicker.RangePicker
        aria-label={t('analytics.period')}
        allowClear={false}
        value={[dayjs(period.from), dayjs(period.to)]}
        placeholder={[t('analytics.periodStart'), t('analytics.periodEnd')]}
        disabledDate={(current: Dayjs, { from }) =>
          current.format('YYYY-MM-DD') > today ||
          (from !== undefined && Math.abs(current.diff(from, 'day')) >= maxDays)
        }
        onChange={(range) => {
          const [start, end] = range ?? [];
          if (start && end) onChange({ from: start.format('YYYY-MM-DD'), to: end.format('YYYY-MM-DD') });
        }}
      />
    </Flex>
  );
}
