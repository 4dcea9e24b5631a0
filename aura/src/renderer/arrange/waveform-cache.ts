// Waveforms rendered once per clip into small bitmaps and stretched into place: a blit per clip per
// frame instead of rasterising an anti-aliased outline. Bitmaps are made with createImageBitmap, off
// the frame: a clip shows its plain body until its waveform is ready (usually the next frame), so a
// scroll that reveals many clips never stalls. Only recently drawn clips are kept. (One shared atlas
// was tried and is far slower: drawing into a canvas just used as an image source copies it whole.)
export const WAVEFORM_WIDTH = 256;

export interface WaveformSlot { source: CanvasImageSource; sx: number; sy: number; width: number; height: number }

interface Entry { peaks: readonly number[]; height: number; slot: WaveformSlot | null }

export class WaveformCache {
  private readonly entries = new Map<string, Entry>();
  private readonly wave: number;
  private readonly fill: number;
  /** Called when a waveform that was asked for becomes ready (the view repaints). */
  onReady: () => void = () => {};

  constructor(private readonly capacity = 600, colour = "#a9c4da", background = "#3f7cac") {
    this.wave = abgr(colour);
    this.fill = abgr(background);
  }

  /** The clip's waveform, or undefined while it is being made. */
  get(clipId: string, peaks: readonly number[], height: number): WaveformSlot | undefined {
    const hit = this.entries.get(clipId);
    if (hit && hit.peaks === peaks && hit.height === height) {
      // Map order is recency: re-insert on use.
      this.entries.delete(clipId);
      this.entries.set(clipId, hit);
      return hit.slot ?? undefined;
    }
    const entry: Entry = { peaks, height, slot: null };
    this.entries.delete(clipId);
    this.entries.set(clipId, entry);
    if (this.entries.size > this.capacity) this.evictOldest();
    void createImageBitmap(this.pixels(peaks, height)).then((bitmap) => {
      if (this.entries.get(clipId) !== entry) { bitmap.close(); return; }
      entry.slot = { source: bitmap, sx: 0, sy: 0, width: WAVEFORM_WIDTH, height };
      this.onReady();
    });
    return undefined;
  }

  get size(): number { return this.entries.size; }

  private evictOldest(): void {
    const [id, oldest] = this.entries.entries().next().value as [string, Entry];
    this.entries.delete(id);
    if (oldest.slot?.source instanceof ImageBitmap) oldest.slot.source.close();
  }

  private pixels(peaks: readonly number[], height: number): ImageData {
    const width = WAVEFORM_WIDTH;
    const image = new ImageData(width, height);
    const pixels = new Uint32Array(image.data.buffer);
    const mid = height / 2;
    for (let x = 0; x < width; x++) {
      const peak = peaks[Math.floor((x * peaks.length) / width)] ?? 0;
      const half = Math.max(0.5, Math.min(1, peak) * mid);
      const top = Math.floor(mid - half);
      const bottom = Math.min(height, Math.ceil(mid + half));
      for (let y = 0; y < height; y++) pixels[y * width + x] = y >= top && y < bottom ? this.wave : this.fill;
    }
    return image;
  }
}

/** "#rrggbb" as an opaque pixel in ImageData's little-endian RGBA layout. */
export function abgr(hex: string): number {
  const v = Number.parseInt(hex.slice(1), 16);
  return ((0xff << 24) | ((v & 0xff) << 16) | (v & 0xff00) | ((v >> 16) & 0xff)) >>> 0;
}
