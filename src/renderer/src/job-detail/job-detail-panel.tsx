import { useEffect, useRef, useState } from 'react';
import { useBoardStore } from '../stores/board-store';
import { useSettings } from '../settings/use-settings';
import { QuoteForm } from '../inbox/quote-form';
import { LinkDoctorSection } from '../deploy/link-doctor-section';
import { useJobDetailStore } from './job-detail-store';
import { changesOf } from './edit-model';
import { JobFields } from './job-fields';
import { EditForm } from './edit-form';
import { StatusActions } from './status-actions';
import { MessagesSection } from './messages-section';
import { TextsSection } from './texts-section';
import { HistoryTimeline } from './history-timeline';
import './job-detail.css';
import './texts.css';

/** Whether the edit in progress has changes not saved yet. */
function hasUnsavedEdit(timeZone: string): boolean {
  const editing = useJobDetailStore.getState().editing;
  return Boolean(editing && Object.keys(changesOf(editing.draft, editing.start, timeZone)).length);
}

/**
 * The selected job's panel (issue 8 §2, §3, §6): every field, its status moves, the customer's
 * link and the history. A side panel beside the board on wide windows, a sheet over it at
 * 1024 px. Focus moves into it when it opens and back where it was when it closes (Esc).
 */
export function JobDetailPanel() {
  const selectedJobId = useBoardStore((s) => s.selectedJobId);
  const job = useBoardStore((s) => s.jobs.find((j) => j.job_id === s.selectedJobId) ?? null);
  const loaded = useBoardStore((s) => s.loaded);
  const select = useBoardStore((s) => s.select);
  const settings = useSettings();
  const timeZone = settings.business.time_zone;
  const editing = useJobDetailStore((s) =>
    s.editing && s.editing.jobId === selectedJobId ? s.editing : null,
  );
  const startEdit = useJobDetailStore((s) => s.startEdit);
  const cancelEdit = useJobDetailStore((s) => s.cancelEdit);
  const jobChanged = useJobDetailStore((s) => s.jobChanged);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [escBlocked, setEscBlocked] = useState(false);
  if (escBlocked && !editing) setEscBlocked(false);
  const returnFocus = useRef<HTMLElement | null>(null);

  // Into the panel when a job is chosen; back where the dispatcher was when it closes.
  useEffect(() => {
    if (!selectedJobId) return;
    if (document.activeElement instanceof HTMLElement) returnFocus.current = document.activeElement;
    headingRef.current?.focus();
    return () => {
      const back = returnFocus.current;
      returnFocus.current = null;
      if (back?.isConnected) back.focus();
      else document.querySelector<HTMLElement>(`[data-job-id="${selectedJobId}"]`)?.focus();
    };
  }, [selectedJobId]);

  // Another job chosen, or this one closed: an edit of another job is let go.
  useEffect(() => {
    const current = useJobDetailStore.getState().editing;
    if (current && current.jobId !== selectedJobId) cancelEdit();
  }, [selectedJobId, cancelEdit]);

  // The job changed underneath (jobsChanged, a refresh): the form follows or asks.
  useEffect(() => {
    if (job) jobChanged(job, timeZone);
  }, [job, timeZone, jobChanged]);

  // Esc closes the panel, unless a dialog above it (Settings, Deploy) has the keyboard.
  useEffect(() => {
    if (!selectedJobId) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      if (document.querySelector('dialog[open]')) return;
      event.preventDefault();
      // Typed changes are never dropped by a key: they are saved or canceled on purpose.
      if (hasUnsavedEdit(timeZone)) {
        setEscBlocked(true);
        return;
      }
      select(null);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [selectedJobId, select, timeZone]);

  if (!selectedJobId) return null;
  const titleId = 'job-panel-title';

  return (
    <aside className="job-panel" role="complementary" aria-labelledby={titleId}>
      <div className="job-panel-head">
        <h2 id={titleId} ref={headingRef} tabIndex={-1}>
          {job ? job.customer_name : 'Job'}
        </h2>
        {job && !editing && (
          <button type="button" className="secondary" onClick={() => startEdit(job, timeZone)}>
            Edit
          </button>
        )}
        <button
          type="button"
          className="secondary close"
          aria-label="Close the job panel"
          title="Close (Esc)"
          onClick={() => select(null)}
        >
          ×
        </button>
      </div>
      {escBlocked && (
        <p className="warning esc-hint" role="alert">
          You have unsaved changes: save or cancel them to close the panel.
        </p>
      )}
      {!job ? (
        <p className="none job-panel-body">
          {loaded ? 'This job is no longer on the board.' : 'Loading the job…'}
        </p>
      ) : (
        <div className="job-panel-body">
          <StatusActions job={job} />
          <section className="panel-section" aria-label="Details">
            {editing ? (
              <EditForm job={job} timeZone={timeZone} crew={settings.crew} />
            ) : (
              <JobFields
                job={job}
                timeZone={timeZone}
                crew={settings.crew}
                businessPhone={settings.business.phone}
              />
            )}
          </section>
          {job.status === 'requested' && (
            <section className="panel-section" aria-label="Quote">
              <h3>Quote</h3>
              <QuoteForm job={job} />
            </section>
          )}
          <TextsSection job={job} settings={settings} />
          <MessagesSection job={job} settings={settings} />
          {!job.token_revoked_at && (
            <div className="panel-section doctor">
              <LinkDoctorSection forJobId={job.job_id} />
            </div>
          )}
          <HistoryTimeline job={job} timeZone={timeZone} />
          <p className="job-id">
            Job <code>{job.job_id}</code>
          </p>
        </div>
      )}
    </aside>
  );
}
