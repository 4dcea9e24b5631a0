// What a frame must paint again when it reuses the previous frame's pixels moved by a scroll: the
// strips the scroll uncovered, what is drawn at a fixed screen position (the playhead, the names of
// clips that start left of the screen), automation lanes, clips drawn before their details or
// labels were made, and clips wider than any detail bitmap (their stretched waveform samples
// differently at each position). Everything else moves with the scroll, pixel for pixel.
import { MAX_DETAIL_WIDTH } from "./clip-bitmap-cache";
import { RULER_HEIGHT, TRACK_HEIGHT, visibleClips } from "./arrange-layout";
import { stickyLabelReach, type ArrangeScene, type PaintRect } from "./arrange-painter";

/** What decides where a painted frame's pixels are. */
export interface FrameGeometry {
  scrollBeat: number;
  pxPerBeat: number;
  scrollY: number;
  width: number;
  height: number;
  /** Device pixels per CSS pixel. */
  ratio: number;
  playheadX: number | null;
}

export interface Shift { dx: number; dy: number }

/** How far (CSS pixels) the timeline's content moved on screen between two frames, or null when the
 *  previous pixels cannot be reused: a zoom or resize, a move by a fraction of a device pixel, a
 *  fractional pixel ratio (strip edges would blend), or a jump past the whole view. */
export function scrollShift(previous: FrameGeometry, next: FrameGeometry): Shift | null {
  if (previous.width !== next.width || previous.height !== next.height || previous.ratio !== next.ratio) return null;
  if (previous.pxPerBeat !== next.pxPerBeat || !Number.isInteger(next.ratio)) return null;
  const exactDx = (previous.scrollBeat - next.scrollBeat) * next.pxPerBeat;
  const dx = Math.round(exactDx);
  const dy = previous.scrollY - next.scrollY;
  if (Math.abs(exactDx - dx) > 1e-6 || !Number.isInteger(dy)) return null;
  if (Math.abs(dx) >= next.width || Math.abs(dy) >= next.height - RULER_HEIGHT) return null;
  return { dx, dy };
}

/** The rectangles (CSS pixels, below the ruler) to paint after moving the previous pixels by `shift`. */
export function damageAfterShift(scene: ArrangeScene, shift: Shift, previousPlayheadX: number | null, changedClips: ReadonlySet<string>): PaintRect[] {
  const { width, height, viewport } = scene;
  const { dx, dy } = shift;
  const rects: PaintRect[] = [];
  const contentHeight = height - RULER_HEIGHT;
  if (dx > 0) rects.push({ x: 0, y: RULER_HEIGHT, width: dx, height: contentHeight });
  if (dx < 0) rects.push({ x: width + dx, y: RULER_HEIGHT, width: -dx, height: contentHeight });
  if (dy > 0) rects.push({ x: 0, y: RULER_HEIGHT, width, height: dy });
  if (dy < 0) rects.push({ x: 0, y: height + dy, width, height: -dy });
  if (previousPlayheadX !== null) {
    const x = previousPlayheadX + dx;
    if (x >= 0 && x < width) rects.push({ x, y: RULER_HEIGHT, width: 1, height: contentHeight });
  }
  if (dx === 0 && dy === 0 && changedClips.size === 0) return rects;
  // What moved to the right of the left edge (dx > 0) was drawn pinned to it in the previous frame.
  const pinnedReach = Math.max(0, dx);
  for (const row of scene.layout.visibleRows(scene.scrollY, contentHeight)) {
    const rowY = RULER_HEIGHT + row.top - scene.scrollY;
    // Automation lanes are painted whole: their names sit at a fixed x, and Skia's anti-aliased
    // stroke of the same line comes out a little different at another position or clip.
    if ((dx !== 0 || dy !== 0) && row.height > TRACK_HEIGHT) {
      rects.push({ x: 0, y: rowY + TRACK_HEIGHT, width, height: row.height - TRACK_HEIGHT });
    }
    if (dx !== 0) {
      // Clips whose left end is (or was) clamped left of the screen, where the name sticks.
      for (const clip of visibleClips(row, viewport.xToBeat(0), viewport.xToBeat(pinnedReach + 1))) {
        const left = Math.round(viewport.beatToX(clip.startBeat));
        const right = Math.round(viewport.beatToX(clip.startBeat + clip.lengthBeats));
        if (left < pinnedReach - 2 && right > 0) rects.push({ x: 0, y: rowY, width: Math.min(right + 2, stickyLabelReach(clip) + pinnedReach), height: TRACK_HEIGHT });
      }
    }
    // Whole clips at most a screen wide; visibleClips looks back only as far as the row's longest clip.
    if (changedClips.size === 0 && row.longestClip * viewport.pxPerBeat <= MAX_DETAIL_WIDTH) continue;
    for (const clip of visibleClips(row, viewport.xToBeat(-4), viewport.xToBeat(width + 4))) {
      const left = Math.round(viewport.beatToX(clip.startBeat));
      const right = Math.round(viewport.beatToX(clip.startBeat + clip.lengthBeats));
      const moved = dx !== 0 || dy !== 0;
      if (!changedClips.has(clip.id) && !(moved && right - left > MAX_DETAIL_WIDTH)) continue;
      rects.push({ x: left - 2, y: rowY, width: right - left + 4, height: TRACK_HEIGHT });
    }
  }
  return rects;
}
