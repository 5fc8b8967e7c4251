/**
 * The named methods of a service, bound to it: a contract part whose calls carry the service's
 * own names needs no wrapper per call.
 */
export function passThrough<S extends object, K extends keyof S>(
  service: S,
  names: readonly K[],
): Pick<S, K> {
  const bound: Partial<Pick<S, K>> = {};
  for (const name of names) {
    const member = service[name];
    if (typeof member !== 'function') throw new TypeError(`${String(name)} is not a method`);
    bound[name] = (member as (...args: unknown[]) => unknown).bind(service) as S[K];
  }
  return bound as Pick<S, K>;
}
