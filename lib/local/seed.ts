import { completeRegistration } from '../customers/registration';
import { findOrRegisterCustomer, getCustomerRecord, updateProfile } from '../customers/repository';
import { documents } from '../db/client';
import { tableNameFromEnv } from '../db/tables';
import { createStaff, findStaffIdByEmail, getStaff, setStaffPassword } from '../auth/staff';
import { verifyPassword } from '../auth/passwords';
import { createStore, issuePosKey } from '../pos/stores';
import { venueInputSchema } from '../bookings/venue-schemas';
import { createVenue } from '../bookings/venues';
import { DEMO_ADMIN_EMAIL, DEMO_MEMBER_CODE, DEMO_STORE, DEMO_VENUES } from './demo';

const SEED_MARKER = { pk: 'SEED#demo', sk: 'SEED' };
/** Venues came after the first seed: a data folder seeded before them gets them once, on its next start. */
const VENUES_SEED_MARKER = { pk: 'SEED#demo-venues', sk: 'SEED' };

/**
 * Seeds demo data once per data folder, through the same domain code as real sign-ups, so the demo
 * member's points account and welcome message come from the real event flow.
 */
export async function seedDemoData(adminPassword: string): Promise<'seeded' | 'already-seeded'> {
  await ensureDemoAdmin(adminPassword);
  const marker = await documents.get({ TableName: tableNameFromEnv('main'), Key: SEED_MARKER });
  if (marker.Item) {
    await seedDemoVenues();
    return 'already-seeded';
  }
  await createStore({ storeId: DEMO_STORE.storeId, name: DEMO_STORE.name });
  await issuePosKey(DEMO_STORE.storeId, { keyId: DEMO_STORE.keyId, secret: DEMO_STORE.secret });
  const { record } = await findOrRegisterCustomer({ openid: `openid-${DEMO_MEMBER_CODE}` });
  await updateProfile(record.customerId, {
    name: 'Demo Member',
    gender: 'undisclosed',
    birthday: '1990-11-11',
    marketingConsent: true,
  });
  await completeRegistration((await getCustomerRecord(record.customerId)) ?? record, 'local-seed');
  await seedDemoVenues();
  await documents.put({
    TableName: tableNameFromEnv('main'),
    Item: { ...SEED_MARKER, seededAt: new Date().toISOString() },
  });
  return 'seeded';
}

/**
 * The demo venues, once per data folder (their own marker), through the same domain code as staff use. A
 * venue that exists already (a start interrupted before the marker was written) is left as it is.
 */
async function seedDemoVenues() {
  const marker = await documents.get({ TableName: tableNameFromEnv('main'), Key: VENUES_SEED_MARKER });
  if (marker.Item) return;
  for (const venue of DEMO_VENUES) {
    try {
      await createVenue(venueInputSchema.parse(venue));
    } catch (error) {
      if ((error as { code?: string }).code !== 'VENUE_EXISTS') throw error;
    }
  }
  await documents.put({
    TableName: tableNameFromEnv('main'),
    Item: { ...VENUES_SEED_MARKER, seededAt: new Date().toISOString() },
  });
}

/** The demo admin exists and has the configured password, on every start (local cloud only). */
async function ensureDemoAdmin(password: string) {
  const staffId = await findStaffIdByEmail(DEMO_ADMIN_EMAIL);
  if (!staffId) {
    await createStaff({ email: DEMO_ADMIN_EMAIL, name: 'Demo Admin', roles: ['admin'], password });
    return;
  }
  const staff = await getStaff(staffId);
  if (staff && !(await verifyPassword(password, staff.passwordHash)))
    await setStaffPassword(staffId, password);
}
