// Applies a list of operations as one transaction: all of them or none. Produces the next project
// (sharing every untouched part) plus immer patches forward and back, which undo/redo replay.
import "../history/immer";
import { produceWithPatches, type Patch } from "immer";
import { PulseError } from "../model/errors";
import type { Project } from "../model/project";
import { checkCyclesThrough, checkReferences } from "../validate/routing";
import type { Environment, DraftProject, OpContext } from "./context";
import * as tracks from "./handlers/tracks";
import * as sends from "./handlers/sends";
import * as plugins from "./handlers/plugins";
import * as clips from "./handlers/clips";
import * as automation from "./handlers/automation";
import * as timeline from "./handlers/timeline";
import type { Operation, OperationName } from "./types";
import { withoutNegativeZero } from "./values";


type Handler = (draft: DraftProject, op: never, ctx: OpContext) => void;

const handlers: Record<OperationName, Handler> = {
  "track.add": tracks.addTrack,
  "track.remove": tracks.removeTrack,
  "track.move": tracks.moveTrack,
  "track.rename": tracks.setTrackField,
  "track.setGain": tracks.setTrackField,
  "track.setPan": tracks.setTrackField,
  "track.setMute": tracks.setTrackField,
  "track.setSolo": tracks.setTrackField,
  "track.setSoloSafe": tracks.setTrackField,
  "track.setPolarity": tracks.setTrackField,
  "track.setOutput": tracks.setTrackField,
  "track.setFolderStrip": tracks.setTrackField,
  "send.add": sends.addSend,
  "send.remove": sends.removeSend,
  "send.set": sends.setSend,
  "plugin.insert": plugins.insertPlugin,
  "plugin.remove": plugins.removePlugin,
  "plugin.move": plugins.movePlugin,
  "plugin.set": plugins.setPlugin,
  "clip.add": clips.addClip,
  "clip.remove": clips.removeClip,
  "clip.move": clips.moveClip,
  "clip.trim": clips.trimClip,
  "clip.split": clips.splitClip,
  "clip.set": clips.setClip,
  "automation.addLane": automation.addLane,
  "automation.removeLane": automation.removeLane,
  "automation.setPoints": automation.setPoints,
  "tempo.set": timeline.setTempo,
  "marker.add": timeline.addMarker,
  "marker.remove": timeline.removeMarker,
  "marker.set": timeline.setMarker,
  "loop.set": timeline.setLoop,
  "meta.set": timeline.setMeta,
};

/** Operations that can change who feeds whom; only these pay for a whole-graph check. Handlers
 *  already check the references they set, so only removals can leave references dangling. */
const cycleOps = new Set<OperationName>([
  "track.remove", "track.move", "track.setOutput", "track.setFolderStrip", "send.add", "send.set",
  "plugin.insert", "plugin.set",
]);
const danglingOps = new Set<OperationName>(["track.remove", "track.setFolderStrip"]);

export interface Applied {
  readonly project: Project;
  readonly patches: Patch[];
  readonly inverse: Patch[];
}

/** Moving a folder or toggling its strip changes where its children's audio goes by default. */
function withDescendants(project: Project, ids: ReadonlySet<string>): Set<string> {
  const all = new Set<string>();
  const add = (id: string): void => {
    if (all.has(id)) return;
    all.add(id);
    for (const c of project.tracks.get(id)?.children ?? []) add(c);
  };
  for (const id of ids) add(id);
  return all;
}

export const OPERATION_NAMES = Object.keys(handlers) as OperationName[];

/** Applies `ops` to `project`. Throws a PulseError (and changes nothing) if any op is invalid. */
export function applyOperations(project: Project, ops: readonly Operation[], env: Environment = {}): Applied {
  if (!Array.isArray(ops)) throw new PulseError("InvalidValue", "Operations must be a list.", ["ops"]);
  ops = ops.map((op) => withoutNegativeZero(op));
  const touched = new Set<string>();
  let dangling = false;
  const [next, patches, inverse] = produceWithPatches(project, (draft) => {
    ops.forEach((op, i) => {
      const path = ["ops", i];
      if (typeof op !== "object" || op === null) throw new PulseError("InvalidValue", "An operation must be an object.", path);
      const name = (op as { op: unknown }).op;
      const handler = typeof name === "string" && Object.hasOwn(handlers, name) ? handlers[name as OperationName] : undefined;
      if (!handler)
        throw new PulseError("UnknownOperation", `"${String(name)}" is not an operation Pulse knows.`, [...path, "op"]);
      if (cycleOps.has(op.op) && typeof (op as { track?: unknown }).track === "string") touched.add((op as { track: string }).track);
      if (danglingOps.has(op.op)) dangling = true;
      try {
        handler(draft, op as never, { env, path });
      } catch (e) {
        if (e instanceof PulseError) throw e;
        // A malformed op that slipped past the checks (e.g. a missing nested object).
        throw new PulseError("InvalidValue", `Operation "${op.op}" is malformed: ${(e as Error).message}`, path);
      }
    });
  });
  if (dangling) checkReferences(next);
  if (touched.size) checkCyclesThrough(next, withDescendants(next, touched));
  return { project: next, patches, inverse };
}
