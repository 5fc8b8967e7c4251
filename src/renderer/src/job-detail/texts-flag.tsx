import type { Job } from '../../../shared/job';
import { useSettingsStore } from '../settings/settings-store';
import { useTextsStore } from '../stores/texts-store';
import { optOutNote } from './text-lines';
import { jobE164 } from './texts-section';

/** The card's small marker for a customer who texted STOP (the panel says when and what it means). */
export function TextsFlag({ job }: { job: Job }) {
  const optedOut = useTextsStore((s) => s.status?.opted_out);
  const businessPhone = useSettingsStore((s) => s.settings?.business.phone);
  const timeZone = useSettingsStore((s) => s.settings?.business.time_zone ?? 'UTC');
  const note = optOutNote(job, jobE164(job, businessPhone), optedOut ?? [], timeZone);
  if (!note) return null;
  return (
    <span className="flag flag-opted-out" title={note.text} data-testid="card-opted-out">
      <span aria-hidden="true">⊘ </span>No texts
    </span>
  );
}
