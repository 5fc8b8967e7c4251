import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { QdnError } from '../../shared/errors';
import { describeIssues } from '../../shared/validation-message';
import { storageFailure, writeAtomically } from '../storage/durable-file';
import {
  DEFAULT_SANDBOX_CONFIG,
  parseWorkspaceConfig,
  workspaceConfigSchema,
} from './workspace-config';
import type { WorkspaceConfig } from './workspace-config';

export const CONFIG_FILE = 'config.json';

/** A folder without config.json becomes a new sandbox; one that does not parse is reported. */
export async function readOrCreateConfig(root: string): Promise<WorkspaceConfig> {
  try {
    return (await readWorkspaceConfig(root)).config;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  await mkdir(root, { recursive: true });
  const file = path.join(root, CONFIG_FILE);
  await writeFile(file, `${JSON.stringify(DEFAULT_SANDBOX_CONFIG, null, 2)}\n`, {
    flag: 'wx',
  }).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'EEXIST') throw e;
  });
  return (await readWorkspaceConfig(root)).config;
}

/** config.json as written (`raw`, unknown fields included) and as understood (`config`). */
export interface ConfigFile {
  raw: Record<string, unknown>;
  config: WorkspaceConfig;
}

/** Reads and checks config.json; one that does not parse is reported with what is wrong. */
export async function readWorkspaceConfig(root: string): Promise<ConfigFile> {
  const file = path.join(root, CONFIG_FILE);
  const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    // Missing: a new workspace (readOrCreateConfig makes it). Anything else names the file.
    throw err.code === 'ENOENT' ? err : storageFailure('read', file, err);
  });
  return parseWorkspaceConfig(text, file);
}

/**
 * Replaces config.json atomically (a reader sees the old file or the new, never a part) after
 * checking that the new one reads back; returns it as understood.
 */
export async function writeWorkspaceConfig(
  root: string,
  raw: Record<string, unknown>,
): Promise<WorkspaceConfig> {
  const parsed = workspaceConfigSchema.safeParse(raw);
  if (!parsed.success) {
    throw new QdnError('bad_request', `Not saved: ${describeIssues(parsed.error)}`);
  }
  const text = `${JSON.stringify(raw, null, 2)}\n`;
  await writeAtomically(path.join(root, CONFIG_FILE), Buffer.from(text));
  return parsed.data;
}
