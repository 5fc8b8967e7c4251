import os from 'node:os';

/** Who is deploying, in the words the history shows. */
export function deployerName(surface: 'console' | 'cli'): string {
  let user = 'unknown';
  try {
    user = os.userInfo().username;
  } catch {
    // Some containers have no passwd entry for the uid: the host still says where.
  }
  return `${user}@${os.hostname()} (${surface})`;
}
