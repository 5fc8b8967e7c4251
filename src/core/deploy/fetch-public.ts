import { errorMessage } from '../../shared/errors';

const TIMEOUT_MS = 10_000;

export type Fetched = { status: number; body: Buffer } | { error: string };

/** GET through the public URL as a phone would; a failure to answer is data, not a throw. */
export async function fetchPublic(url: string): Promise<Fetched> {
  try {
    const response = await fetch(url, {
      signal: AbortSignal.timeout(TIMEOUT_MS),
      redirect: 'manual',
    });
    return { status: response.status, body: Buffer.from(await response.arrayBuffer()) };
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code;
    return { error: `no answer (${cause ?? errorMessage(err)})` };
  }
}
