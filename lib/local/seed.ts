import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { completeRegistration } from '../customers/registration';
import { findOrRegisterCustomer, getCustomerRecord, updateProfile } from '../customers/repository';
import { documents } from '../db/client';
import { tableNameFromEnv } from '../db/tables';
import { DEMO_MEMBER_CODE } from './demo';

const SEED_MARKER = { pk: 'SEED#demo', sk: 'SEED' };

/**
 * Seeds demo data once per data folder, through the same domain code as real sign-ups, so the demo
 * member's points account and welcome message come from the real event flow.
 */
export async function seedDemoData(): Promise<'seeded' | 'already-seeded'> {
  const marker = await documents.send(
    new GetCommand({ TableName: tableNameFromEnv('main'), Key: SEED_MARKER }),
  );
  if (marker.Item) return 'already-seeded';
  const { record } = await findOrRegisterCustomer({ openid: `openid-${DEMO_MEMBER_CODE}` });
  await updateProfile(record.customerId, {
    name: 'Demo Member',
    gender: 'undisclosed',
    birthday: '1990-11-11',
    marketingConsent: true,
  });
  await completeRegistration((await getCustomerRecord(record.customerId)) ?? record, 'local-seed');
  await documents.send(
    new PutCommand({
      TableName: tableNameFromEnv('main'),
      Item: { ...SEED_MARKER, seededAt: new Date().toISOString() },
    }),
  );
  return 'seeded';
}
