// Draws the arrange onto a 2D canvas: ruler, loop, markers, track rows, clips (waveform or note
// preview, both cached bitmaps), automation lanes and the playhead. Only what is visible is drawn,
// so cost follows the screen, not the project size; the timeline below the ruler can be painted one
// rectangle at a time (what a scroll uncovers, see arrange-frame-painter.ts). Everything lands on
// whole pixels (or exact fractions), so a rectangle painted later matches the frame around it.
import type { ClipView, NoteView, ProjectView } from "../../channels";
import { rulerTicks, timeLabels } from "../timeline/ruler";
import type { Viewport } from "../timeline/viewport";
import { LabelCache } from "./label-cache";
import { abgr, ClipBitmapCache, DETAIL_PIXELS_PER_FRAME, type ClipDetail } from "./clip-bitmap-cache";
import { drawNotes, drawPeaks, type WaveformLook } from "./clip-detail-pixels";
import { ArrangeLayout, CLIP_TOP_INSET, LANE_HEIGHT, RULER_HEIGHT, TRACK_HEIGHT, visibleClips, type TrackRow } from "./arrange-layout";
import { fadeColours, paintFadeCurves, paintFadeHandles } from "./clip-fade-painter";
import { clipSpan, dbToAmplitude, FADE_HANDLE_PX, formatGain, showsHandles } from "./clip-handles";

export const colours = {
  background: "#1b1d21", rowEven: "#202328", rowOdd: "#1d2024", grid: "#2a2e35", bar: "#3a3f48",
  ruler: "#26292f", rulerText: "#a9b0bb", rulerTime: "#6f8fae", audioClip: "#3f7cac", midiClip: "#5d9b61", selected: "#e8c547",
  clipText: "#f2f4f7", wave: "#a9c4da", note: "#d5e8d6",
  loopBar: "#e8c547", rowLoopEven: "#2a2a24", rowLoopOdd: "#272720", marker: "#d9825b", playhead: "#ff5c5c", lane: "#181a1e", automation: "#c78de0",
};

export interface ArrangeScene {
  project: ProjectView;
  layout: ArrangeLayout;
  viewport: Viewport;
  scrollY: number;
  width: number;
  height: number;
  selectedClips: ReadonlySet<string>;
  playheadBeat: number;
  /** A clip being dragged, drawn at its preview position. */
  ghost?: { clip: ClipView; rowTop: number; startBeat: number; lengthBeats: number };
}

/** A rectangle of the canvas in CSS pixels. */
export interface PaintRect { x: number; y: number; width: number; height: number }

/** Drawn at fixed x, whatever the horizontal scroll: automation lanes name their parameter (up to
 *  this x), and a clip that starts left of the screen keeps its name at the left edge (up to
 *  stickyLabelReach). A frame that moves the previous pixels paints these places again. */
export const LANE_LABEL_REACH = 48;

/** How far right of the canvas's left edge a clip's name reaches when the clip starts left of it. */
export function stickyLabelReach(clip: ClipView): number {
  const body = clip.kind === "midi" ? colours.midiClip : colours.audioClip;
  return 2 + 4 + labels.reach(clip.name, colours.clipText, body) + 2;
}

/** Starts a painted frame: sets how many new bitmaps it may make. While `zooming`, clip details
 *  are stretched from the bitmaps they have and made crisp once the zoom rests. */
export function beginArrangeFrame(zooming = false): void {
  labels.startFrame(4);
  waveforms.startFrame(DETAIL_PIXELS_PER_FRAME / 2, zooming);
  notePreviews.startFrame(DETAIL_PIXELS_PER_FRAME / 2, zooming);
}

/** Ends a painted frame: the clips it drew without their final details or labels (bitmaps over the
 *  frame's budget), which a later frame must paint again. */
export function endArrangeFrame(): string[] {
  const left = [...waveforms.takePending(), ...notePreviews.takePending(), ...labelsAsText];
  labelsAsText = [];
  return left;
}

/** Paints everything below the ruler inside `rect` (whole pixels), and nothing outside it. Every
 *  pixel of the rect is filled opaque first, so painting a rect twice gives the same picture. */
export function paintTimeline(ctx: CanvasRenderingContext2D, scene: ArrangeScene, rect: PaintRect): void {
  const { width, viewport, project } = scene;
  const top = Math.max(RULER_HEIGHT, rect.y);
  const bottom = Math.min(scene.height, rect.y + rect.height);
  const left = Math.max(0, rect.x);
  const right = Math.min(width, rect.x + rect.width);
  if (bottom <= top || right <= left) return;
  const area: PaintRect = { x: left, y: top, width: right - left, height: bottom - top };
  // Clips reach a little past their beats (rounding, selection outline, automation handles).
  const startBeat = viewport.xToBeat(left - 4);
  const endBeat = viewport.xToBeat(right + 4);
  const ticks = rulerTicks(Math.max(0, startBeat), endBeat, viewport.pxPerBeat, project.beatsPerBar);

  ctx.save();
  ctx.beginPath();
  ctx.rect(area.x, area.y, area.width, area.height);
  ctx.clip();
  // Bitmaps (details, names) are scaled only by the device pixel ratio or while a zoom waits for
  // new ones: nearest pixels, the same in every frame.
  ctx.imageSmoothingEnabled = false;
  const rows = scene.layout.visibleRows(scene.scrollY + top - RULER_HEIGHT, bottom - top);
  // Software canvases pay per pixel filled, so every area is filled once: rows, then what is below them.
  for (const row of rows) paintRowBackground(ctx, scene, row, area);
  const last = rows[rows.length - 1];
  const below = Math.max(top, last ? RULER_HEIGHT + last.top + last.height - scene.scrollY : RULER_HEIGHT);
  if (below < bottom) {
    ctx.fillStyle = colours.background;
    ctx.fillRect(area.x, below, area.width, bottom - below);
  }
  // Grid lines as 1-pixel fills on whole pixels (no anti-aliased strokes).
  ctx.fillStyle = colours.grid;
  for (const t of ticks) {
    if (t.kind === "sub") continue;
    ctx.fillRect(Math.round(viewport.beatToX(t.beat)), top, 1, bottom - top);
  }
  for (const row of rows) {
    for (const clip of visibleClips(row, startBeat, endBeat)) {
      if (scene.ghost?.clip.id === clip.id) continue;
      paintClip(ctx, scene, clip, row.top, clip.startBeat, clip.lengthBeats, scene.selectedClips.has(clip.id));
    }
  }
  for (const row of rows) paintAutomation(ctx, scene, row);
  if (scene.ghost) paintClip(ctx, scene, scene.ghost.clip, scene.ghost.rowTop, scene.ghost.startBeat, scene.ghost.lengthBeats, true);
  ctx.restore();
}

/** The ruler and the playhead line, drawn over the timeline. */
export function paintRulerAndPlayhead(ctx: CanvasRenderingContext2D, scene: ArrangeScene): void {
  const { viewport, width, height, project } = scene;
  const [startBeat, endBeat] = viewport.visibleBeats(width);
  paintRuler(ctx, scene, rulerTicks(startBeat, endBeat, viewport.pxPerBeat, project.beatsPerBar));
  const x = playheadX(scene);
  if (x !== null) {
    ctx.fillStyle = colours.playhead;
    ctx.fillRect(x, 0, 1, height);
  }
}

/** The playhead's pixel column, or null when it is off screen. */
export function playheadX(scene: ArrangeScene): number | null {
  const px = scene.viewport.beatToX(scene.playheadBeat);
  return px >= 0 && px <= scene.width ? Math.round(px) : null;
}

function paintRowBackground(ctx: CanvasRenderingContext2D, scene: ArrangeScene, row: TrackRow, area: PaintRect): void {
  const y = RULER_HEIGHT + row.top - scene.scrollY;
  const even = row.track.id.length % 2 === 0;
  const x = area.x;
  const w = area.width;
  ctx.fillStyle = colours.background;
  ctx.fillRect(x, y + TRACK_HEIGHT - 1, w, 1);
  ctx.fillStyle = even ? colours.rowEven : colours.rowOdd;
  ctx.fillRect(x, y, w, TRACK_HEIGHT - 1);
  // The loop range is tinted with an opaque colour: no alpha blending over the whole arrange.
  const loop = scene.project.loop;
  if (loop.enabled && loop.endBeat > loop.startBeat) {
    // Whole pixels: a fractional edge would be anti-aliased, differently at each scroll position.
    const lx0 = Math.max(0, Math.round(scene.viewport.beatToX(loop.startBeat)));
    const lx1 = Math.min(scene.width, Math.round(scene.viewport.beatToX(loop.endBeat)));
    if (lx1 > lx0) {
      ctx.fillStyle = even ? colours.rowLoopEven : colours.rowLoopOdd;
      ctx.fillRect(lx0, y, lx1 - lx0, TRACK_HEIGHT - 1);
    }
  }
  for (let i = 0; i < row.height - TRACK_HEIGHT; i += LANE_HEIGHT) {
    ctx.fillStyle = colours.lane;
    ctx.fillRect(x, y + TRACK_HEIGHT + i, w, LANE_HEIGHT - 1);
    ctx.fillStyle = colours.background;
    ctx.fillRect(x, y + TRACK_HEIGHT + i + LANE_HEIGHT - 1, w, 1);
  }
}

const waveformColours = {
  ink: abgr(colours.wave), background: abgr(colours.audioClip),
  shadedInk: abgr(fadeColours.shadedWave), shadedBackground: abgr(fadeColours.shadedBody), curve: abgr(fadeColours.curve),
};
const noteColours = { ink: abgr(colours.note), background: abgr(colours.midiClip) };
/** A waveform bitmap's source: the clip's peaks as it plays them (a new gain or fade draws a new bitmap). */
interface WaveformSource { peaks: readonly number[]; look: WaveformLook }
const waveforms = new ClipBitmapCache<WaveformSource>((source, _span, pixels, w, h) => drawPeaks(source.peaks, waveformColours, pixels, w, h, source.look));
/** The same source object while a clip's peaks, gain and fades stay the same (the cache compares by identity). */
const waveformSources = new WeakMap<readonly number[], WaveformSource>();
function waveformSource(peaks: readonly number[], clip: ClipView, lengthBeats: number): WaveformSource {
  const look: WaveformLook = {
    amplitude: dbToAmplitude(clip.gainDb ?? 0),
    fadeIn: (clip.fadeInBeats ?? 0) / lengthBeats, fadeOut: (clip.fadeOutBeats ?? 0) / lengthBeats,
    fadeInShape: clip.fadeInShape ?? "Linear", fadeOutShape: clip.fadeOutShape ?? "Linear",
  };
  let source = waveformSources.get(peaks);
  const l = source?.look;
  if (!source || !l || l.amplitude !== look.amplitude || l.fadeIn !== look.fadeIn || l.fadeOut !== look.fadeOut || l.fadeInShape !== look.fadeInShape || l.fadeOutShape !== look.fadeOutShape) {
    source = { peaks, look };
    waveformSources.set(peaks, source);
  }
  return source;
}
const notePreviews = new ClipBitmapCache<readonly NoteView[]>((notes, span, pixels, w, h) => drawNotes(notes, span, noteColours, pixels, w, h));
const labels = new LabelCache();
/** Clips whose names were drawn as text this frame (label budget spent). */
let labelsAsText: string[] = [];

function paintClip(ctx: CanvasRenderingContext2D, scene: ArrangeScene, clip: ClipView, rowTop: number, startBeat: number, lengthBeats: number, selected: boolean): void {
  const { viewport } = scene;
  // Whole pixels: axis-aligned fills on pixel edges need no anti-aliasing, which software canvases pay for.
  const span = clipSpan(viewport, startBeat, lengthBeats);
  const { left, right } = span;
  // Fills stop just outside the canvas; what is drawn inside a clip depends on its whole width, so
  // a clip looks the same wherever the scroll puts it (a scrolled frame reuses its pixels).
  const x0 = Math.max(-2, left);
  const x1 = Math.min(scene.width + 2, right);
  const y = Math.round(RULER_HEIGHT + rowTop - scene.scrollY + CLIP_TOP_INSET);
  const h = TRACK_HEIGHT - 5;
  const w = Math.max(1, x1 - x0);
  const body = clip.kind === "midi" ? colours.midiClip : colours.audioClip;
  ctx.fillStyle = body;
  ctx.fillRect(x0, y, w, h);
  if (selected) {
    ctx.strokeStyle = colours.selected;
    ctx.lineWidth = 2;
    ctx.strokeRect(x0 + 1, y + 1, w - 2, h - 2);
  }
  const wholeWidth = right - left;
  if (wholeWidth < 4) return;
  const bodyTop = y + 14;
  const bodyHeight = h - 16;
  let detail: ClipDetail | undefined;
  if (clip.kind === "audio" && clip.peaks && clip.peaks.length > 0) detail = waveforms.get(clip.id, waveformSource(clip.peaks, clip, lengthBeats), wholeWidth, bodyHeight);
  else if (clip.kind === "midi" && clip.notes && clip.notes.length > 0) detail = notePreviews.get(clip.id, clip.notes, wholeWidth, bodyHeight, lengthBeats);
  // 1:1 when made for this zoom; stretched when made for another zoom (a new one is on its way) or
  // when the clip is wider than any bitmap.
  if (detail) ctx.drawImage(detail.bitmap, 0, 0, detail.width, detail.height, left, bodyTop, wholeWidth, detail.height);
  // Inside the selection outline (2 px at the top and sides). A clip starting left of the screen
  // keeps its name at the left edge while enough of it shows.
  // The gain label sits at the right end of the name row, left of the fade-out handle.
  let nameWidth = w - 6;
  const gain = clip.kind === "audio" ? clip.gainDb ?? 0 : 0;
  if (gain !== 0) {
    const text = formatGain(gain);
    const textWidth = labels.textWidth(text);
    const gainX = right - (showsHandles(clip, span) ? FADE_HANDLE_PX + 3 : 4) - textWidth;
    if (gainX - x0 > 8 && !labels.draw(ctx, text, colours.clipText, body, gainX, y + 2, textWidth)) labelsAsText.push(clip.id);
    nameWidth = Math.min(nameWidth, gainX - 6 - (x0 + 4));
  }
  if (right - x0 > 30 && !labels.draw(ctx, clip.name, colours.clipText, body, x0 + 4, y + 2, nameWidth)) labelsAsText.push(clip.id);
  if (!detail) paintFadeCurves(ctx, clip, span, bodyTop, bodyHeight);
  paintFadeHandles(ctx, clip, span, y);
}

function paintAutomation(ctx: CanvasRenderingContext2D, scene: ArrangeScene, row: TrackRow): void {
  if (row.height === TRACK_HEIGHT) return;
  row.track.automation.forEach((lane, index) => {
    const top = RULER_HEIGHT + row.top - scene.scrollY + TRACK_HEIGHT + index * LANE_HEIGHT + 2;
    const h = LANE_HEIGHT - 4;
    ctx.fillStyle = colours.rulerText;
    ctx.font = "10px system-ui, sans-serif";
    ctx.fillText(lane.parameter, 4, top + 10, LANE_LABEL_REACH - 8);
    if (lane.points.length === 0) return;
    // Points on whole pixels across and eighths of a pixel up and down (exact in floating point),
    // so the anti-aliased line is the same wherever a scroll puts it.
    const xOf = (beat: number) => Math.round(scene.viewport.beatToX(beat));
    const yOf = (value: number) => top + Math.round((1 - value) * h * 8) / 8;
    ctx.beginPath();
    lane.points.forEach((p, i) => {
      if (i === 0) { ctx.moveTo(Math.min(0, xOf(p.beat)), yOf(p.value)); }
      ctx.lineTo(xOf(p.beat), yOf(p.value));
    });
    ctx.lineTo(Math.max(scene.width, xOf(lane.points[lane.points.length - 1]!.beat)), yOf(lane.points[lane.points.length - 1]!.value));
    ctx.strokeStyle = colours.automation;
    ctx.lineWidth = 1.5;
    ctx.stroke();
    ctx.fillStyle = colours.automation;
    for (const p of lane.points) ctx.fillRect(xOf(p.beat) - 2, Math.round(yOf(p.value)) - 2, 5, 5);
  });
}

function paintRuler(ctx: CanvasRenderingContext2D, scene: ArrangeScene, ticks: ReturnType<typeof rulerTicks>): void {
  const { viewport, project, width } = scene;
  ctx.fillStyle = colours.ruler;
  ctx.fillRect(0, 0, width, RULER_HEIGHT);
  if (project.loop.endBeat > project.loop.startBeat) {
    const lx0 = viewport.beatToX(project.loop.startBeat);
    const lx1 = viewport.beatToX(project.loop.endBeat);
    ctx.fillStyle = project.loop.enabled ? colours.loopBar : colours.bar;
    ctx.fillRect(lx0, 0, lx1 - lx0, 5);
  }
  ctx.fillStyle = colours.rulerText;
  ctx.font = "11px system-ui, sans-serif";
  ctx.beginPath();
  for (const t of ticks) {
    const x = Math.round(viewport.beatToX(t.beat)) + 0.5;
    const tickH = t.kind === "bar" ? 12 : t.kind === "beat" ? 7 : 4;
    ctx.moveTo(x, RULER_HEIGHT - tickH);
    ctx.lineTo(x, RULER_HEIGHT);
    if (t.label) ctx.fillText(t.label, x + 3, RULER_HEIGHT - 14);
  }
  ctx.strokeStyle = colours.rulerText;
  ctx.lineWidth = 1;
  ctx.stroke();
  // Minutes and seconds along the bottom edge, through the tempo map.
  ctx.fillStyle = colours.rulerTime;
  ctx.font = "9px system-ui, sans-serif";
  const startBeat = viewport.xToBeat(0);
  for (const t of timeLabels(Math.max(0, startBeat), viewport.xToBeat(width), viewport.pxPerBeat, project.tempos)) {
    const x = Math.round(viewport.beatToX(t.beat));
    ctx.fillRect(x, RULER_HEIGHT - 3, 1, 3);
    ctx.fillText(t.label, x + 2, RULER_HEIGHT - 1);
  }
  ctx.font = "11px system-ui, sans-serif";
  ctx.fillStyle = colours.rulerText;
  for (const m of project.markers) {
    const x = viewport.beatToX(m.beat);
    if (x < -100 || x > width) continue;
    ctx.fillStyle = colours.marker;
    ctx.fillRect(x, 5, 2, RULER_HEIGHT - 5);
    ctx.fillText(m.name, x + 4, 16);
  }
}
