// A function that keeps audit entries must be allowed to write them: read-only access would fail every call in the cloud.
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
      .filter(([, declaration]) => declaration.access.tables?.main !== 'readWrite')
      .map(([name]) => name);
    expect(readOnly).toEqual([]);
  });
});
