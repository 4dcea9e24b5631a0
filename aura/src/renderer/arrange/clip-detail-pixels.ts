// What a clip's detail bitmap shows: an audio clip's peak envelope, or a MIDI clip's notes scaled to
// the clip's pitch range (at least an octave, so a few notes do not fill the whole height).
import type { FadeShapeView, NoteView } from "../../channels";
import { fadeGainAt } from "./clip-handles";

export interface DetailColours { ink: number; background: number }
/** A waveform's colours, with those of what a fade takes away (above its curve) and of the curve. */
export interface WaveformColours extends DetailColours { shadedInk: number; shadedBackground: number; curve: number }

/** How a clip plays its audio: its gain as an amplitude, and its fades as fractions of its length. */
export interface WaveformLook { amplitude: number; fadeIn: number; fadeOut: number; fadeInShape: FadeShapeView; fadeOutShape: FadeShapeView }
export const PLAIN_WAVEFORM: WaveformLook = { amplitude: 1, fadeIn: 0, fadeOut: 0, fadeInShape: "Linear", fadeOutShape: "Linear" };

/** Peaks (0..1, evenly spread over the clip) as a waveform mirrored around the middle, as it plays:
 *  scaled by the clip's gain and fades (louder than full scale fills the height). A fade draws its
 *  curve from the bottom (silence) to the top (full level) and shades what lies above it. Drawn
 *  into the cached bitmap, so a faded clip costs a frame no more than a plain one. */
export function drawPeaks(peaks: readonly number[], colours: WaveformColours, pixels: Uint32Array, width: number, height: number, look = PLAIN_WAVEFORM): void {
  const mid = height / 2;
  let previousCurve = -1;
  for (let x = 0; x < width; x++) {
    const t = (x + 0.5) / width;
    let envelope = 1;
    if (t < look.fadeIn) envelope = fadeGainAt(look.fadeInShape, t / look.fadeIn);
    if (t > 1 - look.fadeOut) envelope *= fadeGainAt(look.fadeOutShape, (1 - t) / look.fadeOut);
    const fading = t < look.fadeIn || t > 1 - look.fadeOut;
    const peak = (peaks[Math.floor((x * peaks.length) / width)] ?? 0) * look.amplitude * envelope;
    const half = Math.max(0.5, Math.min(1, peak) * mid);
    const top = Math.floor(mid - half);
    const bottom = Math.min(height, Math.ceil(mid + half));
    const curve = fading ? Math.round((1 - envelope) * (height - 1)) : -1;
    for (let y = 0; y < height; y++) {
      const inside = y >= top && y < bottom;
      pixels[y * width + x] = y < curve ? (inside ? colours.shadedInk : colours.shadedBackground) : inside ? colours.ink : colours.background;
    }
    if (!fading) { previousCurve = -1; continue; }
    // The curve joined to the previous column's, so a steep fade stays one unbroken line.
    const from = previousCurve < 0 ? curve : Math.min(previousCurve, curve);
    const to = previousCurve < 0 ? curve : Math.max(previousCurve, curve);
    for (let y = from; y <= to; y++) pixels[y * width + x] = colours.curve;
    previousCurve = curve;
  }
}

/** Notes (start and length in beats from the clip start) across a clip of lengthBeats. */
export function drawNotes(notes: readonly NoteView[], lengthBeats: number, colours: DetailColours, pixels: Uint32Array, width: number, height: number): void {
  pixels.fill(colours.background);
  if (notes.length === 0 || lengthBeats <= 0) return;
  let lo = 127;
  let hi = 0;
  for (const n of notes) { lo = Math.min(lo, n.pitch); hi = Math.max(hi, n.pitch); }
  const span = Math.max(12, hi - lo + 1);
  const rowHeight = height / span;
  const noteHeight = Math.max(1, Math.round(rowHeight));
  const perBeat = width / lengthBeats;
  for (const n of notes) {
    const x0 = Math.max(0, Math.round(n.startBeat * perBeat));
    // A gap of one pixel keeps repeated notes apart; every note is at least one pixel wide.
    const x1 = Math.min(width, Math.max(x0 + 1, Math.round((n.startBeat + n.lengthBeats) * perBeat) - 1));
    const y0 = Math.max(0, Math.round((hi - n.pitch) * rowHeight));
    const y1 = Math.min(height, y0 + noteHeight);
    for (let y = y0; y < y1; y++) pixels.fill(colours.ink, y * width + x0, y * width + x1);
  }
}
