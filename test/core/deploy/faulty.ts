/**
 * Wraps a port (ObjectStore, Cdn) so that its `n`-th call of `method` (counting from 1)
 * fails, as a dropped connection or a throttled API would. Every other call goes through.
 */
export function failingCall<T extends object>(target: T, method: keyof T & string, n: number) {
  let calls = 0;
  const state = { failed: false };
  const proxy = new Proxy(target, {
    get(obj, prop, receiver) {
      const value = Reflect.get(obj, prop, receiver) as unknown;
      if (prop !== method || typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls += 1;
        if (calls === n) {
          state.failed = true;
          return Promise.reject(new Error(`injected fault in ${method} #${n}`));
        }
        return (value as (...a: unknown[]) => unknown).apply(obj, args);
      };
    },
  });
  return { proxy, state };
}
