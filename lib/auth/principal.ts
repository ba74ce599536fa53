import { z } from 'zod';

/**
 * What the API authorizer tells a handler about the caller. API Gateway passes the authorizer context
 * as flat strings, so the shape here is flat too.
 */
export const principalSchema = z.object({
  kind: z.literal('customer'),
  customerId: z.string().min(1),
  sessionId: z.string().min(1),
});
export type Principal = z.infer<typeof principalSchema>;
