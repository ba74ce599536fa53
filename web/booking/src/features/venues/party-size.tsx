import { MinusOutlined, PlusOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';

/** How many people: a stepper from 1 to the venue's largest party. */
export function PartySize({
  value,
  max,
  onChange,
}: {
  value: number;
  max: number;
  onChange: (size: number) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="party-size" role="group" aria-labelledby="party-size-label">
      <span id="party-size-label">{t('availability.partySize')}</span>
      <Button
        shape="circle"
        icon={<MinusOutlined />}
        aria-label={t('availability.fewer')}
        disabled={value <= 1}
        onClick={() => onChange(Math.max(1, value - 1))}
      />
      <output aria-live="polite" className="party-size-value">
        {value}
      </output>
      <Button
        shape="circle"
        icon={<PlusOutlined />}
        aria-label={t('availability.more')}
        disabled={value >= max}
        onClick={() => onChange(Math.min(max, value + 1))}
      />
    </div>
  );
}
