import { z } from 'zod';
import { errorMessage } from '../../shared/errors';

/** Written by the build inside its output folder; a record of the build, never uploaded. */
export const SITE_MANIFEST_NAME = 'qdn-site-manifest.json';

const manifestFileSchema = z.strictObject({
  content_type: z.string().min(1),
  cache_control: z.string().min(1),
  size: z.number().int().nonnegative(),
  md5: z.string().regex(/^[0-9a-f]{32}$/, 'md5 must be 32 lowercase hex digits'),
});

export const siteManifestSchema = z.strictObject({
  schema: z.literal(1),
  build_id: z.string().min(1),
  files: z.record(z.string().min(1), manifestFileSchema),
});

export type SiteManifest = z.infer<typeof siteManifestSchema>;
export type SiteManifestFile = z.infer<typeof manifestFileSchema>;

/** Parses a manifest's text; `where` (its path) names the file in the error a dispatcher reads. */
export function parseSiteManifest(text: string, where: string): SiteManifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`${where} is not valid JSON (${errorMessage(err)}). Rebuild the site.`);
  }
  const parsed = siteManifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    throw new Error(
      `${where} is not a valid site manifest${at}: ${issue?.message ?? 'unknown problem'}. Rebuild the site.`,
    );
  }
  return parsed.data;
}

/** The health document's exact bytes for a build (SITE_HEALTH_KEY in src/shared/site-keys.ts). */
export function healthDocument(buildId: string): string {
  return JSON.stringify({ ok: true, build_id: buildId });
}
