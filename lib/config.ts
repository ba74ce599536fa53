import * as z from './zod';

/**
 * Reads and validates the environment a function was deployed with. A missing or malformed variable
 * fails at start-up with a message naming it, never later with an undefined.
 */
export function readEnv<S extends z.core.$ZodShape>(shape: S): z.infer<z.ZodMiniObject<S>> {
  const parsed = z.object(shape).safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid environment: ${problems.join('; ')}`);
  }
  return parsed.data;
}

/** Reads the environment once, on first use, so that importing a module never throws. */
export function lazyEnv<S extends z.core.$ZodShape>(shape: S): () => z.infer<z.ZodMiniObject<S>> {
  let cached: z.infer<z.ZodMiniObject<S>> | undefined;
  return () => (cached ??= readEnv(shape));
}
