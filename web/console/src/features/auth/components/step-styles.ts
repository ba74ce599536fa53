import type { CSSProperties } from 'react';

/** The look of sign-in's second steps and of the account drawer, beside the sign-in page's own styles. */
export const stepStyles = {
  title: { margin: '0 0 8px', fontSize: 18, fontWeight: 600, color: 'rgb(0 0 0 / 88%)' },
  body: { margin: '0 0 20px', color: '#595959' },
  links: { display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', marginTop: 12 },
  steps: { margin: 0, paddingInlineStart: 20, color: '#595959' },
  qr: { display: 'block', border: '1px solid #f0f0f0', borderRadius: 6, background: '#fff' },
  secret: { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', wordBreak: 'normal' },
  codes: {
    display: 'grid',
    gridTemplateColumns: 'repeat(2, minmax(0, 1fr))',
    gap: '8px 24px',
    margin: 0,
    padding: '12px 16px',
    listStyle: 'none',
    background: '#fafafa',
    border: '1px solid #f0f0f0',
    borderRadius: 6,
    fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
    fontSize: 15,
  },
  drawerTitle: { margin: 0, fontSize: 16, fontWeight: 600 },
  drawerHeading: { margin: 0, fontSize: 15, fontWeight: 600 },
  drawerText: { margin: 0, color: '#595959' },
} satisfies Record<string, CSSProperties>;
