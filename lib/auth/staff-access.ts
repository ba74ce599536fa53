import { readStaffAuthority, type StaffAuthority } from './staff';

/** How long a function instance may act on a staff member's roles, stores and status as it last read them. */
export const STAFF_AUTHORITY_MAX_AGE_MS = 30_000;
/** Staff members remembered per instance; the least recently read is forgotten first. */
const MAX_REMEMBERED = 1000;

const remembered = new Map<string, { read: Promise<StaffAuthority | undefined>; until: number }>();

/**
 * What a staff member may do, for one request: read from their record, not from the token or the
 * authorizer's cached answer, so that a role change or a deactivation applies within 30 s. `fresh`
 * (routes that hand out authority: staff, roles, POS keys) reads the record consistently, bypassing the
 * copy, so that there it applies at once. Undefined when the staff member does not exist.
 */
export function staffAuthorityOf(
  staffId: string,
  { fresh }: { fresh: boolean },
  now = Date.now(),
): Promise<StaffAuthority | undefined> {
  const copy = remembered.get(staffId);
  if (!fresh && copy && copy.until > now) return copy.read;
  const read = readStaffAuthority(staffId, { consistent: fresh });
  remembered.delete(staffId);
  if (remembered.size >= MAX_REMEMBERED) remembered.delete(remembered.keys().next().value!);
  remembered.set(staffId, { read, until: now + STAFF_AUTHORITY_MAX_AGE_MS });
  // A failed read is not remembered: the next request reads again.
  read.catch(() => {
    if (remembered.get(staffId)?.read === read) remembered.delete(staffId);
  });
  return read;
}
