import { z } from 'zod';
import { JOB_ID_PATTERN } from '../job';
import { LINK_FIXES } from './deploy-api';
import type { DeployApi } from './deploy-api';
import type { ArgsSchemas } from '../args-schemas';

/** `20261129T061500123Z-a1b2c3`: sortable by time, unique per promote or rollback. */
export const RELEASE_ID_PATTERN = /^\d{8}T\d{9}Z-[0-9a-f]{6}$/;
export const releaseIdSchema = z
  .string()
  .regex(RELEASE_ID_PATTERN, 'release id looks like 20261129T061500123Z-a1b2c3 (see releases)');

/** CloudFront paths: absolute, printable, `*` only as the last character. */
export const invalidationPathSchema = z
  .string()
  .min(1)
  .max(4096)
  .regex(/^\/[^\s*]*\*?$/, 'a path starts with / and may end with a single *');

const jobId = z.string().regex(JOB_ID_PATTERN, 'job id must be 16 lowercase hex characters');

export const deployArgs: ArgsSchemas<DeployApi> = {
  getDeployStatus: z.tuple([]),
  stageSite: z.tuple([]),
  planPromote: z.tuple([]),
  promote: z.tuple([
    z.strictObject({
      planId: z.string().regex(/^[0-9a-f]{16}$/, 'plan id is 16 hex characters'),
      invalidate: z.boolean(),
      prune: z.boolean(),
    }),
  ]),
  invalidateProd: z.tuple([z.array(invalidationPathSchema).max(3000)]),
  verifyProd: z.tuple([]),
  listReleases: z.tuple([]),
  rollback: z.tuple([releaseIdSchema]),
  inspectEdgeFunction: z.tuple([]),
  publishEdgeFunction: z.tuple([z.strictObject({ associate: z.boolean() })]),
  runLinkDoctor: z.tuple([jobId]),
  applyLinkFix: z.tuple([jobId, z.enum(LINK_FIXES)]),
  listDeployHistory: z.tuple([]),
};
