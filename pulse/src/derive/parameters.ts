// Mixer moves (track gain, track pan, send level) as the engine parameter changes they cause,
// worked out without committing them. A fader drag sends every value to the engine at once while
// its commits to the model are coalesced (one transaction per event-loop turn): the engine hears
// the whole movement, the journal and the undo stack see only its net effect. Values go through
// the same checks and unit conversions as the operation handlers and deriveChannel; the property
// test in pulse/test/derive-parameters.test.ts holds the three together.
import { ipc } from "@loophole/contract";
import { PulseError } from "../model/errors";
import type { Project } from "../model/project";
import type { Track } from "../model/track";
import type { Operation } from "../ops/types";
import { gainDb, pan } from "../validate/entities";
import { dbToLinear } from "./units";

/** The operations a gesture may stream to the engine before they are committed. */
export type StreamableOperation = Extract<Operation, { op: "track.setGain" | "track.setPan" | "send.set" }>;

/** True for a mixer move that changes one engine parameter and nothing else (a send.set that
 *  retargets or switches pre/post changes routing and is not one). */
export function isStreamable(op: Operation): op is StreamableOperation {
  if (op.op === "track.setGain" || op.op === "track.setPan") return true;
  return op.op === "send.set" && op.target === undefined && op.preFader === undefined && op.gainDb !== undefined;
}

const change = (node: number, param: number, value: number) => new ipc.SetParameterT(new ipc.ParameterAddressT(node, param), value, -1n);

function trackOf(project: Project, id: unknown, path: (string | number)[]): Track {
  const t = typeof id === "string" ? project.tracks.get(id) : undefined;
  if (!t) throw new PulseError("NotFound", `There is no track "${String(id)}".`, [...path, "track"]);
  return t;
}

/** A folder without a strip has no engine channel: its moves are committed but change no sound. */
const hasChannel = (t: Track) => t.kind !== "folder" || t.hasStrip;

/** The engine parameter change `op` makes to `project` (none for a track without a channel).
 *  Throws the PulseError applying it would throw. `path` names the op in errors, as apply does. */
export function parameterChangeOf(project: Project, op: StreamableOperation, path: (string | number)[] = ["ops", 0]): ipc.SetParameterT | null {
  const t = trackOf(project, op.track, path);
  switch (op.op) {
    case "track.setGain": {
      const db = gainDb(op.gainDb, [...path, "gainDb"]);
      return hasChannel(t) ? change(t.num, ipc.ChannelParam.Gain, dbToLinear(db)) : null;
    }
    case "track.setPan": {
      const value = pan(op.pan, [...path, "pan"]);
      return hasChannel(t) ? change(t.num, ipc.ChannelParam.Pan, value) : null;
    }
    case "send.set": {
      const send = t.sends.find((s) => s.id === op.send);
      if (!send) throw new PulseError("NotFound", `Track "${t.name}" has no send "${String(op.send)}".`, [...path, "send"]);
      const db = gainDb(op.gainDb, [...path, "gainDb"], "Send gain (dB)");
      return change(send.num, ipc.SendParam.Gain, dbToLinear(db));
    }
  }
}

/** The ops that leave a project where the whole sequence leaves it: the last move of each
 *  parameter, in the order those last moves came. */
export function netEffect(ops: readonly StreamableOperation[]): StreamableOperation[] {
  const last = new Map<string, number>();
  ops.forEach((op, i) => last.set(`${op.op}\u0000${op.track}\u0000${op.op === "send.set" ? op.send : ""}`, i));
  return [...last.values()].sort((a, b) => a - b).map((i) => ops[i]!);
}
