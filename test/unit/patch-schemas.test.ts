// Update bodies fill nothing in: a default in a patch would overwrite a stored field the caller never sent.
import { describe, expect, it } from 'vitest';
import { setStaffRolesRoute } from '../../lib/auth/staff-routes';
import { updateCampaignRoute } from '../../lib/campaigns/routes';
import type { RouteContract } from '../../lib/http/route';
import { saveEarningRulesRoute } from '../../lib/loyalty/admin-routes';
import { declarations } from '../../lib/manifest';

interface SchemaNode {
  _zod: {
    def: {
      type: string;
      shape?: Record<string, SchemaNode>;
      innerType?: SchemaNode;
      in?: SchemaNode;
      out?: SchemaNode;
      element?: SchemaNode;
      valueType?: SchemaNode;
      options?: SchemaNode[];
      left?: SchemaNode;
      right?: SchemaNode;
    };
  };
}

/** Where a schema fills in a value the input did not have, as paths into the body. */
function defaultsIn(schema: SchemaNode, path = 'body'): string[] {
  const def = schema._zod.def;
  if (def.type === 'default' || def.type === 'prefault') return [path];
  const children: [string, SchemaNode | undefined][] = [
    ...Object.entries(def.shape ?? {}).map(([key, child]): [string, SchemaNode] => [`${path}.${key}`, child]),
    [path, def.innerType],
    [path, def.in],
    [path, def.out],
    [`${path}[]`, def.element],
    [`${path}{}`, def.valueType],
    [path, def.left],
    [path, def.right],
    ...(def.options ?? []).map((option): [string, SchemaNode] => [path, option]),
  ];
  return children.flatMap(([childPath, child]) => (child ? defaultsIn(child, childPath) : []));
}

const patchRoutes = declarations().flatMap(([, d]) =>
  d.trigger.kind === 'http' && d.trigger.route.method === 'PATCH' ? [d.trigger.route as RouteContract] : [],
);
// Updates that are not PATCHes but leave out what they do not change.
const partialUpdates = [setStaffRolesRoute, saveEarningRulesRoute] as RouteContract[];

describe('update bodies', () => {
  it('include every PATCH route of the manifest', () => {
    expect(patchRoutes.map((route) => route.path)).toEqual(
      expect.arrayContaining(['/v1/admin/rewards/{rewardId}', '/v1/customers/me']),
    );
  });

  it.each([...patchRoutes, ...partialUpdates].map((route) => [`${route.method} ${route.path}`, route]))(
    '%s has no field with a default',
    (_, route) => {
      expect(route.body).toBeDefined();
      expect(defaultsIn(route.body as unknown as SchemaNode)).toEqual([]);
    },
  );

  it('PUT /v1/admin/campaigns/{campaignId} fills in no term: a default only inside a trigger sent whole', () => {
    expect(new Set(defaultsIn(updateCampaignRoute.body as unknown as SchemaNode))).toEqual(
      new Set(['body.definition.trigger.segment']),
    );
  });
});
