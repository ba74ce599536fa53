import { Button, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Pages of a cursor-paginated list: the cursors of the pages seen so far, so "previous" goes back
 * without the API having to page backwards.
 */
export function useCursorPages() {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  return {
    cursor: cursors.at(-1),
    page: cursors.length,
    next: (cursor: string) => setCursors((seen) => [...seen, cursor]),
    previous: () => setCursors((seen) => (seen.length > 1 ? seen.slice(0, -1) : seen)),
    first: () => setCursors([undefined]),
  };
}

/** Previous and next under a list; hidden when the whole list fits on one page. */
export function CursorPager({
  pages,
  nextCursor,
}: {
  pages: ReturnType<typeof useCursorPages>;
  nextCursor: string | null | undefined;
}) {
  const { t } = useTranslation();
  if (pages.page === 1 && !nextCursor) return null;
  return (
    <nav aria-label={t('stores.pager.label')}>
      <Flex justify="flex-end" align="center" gap={12} className="cursor-pager">
        <Button onClick={pages.previous} disabled={pages.page === 1}>
          {t('stores.pager.previous')}
        </Button>
        <Typography.Text aria-current="page">{t('stores.pager.page', { page: pages.page })}</Typography.Text>
        <Button onClick={() => nextCursor && pages.next(nextCursor)} disabled={!nextCursor}>
          {t('stores.pager.next')}
        </Button>
      </Flex>
    </nav>
  );
}
