/**
 * Runs `task` over `items` with at most `limit` in flight, in order of start. Resolves when all
 * have settled; a task's rejection is re-thrown after the others finish, so none is abandoned
 * half-way.
 */
export async function mapConcurrent<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: unknown;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      try {
        await task(item);
      } catch (error) {
        failure ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failure !== undefined) throw failure;
}
