/**
 * The settings part of the contract (issue 8 §8): what Settings reads and saves, the AWS
 * profiles it offers, and Check access. Credentials stay in main; none of these carry them.
 */
import type { QdnErrorCode } from '../errors';
import type { Settings, SettingsInput } from './settings';

/** One call the product needs, tried against one resource. */
export interface AccessCheck {
  /** What was tried on, e.g. `s3://qdn-data/jobs.json` or `CloudFront E123ABC`. */
  resource: string;
  /** What the product does with it, in words ("Save jobs"). */
  purpose: string;
  /** The API call tried, e.g. `s3:PutObject`. */
  action: string;
  ok: boolean;
  /** What happened, in a sentence a dispatcher can act on. */
  detail: string;
  /** The IAM action to grant when it failed for want of permission, else null. */
  grant: string | null;
}

export interface AccessReport {
  mode: 'sandbox' | 'aws';
  checkedAt: string;
  checks: AccessCheck[];
}

export interface SettingsApi {
  getSettings(): Promise<Settings>;
  /** Validates, writes atomically and applies; a switch of mode reopens the workspace. */
  saveSettings(settings: SettingsInput): Promise<Settings>;
  /** Profile names in the user's AWS config and credentials files (SSO profiles included). */
  listAwsProfiles(): Promise<string[]>;
  checkAccess(): Promise<AccessReport>;
}

export const SETTINGS_METHODS = [
  'getSettings',
  'saveSettings',
  'listAwsProfiles',
  'checkAccess',
] as const satisfies readonly (keyof SettingsApi)[];

/** Events about the workspace as a whole (main → renderer). */
export interface SettingsEvents {
  /**
   * Work the dispatcher did not start failed — tracking pages refreshed after a start or a
   * Settings save, the booking page's upload policy — so it is shown (a toast), not only logged.
   */
  backgroundProblem: { message: string; code: QdnErrorCode | null };
}

export const SETTINGS_EVENTS = [
  'backgroundProblem',
] as const satisfies readonly (keyof SettingsEvents)[];
