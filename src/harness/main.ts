import path from 'node:path';
import { parseArgs } from 'node:util';
import { startConsoleSession } from '../core/console/console-session';
import { appRoot } from '../core/workspace/app-files';
import { defaultWorkspaceDir } from '../core/workspace/default-workspace';
import { startHarness } from './harness-server';

const DEFAULT_PORT = 4781;

/**
 * Runs the console in a browser: the built renderer plus the same core as Electron's main.
 * `--json` prints one machine-readable line (for tests) instead of a sentence.
 */
export async function runHarness(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      workspace: { type: 'string' },
      port: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const session = await startConsoleSession(values.workspace ?? defaultWorkspaceDir());
  const rendererDir = path.join(appRoot(), 'out', 'renderer');
  const harness = await startHarness({
    api: session.api,
    subscribe: (listener) => session.subscribe(listener),
    rendererDir,
    port: values.port ? Number(values.port) : DEFAULT_PORT,
  }).catch((err: NodeJS.ErrnoException) => {
    // Another console already holds the usual port: any free one will do.
    if (err.code !== 'EADDRINUSE' || values.port) throw err;
    return startHarness({
      api: session.api,
      subscribe: (listener) => session.subscribe(listener),
      rendererDir,
      port: 0,
    });
  });
  const info = await session.workspace.info();
  if (values.json) {
    process.stdout.write(
      `${JSON.stringify({ event: 'ready', url: harness.url, edge_url: session.edge?.url ?? null, workspace: session.workspace.dir })}\n`,
    );
  } else {
    process.stdout.write(
      `Console: open ${harness.url}\n` +
        `Workspace: ${info.location} (${info.mode}); public site: ${info.publicBaseUrl}\n` +
        'Press Ctrl+C to stop.\n',
    );
  }
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await harness.stop();
  await session.close();
}
