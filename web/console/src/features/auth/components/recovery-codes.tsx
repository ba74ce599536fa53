import { Alert, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { stepStyles } from './step-styles';

/** Recovery codes, shown once: each good once, to keep somewhere other than the phone. */
export function RecoveryCodes({
  codes,
  strings,
}: {
  codes: string[];
  strings: 'signIn.enrol' | 'staff.account';
}) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={12}>
      <Alert type="warning" showIcon title={t(`${strings}.codesOnce`)} />
      <Typography.Paragraph copyable={{ text: codes.join('\n') }} style={{ marginBottom: 0 }}>
        {t(`${strings}.copyCodes`)}
      </Typography.Paragraph>
      <ul style={stepStyles.codes} aria-label={t(`${strings}.codesLabel`)}>
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
    </Flex>
  );
}
