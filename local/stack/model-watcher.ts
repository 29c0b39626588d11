import { watch } from 'node:fs';

/**
 * Reloads the model files when one changes, so editing `models/*.json` while the stack runs takes
 * effect without a restart (the functions pick the new version up within their model cache's
 * refresh, 5 s). Changes are gathered for `settleMs`, so one save reloads once. `reload` answers
 * a summary line, then lines logged as they are (kept or replaced models). Returns how to stop.
 */
export function watchModels(folder: string, reload: () => Promise<readonly string[]>, log: (message: string, error?: Error) => void, settleMs = 300): () => void {
  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  const watcher = watch(folder, (_event, file) => {
    if (file && !file.endsWith('.json')) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      running = running.then(() =>
        reload().then(
          ([summary, ...notices]) => [`models reloaded from ${folder}: ${summary}`, ...notices].forEach((line) => log(line)),
          // An invalid file leaves the models as they were; the message names the problems.
          (error: Error) => log('models not reloaded', error),
        ),
      );
    }, settleMs);
  });
  watcher.on('error', (error) => log(`stopped watching ${folder}`, error));
  return () => {
    clearTimeout(timer);
    watcher.close();
  };
}
