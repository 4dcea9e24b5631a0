// Clip details (waveforms, note previews) rendered once per clip into small bitmaps and stretched
// into place: a blit per clip per frame instead of rasterising an outline or a path of notes.
// Bitmaps are made with createImageBitmap, off the frame: a clip shows its plain body until its
// bitmap is ready (usually the next frame), so a scroll that reveals many clips never stalls. Only
// recently drawn clips are kept. (One shared atlas was tried and is far slower: drawing into a
// canvas just used as an image source copies it whole.)
import { LeastRecentlyUsed } from "./least-recently-used";

/** Width of every detail bitmap; a clip's bitmap is stretched to the clip's width on screen. */
export const DETAIL_WIDTH = 256;

/** stale: the clip's previous bitmap, shown until this one is ready (no blank clip after an edit). */
interface Entry<S> { source: S; height: number; span: number; bitmap: ImageBitmap | null; stale: ImageBitmap | null; closed: boolean }

export class ClipBitmapCache<S extends object> {
  private readonly entries = new LeastRecentlyUsed<string, Entry<S>>((e) => { e.closed = true; e.bitmap?.close(); e.stale?.close(); });
  /** Called when a bitmap that was asked for becomes ready (the view repaints). */
  onReady: () => void = () => {};
  private budget = 0;
  private pending = false;

  /** render draws `source` into DETAIL_WIDTH × height pixels (ImageData's little-endian RGBA). */
  constructor(private readonly render: (source: S, span: number, pixels: Uint32Array, width: number, height: number) => void, capacity = 600) {
    this.entries.capacity = capacity;
  }

  /** Allows `count` new bitmaps to be started until the next call (one call per painted frame), so
   *  a zoom that reveals hundreds of clips spreads their making over several frames. */
  startFrame(count = 8): void { this.budget = count; }

  /** The clip's bitmap for this source, height and span (the clip length in beats, when the
   *  drawing depends on it), or undefined while it is being made. Pulse's views are immutable, so
   *  an unchanged source is the same object. */
  get(clipId: string, source: S, height: number, span = 0): ImageBitmap | undefined {
    const hit = this.entries.get(clipId);
    if (hit && hit.source === source && hit.height === height && hit.span === span) return hit.bitmap ?? hit.stale ?? undefined;
    if (this.budget <= 0) {
      // Made on a later frame; until then a stale bitmap (the clip before an edit) is better than none.
      this.pending = true;
      return hit?.bitmap ?? hit?.stale ?? undefined;
    }
    this.budget--;
    // The old bitmap moves to the new entry, so replacing the old entry does not close it.
    const stale = hit ? hit.bitmap ?? hit.stale : null;
    if (hit) { hit.bitmap = null; hit.stale = null; }
    const entry: Entry<S> = { source, height, span, bitmap: null, stale, closed: false };
    this.entries.set(clipId, entry);
    const image = new ImageData(DETAIL_WIDTH, height);
    this.render(source, span, new Uint32Array(image.data.buffer), DETAIL_WIDTH, height);
    void createImageBitmap(image).then((bitmap) => {
      if (entry.closed) { bitmap.close(); return; }
      entry.stale?.close();
      entry.stale = null;
      entry.bitmap = bitmap;
      this.onReady();
    });
    return stale ?? undefined;
  }

  /** True when a frame asked for more bitmaps than its budget: the view paints again. */
  takePending(): boolean {
    const pending = this.pending;
    this.pending = false;
    return pending;
  }

  get size(): number { return this.entries.size; }
}

/** "#rrggbb" as an opaque pixel in ImageData's little-endian RGBA layout. */
export function abgr(hex: string): number {
  const v = Number.parseInt(hex.slice(1), 16);
  return ((0xff << 24) | ((v & 0xff) << 16) | (v & 0xff00) | ((v >> 16) & 0xff)) >>> 0;
}
