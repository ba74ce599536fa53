import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import { useCallback, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

const FIRST_PAGE: readonly (string | undefined)[] = [undefined];

/**
 * Pages of a list the API pages with cursors: the cursors of the pages walked so far, so that Previous
 * goes back without the API paging backwards. `list` names what is listed (the filters, the member, the
 * campaign): another list starts at its first page, and so does `first()` (after adding an item).
 */
export function useCursorPages(list = '') {
  const [walked, setWalked] = useState({ list, cursors: FIRST_PAGE });
  const cursors = walked.list === list ? walked.cursors : FIRST_PAGE;
  const next = useCallback(
    (cursor: string) =>
      setWalked((seen) => ({ list, cursors: [...(seen.list === list ? seen.cursors : FIRST_PAGE), cursor] })),
    [list],
  );
  const previous = useCallback(
    () =>
      setWalked((seen) => ({
        list,
        cursors: seen.list === list && seen.cursors.length > 1 ? seen.cursors.slice(0, -1) : FIRST_PAGE,
      })),
    [list],
  );
  const first = useCallback(() => setWalked({ list, cursors: FIRST_PAGE }), [list]);
  return { cursor: cursors.at(-1), page: cursors.length, next, previous, first };
}

export type CursorPages = ReturnType<typeof useCursorPages>;

/**
 * Previous and Next under a list, with the page number; hidden when the whole list fits on one page
 * unless `children` (a page-size picker) must stay. `label` names the list for screen readers when a
 * screen has more than one.
 */
export function CursorPager({
  pages,
  nextCursor,
  label,
  disabled,
  children,
}: {
  pages: CursorPages;
  nextCursor: string | null | undefined;
  label?: string;
  disabled?: boolean;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  if (pages.page === 1 && !nextCursor && !children) return null;
  return (
    <nav aria-label={label ?? t('app.pager.label')} style={{ marginTop: 16 }}>
      <Flex justify="flex-end" align="center" gap={12} wrap>
        {children}
        <Button
          icon={<LeftOutlined aria-hidden />}
          disabled={disabled || pages.page === 1}
          onClick={pages.previous}
        >
          {t('app.pager.previous')}
        </Button>
        <Typography.Text type="secondary" aria-current="page">
          {t('app.pager.page', { page: pages.page })}
        </Typography.Text>
        <Button
          icon={<RightOutlined aria-hidden />}
          iconPlacement="end"
          disabled={disabled || !nextCursor}
          onClick={() => nextCursor && pages.next(nextCursor)}
        >
          {t('app.pager.next')}
        </Button>
      </Flex>
    </nav>
  );
}
