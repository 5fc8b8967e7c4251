import { STATUS_LABELS } from '../../shared/status-flow';
import type { Job } from '../../shared/job';
import type { PublicStatus } from '../../shared/public-status';

export interface BusinessProfile {
  name: string;
  phone?: string;
}

const TIMELINE_LENGTH = 6;

/** The customer-facing view of a job: an allow-list, never a copy with fields removed. */
export function toPublicStatus(job: Job, business: BusinessProfile): PublicStatus {
  const history = job.history ?? [{ status: job.status, at: job.created_at }];
  const pickup: PublicStatus['pickup'] = { start: job.pickup_date };
  if (job.pickup_window_end) pickup.end = job.pickup_window_end;
  const publicBusiness: PublicStatus['business'] = { name: business.name };
  if (business.phone) publicBusiness.phone = business.phone;
  return {
    schema: 1,
    first_name: firstName(job.customer_name),
    status: job.status,
    status_label: STATUS_LABELS[job.status],
    pickup,
    address: streetLine(job.address),
    price: { amount: job.price, currency: job.currency },
    timeline: history.slice(-TIMELINE_LENGTH).map((h) => ({
      status: h.status,
      label: STATUS_LABELS[h.status],
      at: h.at,
    })),
    business: publicBusiness,
    updated_at: job.updated_at ?? job.created_at,
  };
}

function firstName(fullName: string): string {
  return fullName.trim().split(/\s+/)[0] ?? '';
}

/** The street part only: a link forwarded to someone else should not carry the whole address. */
function streetLine(address: string): string {
  return (address.split(/[,\n]/)[0] ?? '').trim();
}
