import type { Job } from '../../../shared/job';
import type { Settings } from '../../../shared/settings/settings';

/** The ready-to-send text for the job's status (waits on shared/sms.ts). */
export function SmsComposer(_props: {
  job: Job;
  link: string;
  settings: Settings;
  onCopy: (text: string, what: string) => Promise<void>;
}) {
  return null;
}
