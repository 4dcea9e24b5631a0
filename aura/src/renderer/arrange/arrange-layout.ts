// Where each track row sits in the arrange, which clips are visible, and what lies under the pointer.
import type { ClipView, ProjectView, TrackView } from "../../channels";
import type { Viewport } from "../timeline/viewport";
import { clipSpan, handleAt, type ClipHandle } from "./clip-handles";

export const RULER_HEIGHT = 28;
export const TRACK_HEIGHT = 56;
export const LANE_HEIGHT = 36;
/** Pointer distance (px) from a clip edge that grabs the edge for trimming. */
export const EDGE_GRAB_PX = 6;
/** A clip is drawn this far below its row's top. */
export const CLIP_TOP_INSET = 2;

export interface TrackRow { track: TrackView; top: number; height: number; clipsByStart: ClipView[]; longestClip: number }

export class ArrangeLayout {
  rows: TrackRow[] = [];
  contentHeight = 0;

  constructor(public showAutomation = true) {}

  /** Rebuilds rows from a project view; the master is drawn in the mixer, not the arrange. */
  update(project: ProjectView): void {
    let top = 0;
    this.rows = project.tracks.filter((t) => t.kind !== "master").map((track) => {
      const lanes = this.showAutomation ? track.automation.length : 0;
      const height = TRACK_HEIGHT + lanes * LANE_HEIGHT;
      const clipsByStart = [...track.clips].sort((a, b) => a.startBeat - b.startBeat);
      const longestClip = clipsByStart.reduce((m, c) => Math.max(m, c.lengthBeats), 0);
      const row = { track, top, height, clipsByStart, longestClip };
      top += height;
      return row;
    });
    this.contentHeight = top;
  }

  /** Rows intersecting [scrollY, scrollY + height), found by binary search. */
  visibleRows(scrollY: number, height: number): TrackRow[] {
    const first = lowerBound(this.rows, (r) => r.top + r.height <= scrollY);
    const out: TrackRow[] = [];
    for (let i = first; i < this.rows.length && this.rows[i]!.top < scrollY + height; i++) out.push(this.rows[i]!);
    return out;
  }

  rowAt(contentY: number): TrackRow | undefined {
    const i = lowerBound(this.rows, (r) => r.top + r.height <= contentY);
    const row = this.rows[i];
    return row && row.top <= contentY ? row : undefined;
  }
}

/** Clips of a row that overlap [startBeat, endBeat), without scanning the whole row. */
export function visibleClips(row: TrackRow, startBeat: number, endBeat: number): ClipView[] {
  const clips = row.clipsByStart;
  const first = lowerBound(clips, (c) => c.startBeat < startBeat - row.longestClip);
  const out: ClipView[] = [];
  for (let i = first; i < clips.length; i++) {
    const c = clips[i]!;
    if (c.startBeat >= endBeat) break;
    if (c.startBeat + c.lengthBeats > startBeat) out.push(c);
  }
  return out;
}

export type ArrangeHit =
  | { kind: "ruler"; beat: number }
  | { kind: "clip"; part: "body" | "start" | "end" | ClipHandle; row: TrackRow; clip: ClipView; beat: number }
  | { kind: "lane"; row: TrackRow; laneIndex: number; beat: number; value: number }
  | { kind: "track"; row: TrackRow; beat: number }
  | { kind: "empty"; beat: number };

/** What is under (x, y) in canvas pixels, y including the ruler, with the rows scrolled by scrollY. */
export function hitTest(layout: ArrangeLayout, viewport: Viewport, scrollY: number, x: number, y: number): ArrangeHit {
  const beat = viewport.xToBeat(x);
  if (y < RULER_HEIGHT) return { kind: "ruler", beat };
  const contentY = y - RULER_HEIGHT + scrollY;
  const row = layout.rowAt(contentY);
  if (!row) return { kind: "empty", beat };
  const inRow = contentY - row.top;
  if (inRow >= TRACK_HEIGHT) {
    const laneIndex = Math.floor((inRow - TRACK_HEIGHT) / LANE_HEIGHT);
    const laneY = inRow - TRACK_HEIGHT - laneIndex * LANE_HEIGHT;
    return { kind: "lane", row, laneIndex, beat, value: 1 - Math.min(1, Math.max(0, (laneY - 2) / (LANE_HEIGHT - 4))) };
  }
  const grab = EDGE_GRAB_PX / viewport.pxPerBeat;
  // Later clips draw on top, so test them first.
  const candidates = visibleClips(row, beat - grab, beat + grab);
  for (let i = candidates.length - 1; i >= 0; i--) {
    const clip = candidates[i]!;
    const start = clip.startBeat;
    const end = clip.startBeat + clip.lengthBeats;
    if (beat < start - grab || beat > end + grab) continue;
    // Fade and gain handles sit along the top edge, over the trim edges' top corners.
    const handle = handleAt(clip, clipSpan(viewport, start, clip.lengthBeats), x, inRow - CLIP_TOP_INSET);
    if (handle) return { kind: "clip", part: handle, row, clip, beat };
    const wide = clip.lengthBeats * viewport.pxPerBeat > EDGE_GRAB_PX * 3;
    if (wide && Math.abs(beat - start) <= grab) return { kind: "clip", part: "start", row, clip, beat };
    if (wide && Math.abs(beat - end) <= grab) return { kind: "clip", part: "end", row, clip, beat };
    if (beat >= start && beat <= end) return { kind: "clip", part: "body", row, clip, beat };
  }
  return { kind: "track", row, beat };
}

/** Index of the first element for which before(element) is false; elements must be partitioned. */
export function lowerBound<T>(items: readonly T[], before: (item: T) => boolean): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(items[mid]!)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
