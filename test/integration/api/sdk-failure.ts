/** What an SDK call threw, as plain data: its class name, HTTP status and message, and the error itself. */
export async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    const e = error as Error & { $metadata?: { httpStatusCode?: number } };
    return { name: e.name, status: e.$metadata?.httpStatusCode, message: e.message, error };
  }
  throw new Error('the call succeeded');
}
