import { findStaffIdByEmail, staffContacts } from '../auth/staff';
import type { AuditEntry, AuditEntryView } from './schema';

/** The actor the audit names for what the platform does by itself (an account locked by the throttle). */
export const SYSTEM_ACTOR = 'system';
/** The actor the audit names for a sign-in that proved no identity. */
export const UNIDENTIFIED_ACTOR = 'unidentified';
const MEMBER_ACTOR_PREFIX = 'customer:';

/** What kind of actor an entry names: every actor but these three is a staff id. */
export function actorKindOf(actor: string): AuditEntryView['actorKind'] {
  if (actor === SYSTEM_ACTOR || actor === UNIDENTIFIED_ACTOR) return actor;
  return actor.startsWith(MEMBER_ACTOR_PREFIX) ? 'member' : 'staff';
}

/**
 * A page of entries as staff read it: each with its kind of actor, and a staff actor's name and email,
 * read for the whole page at once. A member acting on their own data is named by id only.
 */
export async function withActorsShown(entries: AuditEntry[]): Promise<AuditEntryView[]> {
  const staff = await staffContacts(
    entries.filter((entry) => actorKindOf(entry.actor) === 'staff').map((entry) => entry.actor),
  );
  return entries.map((entry) => {
    const contact = staff.get(entry.actor);
    return {
      ...entry,
      actorKind: actorKindOf(entry.actor),
      ...(contact && { actorName: contact.name, actorEmail: contact.email }),
    };
  });
}

/**
 * The actor a search's `actor` filter names, as the trail keeps it: an email (any case) is resolved to its
 * staff member's id as sign-in resolves it, undefined when nobody has it; anything else is an actor as kept.
 */
export async function actorNamedBy(filter: string): Promise<string | undefined> {
  return filter.includes('@') ? findStaffIdByEmail(filter) : filter;
}
