// Reordering tracks by dragging their headers: where a dragged header would land, and whether that
// changes anything. The drop goes before the row whose upper half holds the pointer.
import { lowerBound, type TrackRow } from "./arrange-layout";

export interface DropSlot {
  /** The track the dragged one goes before, or null for the end of the list. */
  beforeTrackId: string | null;
  /** Content y (px from the first row's top) of the line showing the drop. */
  y: number;
}

export function dropSlot(rows: readonly Pick<TrackRow, "track" | "top" | "height">[], contentY: number): DropSlot {
  const i = lowerBound(rows, (r) => r.top + r.height / 2 <= contentY);
  const row = rows[i];
  if (row) return { beforeTrackId: row.track.id, y: row.top };
  const last = rows[rows.length - 1];
  return { beforeTrackId: null, y: last ? last.top + last.height : 0 };
}

/** False when dropping trackId before beforeTrackId leaves order (ids top to bottom) as it is. */
export function changesOrder(order: readonly string[], trackId: string, beforeTrackId: string | null): boolean {
  const at = order.indexOf(trackId);
  if (at < 0 || beforeTrackId === trackId) return false;
  return (order[at + 1] ?? null) !== beforeTrackId;
}
