// An audio clip's fade and gain handles: where they sit on screen, which one is under the pointer,
// and what a drag on them sets. Pure arithmetic, shared by the painter (what is drawn) and the hit
// test (what is grabbed), so the two always agree.
//
// The gesture, as REAPER and Bitwig users know it: a small square at each top corner marks the end
// of the fade-in / the start of the fade-out (at the corner itself when there is no fade) and is
// dragged sideways; the thin band along the clip's top edge between them is dragged up or down for
// the clip's gain (no modifier key: the band is where the cursor turns to ns-resize).
import type { ClipView, FadeShapeView } from "../../channels";
import { snapBeat } from "../timeline/snapping";
import type { Viewport } from "../timeline/viewport";

/** Side of a fade handle's square (px). */
export const FADE_HANDLE_PX = 7;
/** Extra pixels around a handle's square that still grab it. */
export const HANDLE_GRAB_PX = 4;
/** Height of the band along a clip's top edge that sets its gain (px from the clip's top). */
export const GAIN_BAND_PX = 6;
/** Clips narrower than this on screen show no handles and offer none (no clutter when zoomed out). */
export const HANDLES_MIN_WIDTH_PX = 48;
/** Gain change per pixel of vertical drag (down is quieter). */
export const GAIN_DB_PER_PX = 0.2;
/** Pulse's limits for a clip's gain (pulse/src/model/track.ts MIN_GAIN_DB / MAX_GAIN_DB). */
export const MIN_CLIP_GAIN_DB = -144;
export const MAX_CLIP_GAIN_DB = 12;

export type ClipHandle = "fadeIn" | "fadeOut" | "gain";

/** A clip's horizontal extent on screen, in whole pixels (as the painter draws it). */
export interface ClipSpan { left: number; right: number; pxPerBeat: number }

/** The span of a clip from `startBeat` over `lengthBeats` at the viewport's scroll and zoom. */
export function clipSpan(viewport: Viewport, startBeat: number, lengthBeats: number): ClipSpan {
  return { left: Math.round(viewport.beatToX(startBeat)), right: Math.round(viewport.beatToX(startBeat + lengthBeats)), pxPerBeat: viewport.pxPerBeat };
}

/** True when the clip has handles at this width: audio clips only, wide enough to grab them. */
export function showsHandles(clip: ClipView, span: ClipSpan): boolean {
  return clip.kind === "audio" && span.right - span.left >= HANDLES_MIN_WIDTH_PX;
}

/** Left x of the fade-in and fade-out squares: centred on the fade's end, kept inside the clip. */
export function fadeHandleXs(clip: ClipView, span: ClipSpan): { fadeIn: number; fadeOut: number } {
  const inside = (x: number) => Math.max(span.left, Math.min(span.right - FADE_HANDLE_PX, x));
  const fadeInEnd = span.left + Math.round((clip.fadeInBeats ?? 0) * span.pxPerBeat);
  const fadeOutStart = span.right - Math.round((clip.fadeOutBeats ?? 0) * span.pxPerBeat);
  const half = Math.floor(FADE_HANDLE_PX / 2);
  return { fadeIn: inside(fadeInEnd - half), fadeOut: inside(fadeOutStart - half) };
}

/** The handle under (x, yInClip), yInClip measured from the clip's top edge (negative just above
 *  it, in the gap between rows); null for the rest of the clip. Fade squares win over the gain
 *  band; when the two squares overlap, the one whose centre is nearer wins. */
export function handleAt(clip: ClipView, span: ClipSpan, x: number, yInClip: number): ClipHandle | null {
  if (!showsHandles(clip, span) || x < span.left || x > span.right) return null;
  if (yInClip < -HANDLE_GRAB_PX) return null;
  if (yInClip <= FADE_HANDLE_PX + HANDLE_GRAB_PX) {
    const xs = fadeHandleXs(clip, span);
    const distance = (sx: number) => Math.abs(x - (sx + FADE_HANDLE_PX / 2));
    const reach = FADE_HANDLE_PX / 2 + HANDLE_GRAB_PX;
    const dIn = distance(xs.fadeIn);
    const dOut = distance(xs.fadeOut);
    if (dIn <= reach && dIn <= dOut) return "fadeIn";
    if (dOut <= reach) return "fadeOut";
  }
  return yInClip < GAIN_BAND_PX ? "gain" : null;
}

export interface Fades { fadeInBeats: number; fadeOutBeats: number }

/** The fades after dragging one fade's handle so that its end lands at `pointerBeat - grabOffset`
 *  (snapped to the grid like every arrange edit): never below 0, never past the other fade. */
export function dragFade(clip: ClipView, edge: "fadeIn" | "fadeOut", pointerBeat: number, grabOffset: number, step: number, snap: boolean): Fades {
  const length = clip.lengthBeats;
  const fadeIn = clip.fadeInBeats ?? 0;
  const fadeOut = clip.fadeOutBeats ?? 0;
  const at = snapBeat(pointerBeat - grabOffset, step, snap);
  if (edge === "fadeIn") return { fadeInBeats: fitBeside(at - clip.startBeat, fadeOut, length), fadeOutBeats: fadeOut };
  return { fadeInBeats: fadeIn, fadeOutBeats: fitBeside(clip.startBeat + length - at, fadeIn, length) };
}

/** The clip's fades once it is trimmed to `lengthBeats` at `edge`: unchanged when they fit, else the
 *  fade at the trimmed edge gives way first (Pulse refuses a clip shorter than its fades). */
export function fadesWithin(clip: ClipView, lengthBeats: number, edge: "start" | "end"): Fades {
  const fadeIn = clip.fadeInBeats ?? 0;
  const fadeOut = clip.fadeOutBeats ?? 0;
  if (fadeIn + fadeOut <= lengthBeats) return { fadeInBeats: fadeIn, fadeOutBeats: fadeOut };
  if (edge === "end") {
    const kept = Math.min(fadeIn, lengthBeats);
    return { fadeInBeats: kept, fadeOutBeats: fitBeside(fadeOut, kept, lengthBeats) };
  }
  const kept = Math.min(fadeOut, lengthBeats);
  return { fadeInBeats: fitBeside(fadeIn, kept, lengthBeats), fadeOutBeats: kept };
}

/** `wanted` clamped to [0, length - other], so that wanted + other <= length holds in floating point
 *  too (Pulse refuses fades that add up to more than the clip, by any margin). */
function fitBeside(wanted: number, other: number, length: number): number {
  let v = Math.max(0, Math.min(wanted, length - other));
  while (v > 0 && v + other > length) v = Math.max(0, v - Math.max(Number.EPSILON * length, Number.MIN_VALUE));
  return v;
}

/** Gain after a vertical drag of dyPixels (down positive) from startDb: 0.1 dB steps, Pulse's limits. */
export function dragGain(startDb: number, dyPixels: number): number {
  const db = Math.round((startDb - dyPixels * GAIN_DB_PER_PX) * 10) / 10;
  return Math.max(MIN_CLIP_GAIN_DB, Math.min(MAX_CLIP_GAIN_DB, db)) + 0; // + 0: no "-0.0 dB"
}

/** "-6.0 dB", "+3.5 dB": what the clip's label shows. */
export function formatGain(db: number): string {
  const tenths = Math.round(db * 10) / 10 + 0;
  return `${tenths > 0 ? "+" : ""}${tenths.toFixed(1)} dB`;
}

/** Linear amplitude of a gain in dB. */
export function dbToAmplitude(db: number): number {
  return 10 ** (db / 20);
}

/** A fade's gain at `progress` (0 silent end .. 1 full level), as Signal applies it
 *  (signal/engine/rt/graph/PlanRenderer.cpp fadeShape), so the curve drawn is the one heard. */
export function fadeGainAt(shape: FadeShapeView, progress: number): number {
  const x = Math.max(0, Math.min(1, progress));
  if (shape === "EqualPower") return Math.sin((x * Math.PI) / 2);
  if (shape === "Exponential") return x * x;
  return x;
}
