// Every example OpenAPI shows is parsed with its route's own schema, so that an example cannot drift from
// the contract; and every request body and every successful answer with a schema has one.
import { describe, expect, it } from 'vitest';
import type { RouteContract } from '../../lib/http/route';
import { declarations } from '../../lib/manifest';
import type * as z from '../../lib/zod';

const routes = declarations().flatMap(([name, declaration]) =>
  declaration.trigger.kind === 'http' ? [{ name, route: declaration.trigger.route as RouteContract }] : [],
);

/** The issues of parsing `example` with `schema`, as `path: message` lines (none when it parses). */
function issuesOf(schema: z.ZodMiniType, example: unknown) {
  const result = schema.safeParse(example);
  return result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
}

const bodies = routes.filter(({ route }) => route.body);
const answers = routes.flatMap(({ name, route }) =>
  Object.entries(route.responses).flatMap(([status, spec]) =>
    spec.schema ? [{ name, status: Number(status), spec: { ...spec, schema: spec.schema } }] : [],
  ),
);
const headers = routes.flatMap(({ name, route }) =>
  (route.headers ?? []).map((header) => ({ name, header })),
);

describe('the examples of the OpenAPI document', () => {
  it.each(bodies.map(({ name, route }) => [name, route] as const))(
    '%s has a body example its body schema accepts',
    (_, route) => {
      expect(route.bodyExample).toBeDefined();
      expect(issuesOf(route.body!, route.bodyExample)).toEqual([]);
    },
  );

  it.each(answers.filter(({ status }) => status < 300).map(({ name, status }) => [name, status] as const))(
    '%s has an example of its %i answer',
    (name, status) => {
      expect(
        answers.find((answer) => answer.name === name && answer.status === status)!.spec.example,
      ).toBeDefined();
    },
  );

  it.each(
    answers
      .filter(({ spec }) => spec.example !== undefined)
      .map(({ name, status, spec }) => [name, status, spec] as const),
  )("%s's %i example is exactly what its schema gives back", (_, __, spec) => {
    expect(issuesOf(spec.schema, spec.example)).toEqual([]);
    // An answer schema drops fields it does not know: an example must have none.
    expect(spec.schema.parse(spec.example)).toEqual(spec.example);
  });

  it.each(
    headers
      .filter(({ header }) => header.example !== undefined)
      .map(({ name, header }) => [name, header.name, header] as const),
  )("%s's %s example is accepted", (_, __, header) => {
    expect(issuesOf(header.schema, header.example)).toEqual([]);
  });

  it('are JSON through and through, as the document carries them', () => {
    for (const example of [
      ...bodies.map(({ route }) => route.bodyExample),
      ...answers.map(({ spec }) => spec.example),
    ])
      expect(JSON.parse(JSON.stringify(example ?? null))).toEqual(example ?? null);
  });
});
