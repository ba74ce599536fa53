// A function that keeps audit entries must be allowed to append them: without PutItem and `appendsAudit`
// (which lifts the IAM deny on putting audit items) every call would fail in the cloud.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { declarations } from '../../lib/manifest';

const root = join(import.meta.dirname, '../..');
const KEEPS_AUDIT_ENTRIES = /\b(recordStaffAction|recordCustomerAction|recordPersonalDataRead)\(/;

describe('functions that keep audit entries', () => {
  it('may write the main table', () => {
    const auditing = declarations().filter(([, declaration]) =>
      KEEPS_AUDIT_ENTRIES.test(readFileSync(join(root, declaration.handler as string), 'utf8')),
    );
    expect(auditing.map(([name]) => name)).toEqual(
      expect.arrayContaining(['getCustomerForStaff', 'searchCustomers', 'listCustomerLedger']),
    );
    const readOnly = auditing
      .filter(
        ([, declaration]) =>
          !declaration.access.appendsAudit || !declaration.access.tables?.main?.writes?.includes('put'),
      )
      .map(([name]) => name);
    expect(readOnly).toEqual([]);
  });
});
