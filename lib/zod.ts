/**
 * zod, in its tree-shakable build: every schema of the platform is written with `zod/mini`'s functions
 * and checks (`z.optional(z.string().check(z.maxLength(80)))`), which bundle only what is used. Its
 * messages are the English ones, as classic zod's.
 */
import { config } from 'zod/mini';
import { en } from 'zod/locales';

config(en());

export * from 'zod/mini';
