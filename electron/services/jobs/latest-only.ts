/** Jobs emit many progress events a second; the window needs about four (each event carries the whole picture). */
export const FORWARD_INTERVAL_MS = 250;

/**
 * Forwards the latest progress event at most every `intervalMs`, at once when the phase changes, and always
 * the last one (`flush`), so the final numbers are never lost.
 */
export function latestOnly<E extends { phase: string }>(
  send: (e: E) => void,
  intervalMs = FORWARD_INTERVAL_MS,
) {
  let pending: E | undefined;
  let lastSent = 0;
  let lastPhase: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  const flush = (): void => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (!pending) return;
    const e = pending;
    pending = undefined;
    lastSent = Date.now();
    lastPhase = e.phase;
    send(e);
  };
  const push = (e: E): void => {
    pending = e;
    const wait = intervalMs - (Date.now() - lastSent);
    if (e.phase !== lastPhase || wait <= 0) flush();
    else timer ??= setTimeout(flush, wait);
  };
  return { push, flush };
}
