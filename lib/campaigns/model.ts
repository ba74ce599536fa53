import { defineAuditSubject } from '../audit/subjects';

export * from './definition';

/** A campaign in the audit trail (`campaign:<id>`): its terms name segments and stores, never a member. */
export const campaignAuditSubject = defineAuditSubject('campaign');
