import { findStaffIdByEmail, staffContacts } from '../auth/staff';
import { listStaff } from '../auth/staff-list';
import { problems } from '../http/problem';
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

/** An actor as the trail keeps it that no name can be: a staff id (a ULID), system, unidentified, customer:<id>. */
const KEPT_ACTOR = /^(?:[0-9A-HJKMNP-TV-Z]{26}|system|unidentified|customer:.+)$/;

/** The ids of the staff members of that name (trimmed, any case), from the staff list (hundreds, one key). */
async function staffIdsNamed(name: string): Promise<string[]> {
  const wanted = name.trim().toLocaleLowerCase();
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await listStaff({ limit: 100, cursor });
    ids.push(
      ...page.items
        .filter((staff) => staff.name.trim().toLocaleLowerCase() === wanted)
        .map((staff) => staff.id),
    );
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return ids;
}

/**
 * The actor a search's `actor` filter names, as the trail keeps it: an email (any case) is resolved to its
 * staff member's id as sign-in resolves it (undefined when nobody has it), a name to the one staff member
 * the staff list holds by it. Anything else, and a name nobody has, is taken as an actor as kept.
 */
export async function actorNamedBy(filter: string): Promise<string | undefined> {
  if (filter.includes('@')) return findStaffIdByEmail(filter);
  if (KEPT_ACTOR.test(filter)) return filter;
  const ids = await staffIdsNamed(filter);
  if (ids.length > 1)
    throw problems.validation([
      {
        field: 'query.actor',
        message: `${ids.length} staff members are named ${filter.trim()}: give the email of the one you mean`,
      },
    ]);
  return ids[0] ?? filter;
}
