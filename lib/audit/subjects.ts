import { maskPiiValue } from '../observability/pii';

/**
 * A kind of thing the audit trail names as a target, declared once beside the thing's own definition:
 * which of its fields are personal data, kept masked in an entry's before and after, and which are
 * secrets, never kept. Every other field is kept as it is: a reward's, a campaign's or a store's name is
 * the business's, not a person's.
 */
export interface AuditSubject {
  /** The target's prefix in the trail: `<kind>:<id>`. */
  readonly kind: string;
  readonly personal: ReadonlySet<string>;
  readonly secret: ReadonlySet<string>;
  /** One thing of this kind, as an entry's target. */
  target(id: string): AuditTarget;
}

/** What an audit entry is about: one thing of a declared kind. */
export interface AuditTarget {
  readonly subject: AuditSubject;
  readonly id: string;
}

export function defineAuditSubject(
  kind: string,
  fields: { personal?: readonly string[]; secret?: readonly string[] } = {},
): AuditSubject {
  const subject: AuditSubject = {
    kind,
    personal: new Set(fields.personal),
    secret: new Set(fields.secret),
    target: (id) => ({ subject, id }),
  };
  return subject;
}

/** The target as the trail keeps and searches it. */
export const targetName = (target: AuditTarget) => `${target.subject.kind}:${target.id}`;

/** Every value within, masked: a personal field holding an object is personal all through. */
const maskedThroughout = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(maskedThroughout)
    : value !== null && typeof value === 'object'
      ? Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, maskedThroughout(inner)]))
      : value === null
        ? null
        : maskPiiValue(value);

function kept(subject: AuditSubject, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => kept(subject, item));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !subject.secret.has(key))
      .map(([key, inner]) => [
        key,
        subject.personal.has(key) ? maskedThroughout(inner) : kept(subject, inner),
      ]),
  );
}

/**
 * A state of a target as the audit keeps it, as JSON: the subject's personal fields masked and its secrets
 * left out wherever they sit, however deep (a member's name inside a list of their data is theirs too).
 */
export function auditedState(subject: AuditSubject, state: unknown): unknown {
  return state === undefined ? undefined : kept(subject, JSON.parse(JSON.stringify(state)));
}
