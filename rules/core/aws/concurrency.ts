// Runs an async function over a stream with at most `limit` calls in flight, without first
// reading the whole stream into memory. The one fixed-size pool: the Lambda's evaluations and the
// certificate reads use it (the CLI's throttling-driven limit is bin/cli/audit/adaptive-limit.ts).
export async function forEachConcurrent<T>(
  items: AsyncIterable<T> | Iterable<T>,
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  const running = new Set<Promise<void>>();
  let firstError: { error: unknown } | undefined;
  for await (const item of items) {
    if (firstError) break;
    const task = fn(item).then(
      () => {
        running.delete(task);
      },
      (error: unknown) => {
        running.delete(task);
        firstError ??= { error };
      },
    );
    running.add(task);
    if (running.size >= limit) await Promise.race(running);
  }
  await Promise.all(running);
  if (firstError) throw firstError.error;
}
