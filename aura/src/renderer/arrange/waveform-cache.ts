// Waveforms rendered once per clip into small bitmaps and stretched into place: a blit per clip per
// frame instead of rasterising an anti-aliased outline. Only recently drawn clips are kept.
export class WaveformCache {
  private readonly bitmaps = new Map<string, { peaks: readonly number[]; height: number; canvas: HTMLCanvasElement | OffscreenCanvas }>();

  private readonly wave: number;
  private readonly fill: number;

  constructor(private readonly capacity = 600, colour = "#a9c4da", background = "#3f7cac") {
    this.wave = abgr(colour);
    this.fill = abgr(background);
  }

  /** The bitmap for these peaks at this height; one pixel column per peak. */
  get(clipId: string, peaks: readonly number[], height: number): HTMLCanvasElement | OffscreenCanvas {
    const key = clipId;
    const hit = this.bitmaps.get(key);
    if (hit && hit.peaks === peaks && hit.height === height) {
      // Refresh recency: Map keeps insertion order, so re-insert.
      this.bitmaps.delete(key);
      this.bitmaps.set(key, hit);
      return hit.canvas;
    }
    const width = peaks.length;
    const canvas = typeof OffscreenCanvas !== "undefined" ? new OffscreenCanvas(width, height) : Object.assign(document.createElement("canvas"), { width, height });
    const ctx = canvas.getContext("2d") as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;
    // Pixels written directly: one putImageData instead of a fill call per column.
    const image = ctx.createImageData(width, height);
    const pixels = new Uint32Array(image.data.buffer);
    const mid = height / 2;
    for (let x = 0; x < width; x++) {
      const half = Math.max(0.5, Math.min(1, peaks[x] ?? 0) * mid);
      const top = Math.floor(mid - half);
      const bottom = Math.min(height, Math.ceil(mid + half));
      for (let y = 0; y < height; y++) pixels[y * width + x] = y >= top && y < bottom ? this.wave : this.fill;
    }
    ctx.putImageData(image, 0, 0);
    this.bitmaps.set(key, { peaks, height, canvas });
    if (this.bitmaps.size > this.capacity) this.bitmaps.delete(this.bitmaps.keys().next().value as string);
    return canvas;
  }

  get size(): number { return this.bitmaps.size; }
}

/** "#rrggbb" as an opaque pixel in ImageData's little-endian RGBA layout. */
export function abgr(hex: string): number {
  const v = Number.parseInt(hex.slice(1), 16);
  return ((0xff << 24) | ((v & 0xff) << 16) | (v & 0xff00) | ((v >> 16) & 0xff)) >>> 0;
}
