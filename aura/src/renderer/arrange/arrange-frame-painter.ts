// Paints arrange frames: the whole view, or (reusePixels) the previous frame's pixels moved by the
// scroll plus only what the move cannot explain (see scroll-damage.ts); anything but a scroll (an
// edit, a selection, a zoom, a resize, a drag) repaints the whole view. Both give the same picture,
// pixel for pixel (aura/test/e2e/arrange-scroll-frames.test.ts). Moving pixels is off: in
// Chromium's software canvas the two copies it takes (through a scratch canvas; a canvas drawn
// onto itself takes a slow path, 60 ms a frame at 1430x900) cost as much as repainting the
// visible clips from their cached bitmaps, and add main-thread work to the frame
// (bench/aura/renderer-frames.bench.mjs prints both; see ADR 0006).
import { RULER_HEIGHT } from "./arrange-layout";
import { beginArrangeFrame, endArrangeFrame, paintRulerAndPlayhead, paintTimeline, playheadX, type ArrangeScene } from "./arrange-painter";
import { damageAfterShift, scrollShift, type FrameGeometry, type Shift } from "./scroll-damage";

export class ArrangeFramePainter {
  private previous: FrameGeometry | null = null;
  /** The zoom of the last painted frame (kept when the previous frame is forgotten). */
  private lastZoom: number | null = null;
  private scratch: CanvasRenderingContext2D | null = null;
  /** Clips to paint again: a frame drew them before their details or labels were made. */
  private readonly changedClips = new Set<string>();
  /** Frames painted by moving pixels and frames painted whole, for tests and the benchmark. */
  readonly counts = { shifted: 0, whole: 0 };
  /** True: a scroll moves the previous frame's pixels (the benchmark and the tests switch it on). */
  reusePixels = false;

  /** True while clips drawn without their details or labels wait for a later frame. */
  get waiting(): boolean { return this.changedClips.size > 0; }

  /** The next frame paints everything (the scene changed in a way a scroll does not explain). */
  repaintAll(): void { this.previous = null; }

  /** Paints a frame; true when some clips are waiting for details and a later frame should paint. */
  paint(ctx: CanvasRenderingContext2D, scene: ArrangeScene, ratio: number): boolean {
    const next: FrameGeometry = {
      scrollBeat: scene.viewport.scrollBeat, pxPerBeat: scene.viewport.pxPerBeat, scrollY: scene.scrollY,
      width: scene.width, height: scene.height, ratio, playheadX: playheadX(scene),
    };
    beginArrangeFrame(this.lastZoom !== null && this.lastZoom !== next.pxPerBeat);
    this.lastZoom = next.pxPerBeat;
    const shift = this.previous && this.reusePixels ? scrollShift(this.previous, next) : null;
    if (shift && this.previous) {
      const rects = damageAfterShift(scene, shift, this.previous.playheadX, this.changedClips);
      this.changedClips.clear();
      if (shift.dx !== 0 || shift.dy !== 0) this.movePixels(ctx, shift, ratio);
      for (const rect of rects) paintTimeline(ctx, scene, rect);
      this.counts.shifted++;
    } else {
      this.changedClips.clear();
      paintTimeline(ctx, scene, { x: 0, y: RULER_HEIGHT, width: scene.width, height: scene.height - RULER_HEIGHT });
      this.counts.whole++;
    }
    paintRulerAndPlayhead(ctx, scene);
    this.previous = next;
    const waiting = endArrangeFrame();
    for (const id of waiting) this.changedClips.add(id);
    return waiting.length > 0;
  }

  /** Moves the timeline's pixels (below the ruler) by whole device pixels. */
  private movePixels(ctx: CanvasRenderingContext2D, shift: Shift, ratio: number): void {
    const canvas = ctx.canvas;
    const top = RULER_HEIGHT * ratio;
    const height = canvas.height - top;
    let scratch = this.scratch;
    if (!scratch || scratch.canvas.width !== canvas.width || scratch.canvas.height !== height) {
      const element = document.createElement("canvas");
      element.width = canvas.width;
      element.height = height;
      scratch = this.scratch = element.getContext("2d", { alpha: false })!;
    }
    scratch.drawImage(canvas, 0, top, canvas.width, height, 0, 0, canvas.width, height);
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.beginPath();
    ctx.rect(0, top, canvas.width, height);
    ctx.clip();
    ctx.drawImage(scratch.canvas, shift.dx * ratio, top + shift.dy * ratio);
    ctx.restore();
  }
}
