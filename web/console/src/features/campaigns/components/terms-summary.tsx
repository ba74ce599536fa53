import { Descriptions } from 'antd';
import { formatCount, formatDateTime, formatMoney } from '@sbm/web-shared/format';
import { useTranslation } from 'react-i18next';
import type { CampaignDefinition } from '../api/campaigns';

/** A campaign's terms in words, as staff set them in the builder. */
export function TermsSummary({ definition }: { definition: CampaignDefinition }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const { trigger, conditions: c, effects: e, limits: l } = definition;
  const list = (values: readonly (string | number)[]) => values.join('、');
  const conditions = [
    c.stores && `${t('campaigns.builder.stores')}: ${list(c.stores)}`,
    c.categories && `${t('campaigns.builder.categories')}: ${list(c.categories)}`,
    c.skus && `${t('campaigns.builder.skus')}: ${list(c.skus)}`,
    c.minSpend !== undefined && `${t('campaigns.builder.minSpend')}: ${formatMoney(c.minSpend, language)}`,
    c.tiers && `${t('campaigns.builder.tiers')}: ${list(c.tiers)}`,
    c.daysOfWeek &&
      `${t('campaigns.builder.daysOfWeek')}: ${list(c.daysOfWeek.map((day) => t(`campaigns.weekday.${day}`)))}`,
    c.hours && `${c.hours.from}:00–${c.hours.to}:00`,
    c.purchaseNumber !== undefined && `${t('campaigns.builder.purchaseNumber')}: ${c.purchaseNumber}`,
    c.venues && `${t('campaigns.builder.venues')}: ${list(c.venues)}`,
    c.venueKinds &&
      `${t('campaigns.builder.venueKinds')}: ${list(c.venueKinds.map((kind) => t(`campaigns.venueKind.${kind}`)))}`,
    c.minPartySize !== undefined && `${t('campaigns.builder.minPartySize')}: ${c.minPartySize}`,
    c.maxPartySize !== undefined && `${t('campaigns.builder.maxPartySize')}: ${c.maxPartySize}`,
  ].filter(Boolean);
  const effects = [
    e.bonusPoints?.kind === 'fixed' &&
      t('campaigns.terms.bonusFixed', { points: formatCount(e.bonusPoints.points, language) }),
    e.bonusPoints?.kind === 'multiplier' &&
      t('campaigns.terms.bonusMultiplier', { factor: e.bonusPoints.factor }),
    e.reward && t('campaigns.terms.reward', { rewardId: e.reward.rewardId }),
    e.message && t('campaigns.terms.message', { title: e.message.title }),
  ].filter(Boolean);
  const limits = [
    l.pointsBudget !== undefined &&
      `${t('campaigns.builder.pointsBudget')}: ${formatCount(l.pointsBudget, language)}`,
    l.maxParticipants !== undefined &&
      `${t('campaigns.builder.maxParticipants')}: ${formatCount(l.maxParticipants, language)}`,
    l.perCustomer &&
      t('campaigns.terms.perCustomer', {
        count: l.perCustomer.count,
        per: t(`campaigns.builder.per.${l.perCustomer.per}`),
      }),
    definition.holdoutPercent !== undefined &&
      t('campaigns.terms.holdout', { percent: definition.holdoutPercent }),
  ].filter(Boolean);
  const yes = (value: boolean) => (value ? t('campaigns.terms.yes') : t('campaigns.terms.no'));
  let triggerText = t(`campaigns.trigger.${trigger.kind}`);
  if (trigger.kind === 'custom') triggerText += ` · ${trigger.eventName}`;
  if (trigger.kind === 'blast') triggerText += ` · ${formatDateTime(trigger.at, language)}`;
  if (trigger.kind === 'recurring') triggerText += ` · ${trigger.schedule}`;
  return (
    <Descriptions column={1} size="small" bordered styles={{ label: { width: 180 } }}>
      <Descriptions.Item label={t('campaigns.terms.trigger')}>{triggerText}</Descriptions.Item>
      <Descriptions.Item label={t('campaigns.terms.window')}>
        {formatDateTime(definition.startsAt, language)} – {formatDateTime(definition.endsAt, language)}
      </Descriptions.Item>
      <Descriptions.Item label={t('campaigns.terms.conditions')}>
        {conditions.length ? conditions.join('；') : t('campaigns.terms.noConditions')}
      </Descriptions.Item>
      <Descriptions.Item label={t('campaigns.terms.effects')}>{effects.join('；')}</Descriptions.Item>
      <Descriptions.Item label={t('campaigns.terms.limits')}>
        {limits.length ? limits.join('；') : t('campaigns.terms.noLimits')}
      </Descriptions.Item>
      <Descriptions.Item label={t('campaigns.terms.options')}>
        {`${t('campaigns.builder.priority')} ${definition.priority} · ${t('campaigns.builder.optIn')}: ${yes(definition.optIn)} · ${t('campaigns.builder.visibleToMembers')}: ${yes(definition.visibleToMembers)} · ${t('campaigns.builder.exclusive')}: ${yes(definition.exclusive)}`}
      </Descriptions.Item>
    </Descriptions>
  );
}
