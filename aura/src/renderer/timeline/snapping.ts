// Snapping positions to a musical grid whose step follows the zoom, so a drag always lands on lines
// the user can see.

/** Grid steps in beats, finest first. */
export const GRID_STEPS = [1 / 16, 1 / 8, 1 / 4, 1 / 2, 1, 2, 4, 8, 16, 32, 64, 128] as const;

/** The finest grid step whose lines are at least minPixels apart. */
export function gridStepFor(pxPerBeat: number, minPixels = 12): number {
  for (const step of GRID_STEPS) {
    if (step * pxPerBeat >= minPixels) return step;
  }
  return GRID_STEPS[GRID_STEPS.length - 1]!;
}

export function snapBeat(beat: number, step: number, enabled = true): number {
  if (!enabled || step <= 0) return beat;
  return Math.round(beat / step) * step;
}

/** Snaps a moved clip by its start, keeping it on the timeline. */
export function snapClipStart(start: number, step: number, enabled: boolean): number {
  return Math.max(0, snapBeat(start, step, enabled));
}
