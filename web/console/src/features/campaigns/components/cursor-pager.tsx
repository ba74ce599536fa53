import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Pages of a cursor-paginated list: the cursor of the page shown and the ones before it, so a staff
 * member can go back as well as on.
 */
export function useCursorPages(resetKey: string) {
  const [state, setState] = useState<{ key: string; cursors: (string | undefined)[] }>({
    key: resetKey,
    cursors: [undefined],
  });
  // A new filter starts again from the first page.
  const cursors = state.key === resetKey ? state.cursors : [undefined];
  const next = useCallback(
    (cursor: string) => setState({ key: resetKey, cursors: [...cursors, cursor] }),
    [cursors, resetKey],
  );
  const previous = useCallback(
    () => setState({ key: resetKey, cursors: cursors.slice(0, -1) }),
    [cursors, resetKey],
  );
  return { cursor: cursors.at(-1), page: cursors.length, next, previous };
}

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
    <Flex justify="flex-end" align="center" gap={12} style={{ marginTop: 16 }}>
      <Typography.Text type="secondary">{t('campaigns.list.page', { page: pages.page })}</Typography.Text>
      <Button icon={<LeftOutlined />} disabled={disabled || pages.page === 1} onClick={pages.previous}>
        {t('campaigns.list.previous')}
      </Button>
      <Button disabled={disabled || !nextCursor} onClick={() => nextCursor && pages.next(nextCursor)}>
        {t('campaigns.list.next')}
        <RightOutlined />
      </Button>
    </Flex>
  );
}
