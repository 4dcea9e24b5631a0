// Draws the arrange onto a 2D canvas: ruler, loop, markers, track rows, clips (waveform or note
// preview, both cached bitmaps), automation lanes and the playhead. Only what is visible is drawn, so cost follows the
// screen, not the project size.
import type { ClipView, NoteView, ProjectView } from "../../channels";
import { rulerTicks } from "../timeline/ruler";
import type { Viewport } from "../timeline/viewport";
import { LabelCache } from "./label-cache";
import { abgr, ClipBitmapCache } from "./clip-bitmap-cache";
import { drawNotes, drawPeaks } from "./clip-detail-pixels";
import { ArrangeLayout, LANE_HEIGHT, RULER_HEIGHT, TRACK_HEIGHT, visibleClips, type TrackRow } from "./arrange-layout";

export const colours = {
  background: "#1b1d21", rowEven: "#202328", rowOdd: "#1d2024", grid: "#2a2e35", bar: "#3a3f48",
  ruler: "#26292f", rulerText: "#a9b0bb", audioClip: "#3f7cac", midiClip: "#5d9b61", selected: "#e8c547",
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

/** Repaint when a waveform that was still being made is ready. */
export function onWaveformReady(listener: () => void): void {
  waveforms.onReady = listener;
  notePreviews.onReady = listener;
}

/** Paints the scene; true when some clip details were left for a later frame (paint again). */
export function paintArrange(ctx: CanvasRenderingContext2D, scene: ArrangeScene): boolean {
  const { width, height, viewport, project } = scene;
  const [startBeat, endBeat] = viewport.visibleBeats(width);
  const ticks = rulerTicks(startBeat, endBeat, viewport.pxPerBeat, project.beatsPerBar);

  ctx.save();
  ctx.beginPath();
  ctx.rect(0, RULER_HEIGHT, width, height - RULER_HEIGHT);
  ctx.clip();
  const rows = scene.layout.visibleRows(scene.scrollY, height - RULER_HEIGHT);
  // Software canvases pay per pixel filled, so every area is filled once: rows, then what is below them.
  for (const row of rows) paintRowBackground(ctx, scene, row);
  const last = rows[rows.length - 1];
  const below = last ? RULER_HEIGHT + last.top + last.height - scene.scrollY : RULER_HEIGHT;
  if (below < height) {
    ctx.fillStyle = colours.background;
    ctx.fillRect(0, below, width, height - below);
  }
  // Grid lines as 1-pixel fills on whole pixels (no anti-aliased strokes).
  ctx.fillStyle = colours.grid;
  for (const t of ticks) {
    if (t.kind === "sub") continue;
    ctx.fillRect(Math.round(viewport.beatToX(t.beat)), RULER_HEIGHT, 1, height - RULER_HEIGHT);
  }
  labels.startFrame();
  waveforms.startFrame();
  notePreviews.startFrame();
  for (const row of rows) {
    for (const clip of visibleClips(row, startBeat, endBeat)) {
      if (scene.ghost?.clip.id === clip.id) continue;
      paintClip(ctx, scene, clip, row.top, clip.startBeat, clip.lengthBeats, scene.selectedClips.has(clip.id));
    }
  }
  for (const row of rows) paintAutomation(ctx, scene, row);
  if (scene.ghost) paintClip(ctx, scene, scene.ghost.clip, scene.ghost.rowTop, scene.ghost.startBeat, scene.ghost.lengthBeats, true);
  ctx.restore();

  paintRuler(ctx, scene, ticks);
  const px = viewport.beatToX(scene.playheadBeat);
  if (px >= 0 && px <= width) {
    ctx.fillStyle = colours.playhead;
    ctx.fillRect(Math.round(px), 0, 1, height);
  }
  const waveformsLeft = waveforms.takePending();
  return notePreviews.takePending() || waveformsLeft;
}

function paintRowBackground(ctx: CanvasRenderingContext2D, scene: ArrangeScene, row: TrackRow): void {
  const y = RULER_HEIGHT + row.top - scene.scrollY;
  const even = row.track.id.length % 2 === 0;
  ctx.fillStyle = colours.background;
  ctx.fillRect(0, y + TRACK_HEIGHT - 1, scene.width, 1);
  ctx.fillStyle = even ? colours.rowEven : colours.rowOdd;
  ctx.fillRect(0, y, scene.width, TRACK_HEIGHT - 1);
  // The loop range is tinted with an opaque colour: no alpha blending over the whole arrange.
  const loop = scene.project.loop;
  if (loop.enabled && loop.endBeat > loop.startBeat) {
    const lx0 = Math.max(0, scene.viewport.beatToX(loop.startBeat));
    const lx1 = Math.min(scene.width, scene.viewport.beatToX(loop.endBeat));
    if (lx1 > lx0) {
      ctx.fillStyle = even ? colours.rowLoopEven : colours.rowLoopOdd;
      ctx.fillRect(lx0, y, lx1 - lx0, TRACK_HEIGHT - 1);
    }
  }
  for (let i = 0; i < row.height - TRACK_HEIGHT; i += LANE_HEIGHT) {
    ctx.fillStyle = colours.lane;
    ctx.fillRect(0, y + TRACK_HEIGHT + i, scene.width, LANE_HEIGHT - 1);
    ctx.fillStyle = colours.background;
    ctx.fillRect(0, y + TRACK_HEIGHT + i + LANE_HEIGHT - 1, scene.width, 1);
  }
}

const waveformColours = { ink: abgr(colours.wave), background: abgr(colours.audioClip) };
const noteColours = { ink: abgr(colours.note), background: abgr(colours.midiClip) };
const waveforms = new ClipBitmapCache<readonly number[]>((peaks, _span, pixels, w, h) => drawPeaks(peaks, waveformColours, pixels, w, h));
const notePreviews = new ClipBitmapCache<readonly NoteView[]>((notes, span, pixels, w, h) => drawNotes(notes, span, noteColours, pixels, w, h));
const labels = new LabelCache();

function paintClip(ctx: CanvasRenderingContext2D, scene: ArrangeScene, clip: ClipView, rowTop: number, startBeat: number, lengthBeats: number, selected: boolean): void {
  const { viewport } = scene;
  // Whole pixels: axis-aligned fills on pixel edges need no anti-aliasing, which software canvases pay for.
  const x0 = Math.round(Math.max(-2, viewport.beatToX(startBeat)));
  const x1 = Math.round(Math.min(scene.width + 2, viewport.beatToX(startBeat + lengthBeats)));
  const y = Math.round(RULER_HEIGHT + rowTop - scene.scrollY + 2);
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
  if (w < 4) return;
  const bodyTop = y + 14;
  const bodyHeight = h - 16;
  let detail: ImageBitmap | undefined;
  if (clip.kind === "audio" && clip.peaks && clip.peaks.length > 0) detail = waveforms.get(clip.id, clip.peaks, bodyHeight);
  else if (clip.kind === "midi" && clip.notes && clip.notes.length > 0) detail = notePreviews.get(clip.id, clip.notes, bodyHeight, lengthBeats);
  if (detail) paintDetail(ctx, detail, viewport.beatToX(startBeat), viewport.beatToX(startBeat + lengthBeats), x0, x1, bodyTop);
  // Inside the selection outline (2 px at the top and sides).
  if (w > 30) labels.draw(ctx, clip.name, colours.clipText, body, x0 + 4, y + 2, w - 6);
}

/** Blits the visible part of a clip's detail bitmap, stretched to the clip's width. */
function paintDetail(ctx: CanvasRenderingContext2D, bitmap: ImageBitmap, clipX0: number, clipX1: number, x0: number, x1: number, top: number): void {
  const perPx = bitmap.width / Math.max(1, clipX1 - clipX0);
  const sx = (x0 - clipX0) * perPx;
  const sw = Math.min(bitmap.width - sx, (x1 - x0) * perPx);
  if (sw <= 0) return;
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(bitmap, sx, 0, sw, bitmap.height, x0, top, x1 - x0, bitmap.height);
}

function paintAutomation(ctx: CanvasRenderingContext2D, scene: ArrangeScene, row: TrackRow): void {
  if (row.height === TRACK_HEIGHT) return;
  row.track.automation.forEach((lane, index) => {
    const top = RULER_HEIGHT + row.top - scene.scrollY + TRACK_HEIGHT + index * LANE_HEIGHT + 2;
    const h = LANE_HEIGHT - 4;
    ctx.fillStyle = colours.rulerText;
    ctx.font = "10px system-ui, sans-serif";
    ctx.fillText(lane.parameter, 4, top + 10);
    if (lane.points.length === 0) return;
    ctx.beginPath();
    lane.points.forEach((p, i) => {
      const x = scene.viewport.beatToX(p.beat);
      const y = top + (1 - p.value) * h;
      if (i === 0) { ctx.moveTo(0, y); }
      ctx.lineTo(x, y);
    });
    ctx.lineTo(scene.width, top + (1 - lane.points[lane.points.length - 1]!.value) * h);
    ctx.strokeStyle = colours.automation;
    ctx.lineWidth = 1.5;
    ctx.stroke();
    ctx.fillStyle = colours.automation;
    for (const p of lane.points) ctx.fillRect(scene.viewport.beatToX(p.beat) - 2.5, top + (1 - p.value) * h - 2.5, 5, 5);
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
  for (const m of project.markers) {
    const x = viewport.beatToX(m.beat);
    if (x < -100 || x > width) continue;
    ctx.fillStyle = colours.marker;
    ctx.fillRect(x, 5, 2, RULER_HEIGHT - 5);
    ctx.fillText(m.name, x + 4, 16);
  }
}
