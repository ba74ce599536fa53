import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { useCursorPages } from '../use-cursor-pages';

/** Previous and next under a list the API pages with cursors; hidden when there is only one page. */
export function CursorPager({
  pages,
  nextCursor,
  label,
}: {
  pages: ReturnType<typeof useCursorPages>;
  nextCursor: string | null | undefined;
  label: string;
}) {
  const { t } = useTranslation();
  if (pages.page === 1 && !nextCursor) return null;
  return (
    <nav aria-label={label}>
      <Flex justify="flex-end" align="center" gap={12} style={{ marginTop: 16 }}>
        <Button icon={<LeftOutlined />} disabled={pages.page === 1} onClick={pages.previous}>
          {t('customers.previousPage')}
        </Button>
        <Typography.Text type="secondary">{t('customers.pageOf', { page: pages.page })}</Typography.Text>
        <Button disabled={!nextCursor} onClick={() => nextCursor && pages.next(nextCursor)}>
          {t('customers.nextPage')}
          <RightOutlined />
        </Button>
      </Flex>
    </nav>
  );
}
