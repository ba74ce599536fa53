/**
 * The console's cookie session, as agreed with the API while it is being built: the routes below are
 * added to the document the client is generated from for as long as the platform's own document lacks
 * them. Once a path is in the platform's document, its definition wins and the entry here is ignored
 * (npm run client:generate says so); delete it then.
 */

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

/** GET /v1/admin/me: who is signed in and what they may do. */
const staffProfile = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    email: { type: 'string' },
    roles: { type: 'array', items: { $ref: '#/components/schemas/StaffRole' } },
    storeIds: { type: 'array', items: { type: 'string' } },
    permissions: {
      type: 'array',
      items: { type: 'string' },
      description: 'Every permission the roles grant: what the console shows',
    },
  },
  required: ['id', 'name', 'email', 'roles', 'storeIds', 'permissions'],
};

/** What a cookie sign-in or refresh answers: the refresh token travels in an HttpOnly cookie only. */
const staffSession = {
  type: 'object',
  properties: {
    accessToken: { type: 'string' },
    expiresIn: { type: 'integer', description: 'Seconds the access token lasts' },
    staff: {
      type: 'object',
      properties: {
        id: { type: 'string' },
        roles: { type: 'array', items: { $ref: '#/components/schemas/StaffRole' } },
      },
      required: ['id', 'roles'],
    },
  },
  required: ['accessToken', 'expiresIn', 'staff'],
};

export const pendingPaths: Record<string, Record<string, unknown>> = {
  '/v1/admin/auth/refresh': {
    post: {
      operationId: 'refreshStaffSession',
      summary: 'Renew a console session from its HttpOnly cookie (X-Sbm-Client: console); the cookie rotates',
      tags: ['auth'],
      security: [],
      responses: {
        200: { description: 'Renewed', content: { 'application/json': { schema: staffSession } } },
        401: problem('No session, or it ended'),
      },
    },
  },
  '/v1/admin/auth/logout': {
    post: {
      operationId: 'signOutStaff',
      summary: 'End the console session of the cookie, server-side, and clear the cookie',
      tags: ['auth'],
      security: [],
      responses: { 204: { description: 'Signed out' } },
    },
  },
  '/v1/admin/me': {
    get: {
      operationId: 'getMyStaffProfile',
      summary: 'The signed-in staff member: name, roles, stores and permissions',
      tags: ['staff'],
      security: [{ bearerAuth: [] }],
      responses: {
        200: { description: 'Who is signed in', content: { 'application/json': { schema: staffProfile } } },
        401: problem('Not signed in'),
      },
    },
  },
};
