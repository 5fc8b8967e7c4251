import type { BookingPorts } from './booking-ports';
import { errorMessage } from '../../shared/errors';
import { POLICY_REFRESH_MS, publishBusinessDocument } from './booking-document';
import { publicBusiness, refreshBookingDocument } from './booking-policy';
import type { UploadSigner } from '../aws/presigned-post-check';
import { sandboxUploader } from '../sandbox/sandbox-uploader';

export interface BookingRefresher {
  /** Settles once the first publish is over (it never rejects; problems go to `warn`). */
  ready: Promise<void>;
  stop(): void;
}

export interface BookingRefresherOptions {
  /** The sandbox's local edge (its upload endpoint); null on AWS. */
  edgeUrl: string | null;
  /**
   * The uploader identity's keys. The sandbox makes its own; on AWS the shell supplies the IAM
   * user's keys from safeStorage, or null when none are set up yet.
   */
  uploader?: () => Promise<UploadSigner | null>;
  warn: (message: string) => void;
  intervalMs?: number;
}

/**
 * Publishes the business and booking documents at start and again daily while the console (or
 * `qdn sandbox`) runs, so the policy phones upload with is always days from expiring. Best
 * effort: a failure is a warning, and `/book/` tells the customer to call when its policy has
 * lapsed.
 */
export function startBookingRefresher(
  ws: BookingPorts,
  options: BookingRefresherOptions,
): BookingRefresher {
  // The sandbox signs with its own keys, which only its local edge accepts.
  const uploader =
    ws.config.mode === 'sandbox'
      ? () => sandboxUploader(ws.dir)
      : (options.uploader ?? (() => Promise.resolve(null)));
  const publish = async (): Promise<void> => {
    // First, and whether or not booking is set up: the tracking page's contact line needs it.
    try {
      await publishBusinessDocument(ws.sites.prod, publicBusiness(ws));
    } catch (err) {
      options.warn(`The business's contact document was not published: ${errorMessage(err)}`);
    }
    try {
      const signer = await uploader();
      if (!signer) {
        options.warn(
          'Online booking is off: no uploader identity is set up (see the README, AWS setup).',
        );
        return;
      }
      // The policy is signed for the data bucket's region (the sandbox's keys carry their own).
      const region = ws.config.mode === 'aws' ? ws.config.region : signer.region;
      await refreshBookingDocument(ws, { ...signer, region }, options.edgeUrl);
    } catch (err) {
      options.warn(`The booking page's upload policy was not refreshed: ${errorMessage(err)}`);
    }
  };
  const ready = publish();
  const timer = setInterval(() => void publish(), options.intervalMs ?? POLICY_REFRESH_MS);
  timer.unref();
  return { ready, stop: () => clearInterval(timer) };
}
