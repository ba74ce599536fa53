import { Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from './audit-page';

/** Who acted: a staff member by name and email, else what kind of actor it was. */
export function ActorName({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  if (entry.actorKind === 'staff')
    return entry.actorName ? (
      <Flex vertical>
        <span>{entry.actorName}</span>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {entry.actorEmail}
        </Typography.Text>
      </Flex>
    ) : (
      <Flex vertical>
        <span>{t('audit.formerStaff')}</span>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {entry.actor}
        </Typography.Text>
      </Flex>
    );
  if (entry.actorKind === 'member')
    return (
      <Flex vertical>
        <span>{t('audit.actorKind.member')}</span>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {entry.actor}
        </Typography.Text>
      </Flex>
    );
  return <span>{t(`audit.actorKind.${entry.actorKind}`)}</span>;
}
