import pLimit from 'p-limit';
import type { StageResult } from '../../shared/deploy/deploy-api';
import { readFileBytes, readSiteFolder } from '../site/site-folder';
import type { DeployContext } from './deploy-context';
import { COPY_CONCURRENCY } from './ordered-copy';
import { settleAll } from './settle-all';
import { recordedRun } from './recorded-run';
import { listSiteFiles } from './site-files';

/**
 * Uploads a built site folder to staging so that staging holds exactly that build: changed
 * files only (compared by the MD5 of the bytes, which is S3's ETag), each with the type and
 * cache rules of the build's manifest, and files the build no longer has removed. Staging is
 * never served to customers, so order does not matter here; it does on promote.
 */
export function stageSite(ctx: DeployContext, dir = ctx.siteDir): Promise<StageResult> {
  return recordedRun(
    ctx,
    'stage',
    async ({ progress }) => {
      progress.report('read', 'running', `Reading ${dir}`);
      const folder = await readSiteFolder(dir);
      const current = await listSiteFiles(ctx.staging);
      progress.report(
        'read',
        'done',
        `${folder.files.length} files, build ${folder.buildId ?? '(no id)'}`,
      );
      const changed = folder.files.filter((f) => current.get(f.key)?.etag !== f.etag);
      const keep = new Set(folder.files.map((f) => f.key));
      const removed = [...current.keys()].filter((k) => !keep.has(k));
      const limit = pLimit(COPY_CONCURRENCY);
      const total = changed.length + removed.length;
      let done = 0;
      const step = (message: string) =>
        progress.report('upload', 'running', message, { done: ++done, total });
      await settleAll([
        ...changed.map((file) =>
          limit(async () => {
            await ctx.staging.put(file.key, await readFileBytes(file), {
              contentType: file.contentType,
              cacheControl: file.cacheControl,
            });
            step(file.key);
          }),
        ),
        ...removed.map((key) =>
          limit(async () => {
            await ctx.staging.delete(key);
            step(`removed ${key}`);
          }),
        ),
      ]);
      return {
        runId: progress.runId,
        buildId: folder.buildId,
        uploaded: changed.map((f) => f.key),
        unchanged: folder.files.filter((f) => !changed.includes(f)).map((f) => f.key),
        removed,
      };
    },
    (r) => ({
      ok: true,
      summary:
        `Staged build ${r.buildId ?? '(no id)'}: ${r.uploaded.length} uploaded, ` +
        `${r.unchanged.length} unchanged, ${r.removed.length} removed`,
    }),
  );
}
