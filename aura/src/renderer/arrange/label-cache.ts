// Clip names rasterised once into small opaque bitmaps and blitted each frame. Shaping and drawing
// text is the dearest thing the arrange does per clip (measured: a third of the frame's script time);
// a blit of a ready bitmap costs almost nothing, and cropping the blit to the clip's width replaces
// a clip region per name. Bitmaps are made synchronously (OffscreenCanvas.transferToImageBitmap), a
// bounded number per frame so that a zoom revealing hundreds of clips never stalls; names over the
// budget are drawn as text this frame and cached on a later one. A fresh OffscreenCanvas per name
// costs ten times a reused one, so one canvas per width class is reused (transferring its bitmap
// leaves it blank for the next name).
import { LeastRecentlyUsed } from "./least-recently-used";

export const LABEL_HEIGHT = 12;
/** Baseline of the text inside a label bitmap. */
const BASELINE = 9;
/** Bitmap widths: a name's bitmap is the narrowest class that holds it (longer names are cut). */
const WIDTH_CLASSES = [32, 64, 128, 256] as const;

export class LabelCache {
  private readonly bitmaps = new LeastRecentlyUsed<string, ImageBitmap>((b) => b.close());
  private budget = 0;
  private measure: OffscreenCanvasRenderingContext2D | null = null;
  private readonly canvases = new Map<number, OffscreenCanvasRenderingContext2D>();
  private readonly widths = new Map<string, number>();

  constructor(capacity = 2000, private readonly font = "11px system-ui, sans-serif") {
    this.bitmaps.capacity = capacity;
  }

  /** Allows `count` new bitmaps to be made until the next call (one call per painted frame). */
  startFrame(count = 8): void { this.budget = count; }

  /** Draws `text` on `background` at (x, y), at most `maxWidth` wide. False when it was drawn as text
   *  because the frame's budget was spent: a view that reuses its pixels paints it again later, so
   *  what stays on screen is what a full repaint would draw. */
  draw(ctx: CanvasRenderingContext2D, text: string, colour: string, background: string, x: number, y: number, maxWidth: number): boolean {
    if (maxWidth <= 0) return true;
    const key = `${background}${colour}${text}`;
    let bitmap = this.bitmaps.get(key);
    if (!bitmap && this.budget > 0 && typeof OffscreenCanvas !== "undefined") {
      this.budget--;
      bitmap = this.render(text, colour, background);
      this.bitmaps.set(key, bitmap);
    }
    if (bitmap) {
      const w = Math.min(bitmap.width, Math.floor(maxWidth));
      ctx.drawImage(bitmap, 0, 0, w, LABEL_HEIGHT, x, y, w, LABEL_HEIGHT);
      return true;
    }
    ctx.save();
    ctx.beginPath();
    ctx.rect(x, y, maxWidth, LABEL_HEIGHT);
    ctx.clip();
    ctx.fillStyle = colour;
    ctx.font = this.font;
    ctx.fillText(text, x, y + BASELINE);
    ctx.restore();
    // Without OffscreenCanvas text is the final look.
    return typeof OffscreenCanvas === "undefined";
  }

  get size(): number { return this.bitmaps.size; }

  /** How wide `text` is in this font (whole pixels), measured once per text. */
  textWidth(text: string): number {
    let width = this.widths.get(text);
    if (width === undefined) {
      if (typeof OffscreenCanvas === "undefined") return text.length * 7;
      this.measure ??= new OffscreenCanvas(1, 1).getContext("2d")!;
      this.measure.font = this.font;
      width = Math.ceil(this.measure.measureText(text).width);
      if (this.widths.size > 1000) this.widths.clear();
      this.widths.set(text, width);
    }
    return width;
  }

  /** How wide `text` is drawn at most: its bitmap's width once made, else the widest bitmap. */
  reach(text: string, colour: string, background: string): number {
    return this.bitmaps.peek(`${background}${colour}${text}`)?.width ?? WIDTH_CLASSES[WIDTH_CLASSES.length - 1]!;
  }

  private render(text: string, colour: string, background: string): ImageBitmap {
    this.measure ??= new OffscreenCanvas(1, 1).getContext("2d")!;
    this.measure.font = this.font;
    const textWidth = Math.ceil(this.measure.measureText(text).width) + 1;
    const width = WIDTH_CLASSES.find((w) => w >= textWidth) ?? WIDTH_CLASSES[WIDTH_CLASSES.length - 1]!;
    let ctx = this.canvases.get(width);
    if (!ctx) {
      ctx = new OffscreenCanvas(width, LABEL_HEIGHT).getContext("2d", { alpha: false })!;
      this.canvases.set(width, ctx);
    }
    ctx.fillStyle = background;
    ctx.fillRect(0, 0, width, LABEL_HEIGHT);
    ctx.fillStyle = colour;
    ctx.font = this.font;
    ctx.fillText(text, 0, BASELINE);
    return ctx.canvas.transferToImageBitmap();
  }
}
