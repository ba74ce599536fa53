/** The console's sections, in menu order, with the permission (any of) that shows each. */
export const sections = [
  { key: 'dashboard', path: '/', anyOf: ['analytics:read'] },
  { key: 'customers', path: '/customers', anyOf: ['customers:read'] },
  {
    key: 'rewards',
    path: '/rewards',
    anyOf: ['rewards:write', 'redemptions:read', 'redemptions:cancel', 'pickups:collect'],
  },
  { key: 'campaigns', path: '/campaigns', anyOf: ['campaigns:read'] },
  { key: 'stores', path: '/stores', anyOf: ['stores:read', 'pos:operate'] },
  { key: 'bookings', path: '/bookings', anyOf: ['bookings:read', 'bookings:write'] },
  { key: 'venues', path: '/venues', anyOf: ['bookings:read', 'bookings:write'] },
  { key: 'programme', path: '/programme', anyOf: ['loyalty:configure'] },
  { key: 'analytics', path: '/analytics', anyOf: ['analytics:read'] },
  { key: 'staff', path: '/staff', anyOf: ['staff:write'] },
  { key: 'audit', path: '/audit', anyOf: ['audit:read'] },
] as const;

export type Section = (typeof sections)[number];
export type SectionKey = Section['key'];

/** Ant Design Pro's access map: which sections the permissions open. */
export const allowedSections = (permissions: ReadonlySet<string>): Section[] =>
  sections.filter((section) => section.anyOf.some((permission) => permissions.has(permission)));
