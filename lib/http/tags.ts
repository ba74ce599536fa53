/** The groups the API's operations are listed under (OpenAPI's tags), in the order listed, with what each holds. */
export const apiTags = {
  auth: 'Sign-in of members (WeChat mini program) and staff (email and password), token refresh and sign-out.',
  customers: "The signed-in member's own profile, phone number and member code.",
  'customers admin':
    'Staff look up members: profile and points, masked without the customers:pii permission.',
  privacy:
    "Members' data-subject rights under PIPL: export and erasure, and the staff list of such requests.",
  loyalty: "The signed-in member's points account and points history.",
  'loyalty admin':
    "Staff run the programme: members' ledgers, points adjustments, earning rules, the tier ladder and sales no member could be found for.",
  rewards: 'The reward catalogue as members see it, redemptions with points, and the codes members hold.',
  'rewards admin':
    'Staff keep the reward catalogue: rewards, stock, voucher code pools and cancelled redemptions.',
  campaigns: 'Campaigns members may see and join.',
  'campaigns admin':
    'Staff write, schedule and evaluate campaigns (bonus points, rewards and messages on purchases, sign-ups, birthdays, blasts, custom events).',
  notifications: "The signed-in member's inbox.",
  bookings:
    "The signed-in member's bookings at the mall's venues: booking, waitlists and their offers, cancelling, moving and check-in.",
  'bookings admin': "Staff run their venues' bookings: walk-ins and cancellations.",
  pos: "A store's tills: signed sales, refunds and voucher redemptions. Every request is signed with the till's POS key.",
  stores: 'Staff keep stores and their POS keys, and inspect and redrive POS messages that failed.',
  staff: 'Staff accounts: roles, stores, passwords, deactivation and sign-in locks.',
  audit: 'The audit trail of staff actions.',
  analytics: 'Reports: daily sales and points per store, and the outstanding points liability.',
  wechat: "WeChat's calls to us: the message push and its handshake.",
} as const;

export type ApiTag = keyof typeof apiTags;
