import type { InboxMessage } from './views';

/** A member's inbox, newest first, in OpenAPI's examples. */
export const inboxMessageExamples = [
  {
    id: '01JDBK4M6P8R0T2V4X6Z8B0D2F',
    kind: 'tier-changed',
    title: 'You are now Silver',
    body: 'Congratulations: your purchases made you a Silver member. Enjoy your new benefits.',
    createdAt: '2026-11-11T06:32:09.877Z',
  },
  {
    id: '01JD3Q9A2B4C6D8E0F2G4H6J8K',
    kind: 'welcome',
    title: 'Welcome to SBM Rewards',
    body: 'Your membership is active. Earn points with every purchase at our malls.',
    createdAt: '2026-11-02T03:14:11.205Z',
  },
] satisfies InboxMessage[];
