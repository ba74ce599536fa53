import { Tag } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export type Tone = 'ok' | 'warn' | 'bad' | 'muted';

/** A state as a tag whose text keeps WCAG AA contrast on its tint (Ant Design's coloured tags do not). */
export function StateTag({ tone, children }: { tone: Tone; children: ReactNode }) {
  return <Tag className={`state-tag state-tag-${tone}`}>{children}</Tag>;
}

export function StoreStatus({ active }: { active: boolean }) {
  const { t } = useTranslation();
  return active ? (
    <StateTag tone="ok">{t('stores.list.active')}</StateTag>
  ) : (
    <StateTag tone="muted">{t('stores.list.inactive')}</StateTag>
  );
}
