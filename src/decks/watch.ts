import { type FSWatcher, watch } from "node:fs";

export interface DeckWatch {
  close(): void;
}

/**
 * Calls `onChange` once a burst of changes in `dir` has settled: editors
 * write a file in several steps (temp file, rename, chmod), and a reload per
 * step would read half-written decks. Never throws: a folder that cannot be
 * watched is reported through `onError` and the bot runs on without the watch.
 */
export function watchDeckFolder(
  dir: string,
  onChange: () => void,
  options: { debounceMs?: number; onError?: (error: unknown) => void } = {},
): DeckWatch {
  const debounceMs = options.debounceMs ?? 300;
  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;
  const settle = () => {
    clearTimeout(timer);
    timer = setTimeout(onChange, debounceMs);
    timer.unref();
  };
  try {
    watcher = watch(dir, { persistent: false }, settle);
    watcher.on("error", (error) => options.onError?.(error));
  } catch (error) {
    options.onError?.(error);
  }
  return {
    close() {
      clearTimeout(timer);
      watcher?.close();
    },
  };
}
