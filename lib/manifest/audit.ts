import { listAuditEntriesRoute } from '../audit/routes';
import type { FunctionDeclaration } from './types';

/** The audit trail staff read (lib/audit/); it runs as part of the auth service. */
export const auditFunctions = {
  listAuditEntries: {
    service: 'auth',
    handler: 'functions/audit/list-audit-entries.ts',
    description: 'Staff view of the audit trail',
    trigger: { kind: 'http', route: listAuditEntriesRoute },
    access: { tables: { main: { reads: ['get', 'batchGet', 'query'] } }, secrets: ['cursorKey'] },
  },
} as const satisfies Record<string, FunctionDeclaration>;
