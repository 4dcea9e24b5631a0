// Changing the tempo by dragging, as DAWs do: up is faster. One pixel is one BPM, or a hundredth
// with Shift held for fine changes; the result stays in Pulse's accepted range and is rounded to
// what the field shows, so the value previewed while dragging is exactly the value that is set.
export const MIN_BPM = 10;
export const MAX_BPM = 999;

/** The tempo after dragging dyPixels (negative = up) from startBpm. */
export function tempoAfterDrag(startBpm: number, dyPixels: number, fine: boolean): number {
  const step = fine ? 0.01 : 1;
  const raw = startBpm - dyPixels * step;
  const clamped = Math.min(MAX_BPM, Math.max(MIN_BPM, raw));
  return Math.round(clamped * 100) / 100;
}

/** The tempo after one wheel notch (deltaY < 0 = up = faster), by one BPM or 0.1 with Shift. */
export function tempoAfterWheel(bpm: number, deltaY: number, fine: boolean): number {
  if (deltaY === 0) return bpm;
  const step = (fine ? 0.1 : 1) * (deltaY < 0 ? 1 : -1);
  return Math.round(Math.min(MAX_BPM, Math.max(MIN_BPM, bpm + step)) * 100) / 100;
}
