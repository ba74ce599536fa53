import { Button, Flex, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Pages of a cursor-paginated list: the cursors of the pages walked so far, so Previous goes back
 * without the API having to page backwards. `reset` starts over (new filters).
 */
export function useCursorPages() {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const next = useCallback((nextCursor: string) => setCursors((walked) => [...walked, nextCursor]), []);
  const previous = useCallback(() => setCursors((walked) => walked.slice(0, -1)), []);
  const reset = useCallback(() => setCursors([undefined]), []);
  return { cursor, page: cursors.length, next, previous, reset };
}

/** Previous and Next under a list, with the page number. */
export function CursorPager({
  pages,
  nextCursor,
  disabled,
}: {
  pages: ReturnType<typeof useCursorPages>;
  nextCursor: string | null | undefined;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  if (pages.page === 1 && !nextCursor) return null;
  return (
    <Flex justify="flex-end" align="center" gap={12}>
      <Typography.Text type="secondary">{t('rewards.pager.page', { page: pages.page })}</Typography.Text>
      <Button disabled={disabled || pages.page === 1} onClick={pages.previous}>
        {t('rewards.pager.previous')}
      </Button>
      <Button disabled={disabled || !nextCursor} onClick={() => nextCursor && pages.next(nextCursor)}>
        {t('rewards.pager.next')}
      </Button>
    </Flex>
  );
}
