import * as z from '../zod';
import { createStaff } from './staff';
import { lazySchema } from '../lazy-schema';

/**
 * Creates the first admin of a deployed stage (no default password exists outside the local cloud):
 *   MAIN_TABLE_NAME=sbm-crm-prod-main AWS_REGION=... npm run admin:create -- --email a@b.cn --name "A B"
 * The password is read from SBM_ADMIN_PASSWORD, so it never lands in shell history.
 */
const args = z
  .object({
    email: lazySchema(() => z.email()),
    name: lazySchema(() => z.string().check(z.minLength(1), z.maxLength(80))),
    password: lazySchema(() => z.string().check(z.minLength(12, 'SBM_ADMIN_PASSWORD needs 12+ characters'))),
  })
  .safeParse({
    email: process.argv[process.argv.indexOf('--email') + 1],
    name: process.argv[process.argv.indexOf('--name') + 1],
    password: process.env.SBM_ADMIN_PASSWORD,
  });
if (!args.success || !process.argv.includes('--email') || !process.argv.includes('--name')) {
  console.error(
    `Usage: SBM_ADMIN_PASSWORD=... MAIN_TABLE_NAME=... npm run admin:create -- --email <email> --name <name>\n${args.error?.message ?? ''}`,
  );
  process.exit(2);
}
try {
  const staff = await createStaff({ ...args.data, roles: ['admin'] });
  console.error(`Created admin ${staff.email} (${staff.staffId}).`);
} catch (error) {
  console.error(`Could not create the admin: ${(error as Error).message}`);
  process.exit(1);
}
