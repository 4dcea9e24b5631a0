// Draws an audio clip's fade handles, and its fade curves when it has no waveform bitmap to carry
// them (a missing file, peaks not read yet; with a waveform, drawPeaks draws the curves into the
// cached bitmap). Curve points sit on whole pixels across and eighths of a pixel up and down (exact
// in floating point), so a clip looks the same wherever a scroll puts it.
import type { ClipView, FadeShapeView } from "../../channels";
import { FADE_HANDLE_PX, fadeGainAt, fadeHandleXs, showsHandles, type ClipSpan } from "./clip-handles";

export const fadeColours = {
  /** What a fade takes away, over the clip body and over the waveform (the body and wave colours
   *  under 45 % of near-black, as opaque colours: no alpha blending in the cached bitmaps). */
  shadedBody: "#274a66", shadedWave: "#61717f", shade: "rgba(10, 12, 16, 0.45)",
  curve: "#dfe8f0", handle: "#f2f4f7", handleEdge: "#14171b",
};

/** Most segments one fade curve is drawn with (a fade's cost is bounded whatever the zoom). */
const MAX_SEGMENTS = 32;

/** The fade handles of `clip` along its top edge at y `top`, when it is wide enough for them. */
export function paintFadeHandles(ctx: CanvasRenderingContext2D, clip: ClipView, span: ClipSpan, top: number): void {
  if (!showsHandles(clip, span)) return;
  const xs = fadeHandleXs(clip, span);
  for (const x of [xs.fadeIn, xs.fadeOut]) {
    ctx.fillStyle = fadeColours.handleEdge;
    ctx.fillRect(x, top, FADE_HANDLE_PX, FADE_HANDLE_PX);
    ctx.fillStyle = fadeColours.handle;
    ctx.fillRect(x + 1, top + 1, FADE_HANDLE_PX - 2, FADE_HANDLE_PX - 2);
  }
}

/** The fade curves of `clip` over [top, top + height) as canvas paths, shaded above the curve. */
export function paintFadeCurves(ctx: CanvasRenderingContext2D, clip: ClipView, span: ClipSpan, top: number, height: number): void {
  if (clip.kind !== "audio") return;
  // Within the clip, whatever the view says (a trim's ghost shows the fades Pulse will keep).
  const width = span.right - span.left;
  const fadeInPx = Math.min(width, Math.round((clip.fadeInBeats ?? 0) * span.pxPerBeat));
  const fadeOutPx = Math.min(width - fadeInPx, Math.round((clip.fadeOutBeats ?? 0) * span.pxPerBeat));
  if (fadeInPx >= 2) paintFade(ctx, span.left, fadeInPx, clip.fadeInShape ?? "Linear", top, height);
  if (fadeOutPx >= 2) paintFade(ctx, span.right, -fadeOutPx, clip.fadeOutShape ?? "Linear", top, height);
}

/** One fade from its silent end at x `silentX`, `signedPx` long (negative: a fade-out, towards the left). */
function paintFade(ctx: CanvasRenderingContext2D, silentX: number, signedPx: number, shape: FadeShapeView, top: number, height: number): void {
  const length = Math.abs(signedPx);
  const segments = shape === "Linear" ? 1 : Math.min(MAX_SEGMENTS, Math.max(2, Math.ceil(length / 3)));
  const yOf = (gain: number) => top + Math.round((1 - gain) * height * 8) / 8;
  const points: [number, number][] = [];
  for (let i = 0; i <= segments; i++) {
    const along = Math.round((i * length) / segments);
    points.push([silentX + Math.sign(signedPx) * along, yOf(fadeGainAt(shape, along / length))]);
  }
  // Shaded: from the top edge down to the curve, what the fade takes away.
  ctx.beginPath();
  ctx.moveTo(silentX, top);
  for (const [x, y] of points) ctx.lineTo(x, y);
  ctx.closePath();
  ctx.fillStyle = fadeColours.shade;
  ctx.fill();
  ctx.beginPath();
  points.forEach(([x, y], i) => (i === 0 ? ctx.moveTo(x, y) : ctx.lineTo(x, y)));
  ctx.strokeStyle = fadeColours.curve;
  ctx.lineWidth = 1;
  ctx.stroke();
}
