import type { Job } from '../../shared/job';

/**
 * What the jobs service needs of whoever publishes customers' status documents
 * (src/core/publishing/status-publisher.ts stands above jobs and implements it): jobs saves,
 * then asks for the documents to follow, without knowing how they are written.
 */
export interface StatusDocuments {
  /** Writes each job's document (or removes a revoked one); `fresh`: tokens minted just now. */
  publish(jobs: readonly Job[], options?: { fresh?: boolean }): Promise<void>;
  /** Removes a token's document everywhere. */
  withdraw(token: string): Promise<void>;
}
