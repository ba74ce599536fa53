import * as z from './zod';

/**
 * A zod schema built the first time anything touches it, not when its module is imported.
 *
 * A function's bundle imports every schema of the modules it uses, most of which its own requests never
 * parse (a service's routes module holds all its routes' bodies and answers). Building a schema runs zod
 * code for the first time in a cold process, which is what makes it dear: measured on this project's
 * machine, the first 20 schemas of a process cost about 12 ms, the next 240 about 10 ms. Wrapped, a
 * schema nobody uses costs nothing, and one that is used is built by the request that first needs it.
 *
 * The answer stands for the schema everywhere (parse, compose into other schemas, `z.infer`, OpenAPI):
 * every property is read from the built schema, `instanceof` sees its prototype, and the schema's
 * metadata (a `z.describe()`) is the answer's too, as JSON Schema looks it up by the object it meets.
 */
export function lazySchema<S extends z.ZodMiniType>(build: () => S): S {
  let schema: S | undefined;
  const built = () => {
    if (schema) return schema;
    schema = build();
    const metadata = z.globalRegistry.get(schema);
    if (metadata) z.globalRegistry.add(proxy, metadata);
    return schema;
  };
  const proxy: S = new Proxy({} as S, {
    get: (_, property) => Reflect.get(built(), property),
    has: (_, property) => Reflect.has(built(), property),
    ownKeys: () => Reflect.ownKeys(built()),
    getOwnPropertyDescriptor: (_, property) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(built(), property);
      // A proxy may not report a property its (empty) target lacks as non-configurable.
      return descriptor && { ...descriptor, configurable: true };
    },
    getPrototypeOf: () => Reflect.getPrototypeOf(built()),
    set: () => false,
    defineProperty: () => false,
    deleteProperty: () => false,
  });
  builders.set(proxy, built);
  return proxy;
}

const builders = new WeakMap<object, () => z.ZodMiniType>();

/**
 * The schema a lazySchema answer stands for, built now if it was not (any other schema is itself). Zod
 * binds a schema's methods to it, so a schema derived with `.check()` names this one as its parent, not the
 * answer: a tool that follows parents (OpenAPI's components) looks for both.
 */
export const schemaBehind = <S extends z.ZodMiniType>(schema: S): S =>
  (builders.get(schema)?.() as S) ?? schema;
