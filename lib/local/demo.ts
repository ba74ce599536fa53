/** WeChat login code of the seeded demo member (the simulator maps code C to openid-C). */
export const DEMO_MEMBER_CODE = 'demo';

/** The demo admin; the password comes from CRM_ADMIN_PASSWORD or is generated and printed at start. */
export const DEMO_ADMIN_EMAIL = 'admin@sbm.local';

/** The demo store and its POS credentials, seeded only in the local cloud. */
export const DEMO_STORE = {
  storeId: 'demo-store',
  name: 'Demo Store (SBM Plaza)',
  keyId: 'demo-pos-key',
  secret: 'demo-pos-secret',
};

const everyDay = <T>(periods: T) => ({
  mon: periods,
  tue: periods,
  wed: periods,
  thu: periods,
  fri: periods,
  sat: periods,
  sun: periods,
});

/**
 * The demo venues, seeded only in the local cloud: a mall workshop in pool mode and the demo store's
 * restaurant in resources mode, so there is something to book at once. Names are the mall's Chinese ones,
 * with the English in the description.
 */
export const DEMO_VENUES = [
  {
    id: 'demo-workshop',
    name: '周末手作工坊',
    description: 'Weekend craft workshop, atrium L1: pottery and candle making, 10 places an hour.',
    kind: 'event',
    hours: everyDay([{ open: '10:00', close: '22:00' }]),
    slotMinutes: 60,
    minNoticeMinutes: 0,
    maxAdvanceDays: 30,
    freeCancellationMinutes: 60,
    noShowGraceMinutes: 15,
    strikePolicy: { strikes: 3, windowDays: 90, suspensionDays: 30 },
    capacity: { mode: 'pool', coversPerSlot: 10 },
  },
  {
    id: 'demo-restaurant',
    name: '演示餐厅',
    description: "Demo Restaurant, the demo store's dining room: tables for 2, 4 and 6.",
    kind: 'restaurant',
    storeId: DEMO_STORE.storeId,
    hours: everyDay([
      { open: '11:00', close: '14:00' },
      { open: '17:00', close: '22:00' },
    ]),
    // 90 minutes a table; the slots are cut from each period: 11:00, 12:30, 17:00, 18:30 and 20:00.
    slotMinutes: 90,
    minNoticeMinutes: 120,
    maxAdvanceDays: 30,
    freeCancellationMinutes: 120,
    noShowGraceMinutes: 15,
    strikePolicy: { strikes: 3, windowDays: 90, suspensionDays: 30 },
    capacity: {
      mode: 'resources',
      resources: [
        { id: 't2-1', name: '2人桌 1 (Table for 2)', seats: 2, active: true },
        { id: 't2-2', name: '2人桌 2 (Table for 2)', seats: 2, active: true },
        { id: 't4-1', name: '4人桌 1 (Table for 4)', seats: 4, active: true },
        { id: 't4-2', name: '4人桌 2 (Table for 4)', seats: 4, active: true },
        { id: 't6-1', name: '6人桌 (Table for 6)', seats: 6, active: true },
      ],
    },
  },
] as const;
