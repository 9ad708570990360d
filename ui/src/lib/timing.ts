// Speed marks for the end-to-end measurements: when is a change on screen?

/**
 * Calls `fn` once the next frame has been painted: a frame callback runs
 * just before painting, and a task queued from it runs after.
 */
export function afterPaint(fn: () => void): void {
  // A page torn down in between (a closed window, the end of a component
  // test) has nothing left to measure.
  requestAnimationFrame(() => setTimeout(() => typeof window !== "undefined" && fn(), 0));
}
