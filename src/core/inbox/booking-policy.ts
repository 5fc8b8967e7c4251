import type { BookingPorts } from './booking-ports';
import type { UploadSigner } from '../aws/presigned-post-check';
import { mintBookingDocument, publishBookingDocument } from './booking-document';
import type { UploadTarget } from './booking-document';
import { SANDBOX_DATA_BUCKET } from '../sandbox/sandbox-uploader';
import type { BookingDocument } from '../../shared/inbox/booking-document';

/**
 * Where a workspace's booking uploads go: the sandbox's local edge (which stands in for the data
 * bucket's S3 endpoint), or the data bucket itself on AWS.
 */
export function uploadTarget(ws: BookingPorts, edgeUrl: string | null): UploadTarget {
  if (ws.config.mode === 'sandbox') {
    if (!edgeUrl) throw new Error('The sandbox takes uploads through its local edge; none runs.');
    return { bucket: SANDBOX_DATA_BUCKET, prefix: '', endpoint: edgeUrl };
  }
  const prefix = ws.config.data.prefix;
  return {
    bucket: ws.config.data.bucket,
    prefix: prefix && !prefix.endsWith('/') ? `${prefix}/` : prefix,
    ...(ws.config.endpoint ? { endpoint: ws.config.endpoint } : {}),
  };
}

/** The business as the public pages show it: name, phone when set, time zone. */
export function publicBusiness(ws: BookingPorts): BookingDocument['business'] {
  const { name, phone, time_zone } = ws.config.business;
  return { name, ...(phone ? { phone } : {}), time_zone };
}

/** Mints a fresh upload policy and publishes the booking document into prod. */
export async function refreshBookingDocument(
  ws: BookingPorts,
  signer: UploadSigner,
  edgeUrl: string | null,
  now?: Date,
): Promise<BookingDocument> {
  const document = await mintBookingDocument({
    target: uploadTarget(ws, edgeUrl),
    signer,
    business: publicBusiness(ws),
    // The sandbox's own local edge checks its policy: no AWS SDK needed to sign it.
    signLocally: ws.config.mode === 'sandbox',
    ...(now ? { now } : {}),
  });
  await publishBookingDocument(ws.sites.prod, document);
  return document;
}
