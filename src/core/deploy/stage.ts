import pLimit from 'p-limit';
import type { StageResult } from '../../shared/deploy/deploy-api';
import { readFileBytes, readSiteFolder } from '../site/site-folder';
import type { SiteFolder, SiteFolderFile } from '../site/site-folder';
import type { DeployContext } from './deploy-context';
import { COPY_CONCURRENCY } from './ordered-copy';
import { settleAll } from './settle-all';
import { DeployJournal } from './deploy-journal';
import type { JournalState } from './deploy-journal';
import { readJournal } from './read-journal';
import { recordedRun } from './recorded-run';
import { listSiteFiles } from './site-files';

/**
 * Uploads a built site folder to staging so that staging holds exactly that build: changed
 * files only (compared by the MD5 of the bytes, which is S3's ETag), each with the type and
 * cache rules of the build's manifest, and files the build no longer has removed. Staging is
 * never served to customers, so order does not matter here; it does on promote. Every byte is
 * read before staging is touched, and the journal says staging is half-uploaded until the last
 * upload lands, so a promote never copies a stage that stopped midway.
 */
export function stageSite(ctx: DeployContext, dir = ctx.siteDir): Promise<StageResult> {
  return recordedRun(
    ctx,
    'stage',
    async ({ progress, closeWith }) => {
      progress.report('read', 'running', `Reading ${dir}`);
      const journal = new DeployJournal(ctx.data);
      const [folder, current, read] = await Promise.all([
        readSiteFolder(dir),
        listSiteFiles(ctx.staging),
        readJournal(ctx),
      ]);
      progress.report(
        'read',
        'done',
        `${folder.files.length} files, build ${folder.buildId ?? '(no id)'}`,
      );
      const changed = folder.files.filter((f) => current.get(f.key)?.etag !== f.etag);
      const keep = new Set(folder.files.map((f) => f.key));
      const removed = [...current.keys()].filter((k) => !keep.has(k));
      const bytes = await Promise.all(changed.map((file) => readFileBytes(file)));
      const total = changed.length + removed.length;
      if (total === 0) {
        // A stage that stopped after its last upload: staging is whole, only the mark is left.
        if (read.state.staging)
          closeWith(journal.update(clearMark(read.state.staging.run_id), read));
        return result(progress.runId, folder, changed, removed);
      }
      const marked = await journal.update((s) => {
        s.staging = {
          run_id: progress.runId,
          build_id: folder.buildId,
          at: ctx.now().toISOString(),
        };
        return s;
      }, read);
      const limit = pLimit(COPY_CONCURRENCY);
      let done = 0;
      const step = (message: string) =>
        progress.report('upload', 'running', message, { done: ++done, total });
      await settleAll([
        ...changed.map((file, i) =>
          limit(async () => {
            await ctx.staging.put(file.key, bytes[i]!, {
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
      // Beside the history line (recorded-run.ts), which is rewritten as failed if this fails.
      closeWith(journal.update(clearMark(progress.runId), marked));
      return result(progress.runId, folder, changed, removed);
    },
    (r) => ({
      ok: true,
      summary:
        `Staged build ${r.buildId ?? '(no id)'}: ${r.uploaded.length} uploaded, ` +
        `${r.unchanged.length} unchanged, ${r.removed.length} removed`,
    }),
  );
}

function result(
  runId: string,
  folder: SiteFolder,
  changed: readonly SiteFolderFile[],
  removed: string[],
): StageResult {
  return {
    runId,
    buildId: folder.buildId,
    uploaded: changed.map((f) => f.key),
    unchanged: folder.files.filter((f) => !changed.includes(f)).map((f) => f.key),
    removed,
  };
}

const clearMark = (runId: string) => (s: JournalState) => {
  if (s.staging?.run_id === runId) s.staging = null;
  return s;
};
