/** Polls `probe` until it returns a truthy value or `timeoutMs` passes (background workers run on timers). */
export async function waitFor<T>(probe: () => Promise<T> | T, timeoutMs = 10_000, what = 'condition'): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await probe();
    if (last) return last as NonNullable<T>;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`waitFor: ${what} not reached within ${timeoutMs} ms (last: ${JSON.stringify(last)})`);
}
