import type { WorkspaceConfig } from '../config/workspace-config';
import type { ObjectStore } from '../storage/object-store';

/** What the booking page's policy and business documents need of a workspace. */
export interface BookingPorts {
  /** The workspace folder: the sandbox keeps its uploader's keys there. */
  dir: string;
  config: WorkspaceConfig;
  sites: { prod: ObjectStore };
}
