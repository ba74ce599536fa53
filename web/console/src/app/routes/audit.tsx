import { AuditPage } from '@/features/audit';

/** The audit section: the trail of staff actions, searched and opened entry by entry. */
export default AuditPage;
