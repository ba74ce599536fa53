import type { CSSProperties } from 'react';

/** A heading inside a card, under its title. */
export const subheading: CSSProperties = { fontSize: 14, fontWeight: 600, margin: '0 0 8px' };
/** A store's id under its name. */
export const secondaryLine: CSSProperties = { fontSize: 12 };
