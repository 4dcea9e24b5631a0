// Clip details (waveforms, note previews) rendered per clip into small bitmaps as wide as the clip
// is on screen and blitted 1:1: a blit per clip per frame instead of rasterising an outline or a
// path of notes, crisp at any zoom, and the same pixels wherever a scroll puts the clip (a scaled
// blit samples differently at different positions). Bitmaps are made within the frame that first
// needs them, a bounded number per frame so that a scroll or zoom revealing hundreds of clips never
// stalls; meanwhile a clip shows its bitmap from before (stretched, during a zoom) or its plain
// body, and is painted again on a later frame. Only recently drawn clips are kept. (One shared
// atlas was tried and is far slower: drawing into a canvas just used as an image source copies it
// whole.)
import { LeastRecentlyUsed } from "./least-recently-used";

/** Widest detail bitmap; a clip wider on screen has its bitmap stretched. */
export const MAX_DETAIL_WIDTH = 512;
/** Pixels of new bitmaps a frame may make: about four clips 256 px wide. Each bitmap kept costs
 *  Chromium's software canvas a new backing store (measured 0.2 ms at 256 px wide, 0.4 ms at 512,
 *  2-3 ms at 1024-2048), so bitmaps stay narrow and few a frame. */
export const DETAIL_PIXELS_PER_FRAME = 4 * 256 * 40;

/** A clip's detail: its pixels are the bitmap's left `width` columns (bitmaps come in a few widths,
 *  so that making one never resizes a canvas). */
export interface ClipDetail { bitmap: ImageBitmap; width: number; height: number }

interface Entry<S> extends ClipDetail { source: S; span: number }

/** Turns rendered pixels into a bitmap at least as wide; the image is reused once this returns. */
export type BitmapMaker = (image: ImageData) => ImageBitmap;

export class ClipBitmapCache<S extends object> {
  private readonly entries = new LeastRecentlyUsed<string, Entry<S>>((e) => e.bitmap.close());
  /** Pixels this frame may still render into new bitmaps. */
  private budget = 0;
  /** While zooming, bitmaps are stretched rather than remade at every step. */
  private zooming = false;
  /** Clips asked for beyond the frame's budget, to be painted again on a later frame. */
  private pending: string[] = [];
  /** Pixel memory reused from clip to clip: a fresh ImageData per clip costs more than drawing it. */
  private pixels = new ArrayBuffer(0);

  /** render draws `source` into width × height pixels (ImageData's little-endian RGBA). */
  constructor(
    private readonly render: (source: S, span: number, pixels: Uint32Array, width: number, height: number) => void,
    capacity = 600,
    private readonly makeBitmap: BitmapMaker = bitmapFromImage,
  ) {
    this.entries.capacity = capacity;
  }

  /** Starts a painted frame: it may render `pixels` pixels into new bitmaps (a bitmap is made
   *  whole, so one may overshoot). While `zooming`, a clip with a bitmap of another width keeps it
   *  (stretched) and is listed by takePending, to be remade once the zoom rests. */
  startFrame(pixels = DETAIL_PIXELS_PER_FRAME, zooming = false): void {
    this.budget = pixels;
    this.zooming = zooming;
  }

  /** The clip's bitmap for this source, size (width is clamped to MAX_DETAIL_WIDTH) and span (the
   *  clip length in beats, when the drawing depends on it). When the frame's budget is spent: the
   *  clip's bitmap from before (another width or an older source) or undefined, and the clip is
   *  listed by takePending. Pulse's views are immutable, so an unchanged source is the same object. */
  get(clipId: string, source: S, width: number, height: number, span = 0): ClipDetail | undefined {
    const w = Math.max(1, Math.min(MAX_DETAIL_WIDTH, Math.round(width)));
    const hit = this.entries.get(clipId);
    const sameDrawing = hit !== undefined && hit.source === source && hit.height === height && hit.span === span;
    if (sameDrawing && hit.width === w) return hit;
    if (this.budget <= 0 || (sameDrawing && this.zooming)) {
      this.pending.push(clipId);
      return hit;
    }
    this.budget -= w * height;
    const bytes = w * height * 4;
    if (this.pixels.byteLength < bytes) this.pixels = new ArrayBuffer(Math.max(bytes, this.pixels.byteLength * 2));
    this.render(source, span, new Uint32Array(this.pixels, 0, w * height), w, height);
    const bitmap = this.makeBitmap(new ImageData(new Uint8ClampedArray(this.pixels, 0, bytes), w, height));
    const entry = { source, width: w, height, span, bitmap };
    this.entries.set(clipId, entry);
    return entry;
  }

  /** The clips a frame asked for beyond its budget (none: empty): the view paints them again. */
  takePending(): string[] {
    const pending = this.pending;
    if (pending.length > 0) this.pending = [];
    return pending;
  }

  get size(): number { return this.entries.size; }
}

/** Staging canvases by size: a canvas resized for every clip costs more than the clip's pixels. */
const staging = new Map<string, OffscreenCanvasRenderingContext2D>();
const WIDTH_STEP = 64;

/** Pixels to a bitmap without leaving the frame, rounded up to a multiple of WIDTH_STEP wide.
 *  Measured in Chromium's software canvas: createImageBitmap(ImageData) costs about 0.9 ms of the
 *  main thread per call (and answers a frame later); putImageData into a reused OffscreenCanvas
 *  plus transferToImageBitmap about 0.2 ms at 256 px wide, nearly all of it the new backing store. */
function bitmapFromImage(image: ImageData): ImageBitmap {
  const width = Math.ceil(image.width / WIDTH_STEP) * WIDTH_STEP;
  const key = `${width}x${image.height}`;
  let ctx = staging.get(key);
  if (!ctx) {
    ctx = new OffscreenCanvas(width, image.height).getContext("2d", { alpha: false })!;
    staging.set(key, ctx);
  }
  ctx.putImageData(image, 0, 0);
  return ctx.canvas.transferToImageBitmap();
}

/** "#rrggbb" as an opaque pixel in ImageData's little-endian RGBA layout. */
export function abgr(hex: string): number {
  const v = Number.parseInt(hex.slice(1), 16);
  return ((0xff << 24) | ((v & 0xff) << 16) | (v & 0xff00) | ((v >> 16) & 0xff)) >>> 0;
}
