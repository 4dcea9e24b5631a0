// What a clip's detail bitmap shows: an audio clip's peak envelope, or a MIDI clip's notes scaled to
// the clip's pitch range (at least an octave, so a few notes do not fill the whole height).
import type { NoteView } from "../../channels";

export interface DetailColours { ink: number; background: number }

/** Peaks (0..1, evenly spread over the clip) as a waveform mirrored around the middle. */
export function drawPeaks(peaks: readonly number[], colours: DetailColours, pixels: Uint32Array, width: number, height: number): void {
  const mid = height / 2;
  for (let x = 0; x < width; x++) {
    const peak = peaks[Math.floor((x * peaks.length) / width)] ?? 0;
    const half = Math.max(0.5, Math.min(1, peak) * mid);
    const top = Math.floor(mid - half);
    const bottom = Math.min(height, Math.ceil(mid + half));
    for (let y = 0; y < height; y++) pixels[y * width + x] = y >= top && y < bottom ? colours.ink : colours.background;
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
