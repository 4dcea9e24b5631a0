// Every entity has two ids: a stable string id (what callers, files and interchange use) and a
// uint32 `num` the engine sees. Nums come from Project.nextNum, which only ever grows (undo does not
// roll it back), so a number is never reused within a project.
export type TrackId = string;
export type ClipId = string;
export type PluginId = string;
export type SendId = string;
export type LaneId = string;
export type MarkerId = string;

/** The master strip's fixed ids: the engine expects the master as channel 1 (see chorus/ipc golden load-graph). */
export const MASTER_ID: TrackId = "master";
export const MASTER_NUM = 1;
/** First num handed to user entities. */
export const FIRST_NUM = 2;
export const MAX_NUM = 0xffff_ffff;
