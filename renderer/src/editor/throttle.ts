/**
 * Runs `task` at most once per `gapMs`, never twice at once, and always once more after the last
 * request: a lone keystroke validates at once, a burst of typing validates about every `gapMs`.
 */
export function throttleAsync(task: () => Promise<void>, gapMs: number): { request(): void; cancel(): void } {
  let running = false;
  let pending = false;
  let lastStart = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let cancelled = false;

  const run = async () => {
    timer = undefined;
    if (cancelled) return;
    running = true;
    pending = false;
    lastStart = performance.now();
    try {
      await task();
    } finally {
      running = false;
      if (pending) schedule();
    }
  };
  const schedule = () => {
    if (timer !== undefined || cancelled) return;
    const wait = lastStart + gapMs - performance.now();
    // Idle long enough: start now, in the caller's turn, rather than after a zero timeout.
    if (wait <= 0) void run();
    else timer = setTimeout(() => void run(), wait);
  };
  return {
    request() {
      pending = true;
      if (!running) schedule();
    },
    cancel() {
      cancelled = true;
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}
