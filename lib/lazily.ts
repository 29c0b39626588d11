/**
 * A value built on first use and shared by every later caller, concurrent ones included. A build
 * that fails is forgotten, so the next caller tries again (a throttled lookup must not break a
 * container for its whole life). Used to load SDK packages only when a function needs them.
 */
export function lazily<T>(build: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () =>
    (value ??= build().catch((error: unknown) => {
      value = undefined;
      throw error;
    }));
}
