import type { FunctionDeclaration, Service } from '../lib/manifest/types';

/**
 * The stacks each service's functions are built in. CloudFormation allows 500 resources a stack, so each
 * group of services has a stack of route functions, a stack of workers and a nested stack of API methods
 * of its own. A new service names its group here; a function added to a service whose stacks are full
 * names another group in its declaration (`stackGroup`: the report functions of analytics are in
 * `reports`; members' sign-ins for the booking PWA, on the web and by SMS, in `bookings`: a new group
 * would take the API stack's last resource). test/cdk/stack.test.ts checks the room left to grow.
 */
export const stackGroupOf = {
  auth: 'loyalty',
  customers: 'loyalty',
  loyalty: 'loyalty',
  campaigns: 'loyalty',
  notifications: 'loyalty',
  analytics: 'loyalty',
  pos: 'loyalty',
  bookings: 'bookings',
  ai: 'ai',
} as const satisfies Record<Service, string>;

export type StackGroup = (typeof stackGroupOf)[Service] | NonNullable<FunctionDeclaration['stackGroup']>;

/**
 * The group of the services that predate groups keeps the stacks and names they had. A function never
 * changes stacks: its name and its log group's are fixed, and the stack it moved to would create them
 * while the stack it left still held them.
 */
export const FIRST_GROUP: StackGroup = 'loyalty';

export const stackGroupOfDeclaration = (declaration: FunctionDeclaration): StackGroup =>
  declaration.stackGroup ?? stackGroupOf[declaration.service];

/** `SbmCrm-<stage>-routes` for the first group, `SbmCrm-<stage>-routes-<group>` for the others. */
export const stackNameOf = (stage: string, kind: 'routes' | 'workers', group: StackGroup) =>
  group === FIRST_GROUP ? `SbmCrm-${stage}-${kind}` : `SbmCrm-${stage}-${kind}-${group}`;

/** Functions behind the API (an authorizer or a route) live in a routes stack; the rest are workers. */
export const servesTheApi = (declaration: FunctionDeclaration) =>
  declaration.trigger.kind === 'http' || declaration.trigger.kind === 'authorizer';
