import type { z } from 'zod';

/** One schema per method of an API, for exactly that method's parameter list. */
export type ArgsSchemas<Api> = {
  [K in keyof Api]: Api[K] extends (...args: infer A) => unknown ? z.ZodType<A> : never;
};
