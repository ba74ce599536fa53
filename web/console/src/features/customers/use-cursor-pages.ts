import { useState } from 'react';

/**
 * Pages of a cursor-paginated list: the cursors of the pages seen so far, so that "previous" goes back
 * without the API going backwards. A new `list` (another search, another filter) starts at its first page.
 */
export function useCursorPages(list: string) {
  const [state, setState] = useState<{ list: string; cursors: (string | undefined)[] }>({
    list,
    cursors: [undefined],
  });
  const cursors = state.list === list ? state.cursors : [undefined];
  if (state.list !== list) setState({ list, cursors });
  return {
    cursor: cursors[cursors.length - 1],
    page: cursors.length,
    next: (cursor: string) => setState({ list, cursors: [...cursors, cursor] }),
    previous: () => setState({ list, cursors: cursors.slice(0, -1) }),
  };
}
