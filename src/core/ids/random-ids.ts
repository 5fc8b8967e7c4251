import { randomBytes } from 'node:crypto';

/** 16 lowercase hex chars (64 bits) from the CSPRNG. */
export function newJobId(): string {
  return randomBytes(8).toString('hex');
}

/** 43 base64url chars (256 bits) from the CSPRNG, independent of the job id. */
export function newTrackingToken(): string {
  return randomBytes(32).toString('base64url');
}
