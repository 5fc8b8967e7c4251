import { errorMessage } from '../shared/errors';

/**
 * Closes the console session, then quits — whether or not the close worked. A failed close
 * (the edge would not stop, a status refresh threw) is logged rather than left as an
 * unhandled rejection, and never keeps the app from quitting.
 */
export async function closeThenQuit(
  close: () => Promise<void>,
  quit: () => void,
  log: (message: string) => void,
): Promise<void> {
  try {
    await close();
  } catch (err) {
    log(`The console session did not close cleanly: ${errorMessage(err)}`);
  } finally {
    quit();
  }
}

/**
 * The origins a link may open in the system browser: the workspace's public site (on AWS, its
 * public_base_url; on the sandbox, the local edge) and the running local edge, each once.
 */
export function externalOriginsOf(urls: readonly (string | null | undefined)[]): string[] {
  const origins = new Set<string>();
  for (const raw of urls) {
    if (!raw) continue;
    try {
      origins.add(new URL(raw).origin);
    } catch {
      // Not a URL (a config the workspace already refused would not get here): no origin.
    }
  }
  return [...origins];
}
