// Every change to a project is one of these plain-JSON operations. Ids of new entities are optional:
// when left out, Pulse makes one from the entity's engine num (e.g. "track-7").
import type { AutomationTarget, Breakpoint } from "../model/automation";
import type { Fade, Note, ControlChange, PitchBend } from "../model/clip";
import type { ClipId, LaneId, MarkerId, PluginId, SendId, TrackId } from "../model/ids";
import type { BuiltInKind, IsolationMode, PluginFormat } from "../model/plugin";
import type { LoopRange } from "../model/project";
import type { MeterChange, TempoChange } from "../model/tempo";
import type { TrackKind } from "../model/track";

export type AudioClipInit = {
  kind: "audio"; id?: ClipId; name?: string; start: number; length: number; file: string;
  sourceOffset?: number; gainDb?: number; fadeIn?: Fade; fadeOut?: Fade; loopSeconds?: number | null;
};
export type MidiClipInit = {
  kind: "midi"; id?: ClipId; name?: string; start: number; length: number;
  notes?: Note[]; cc?: ControlChange[]; pitchBend?: PitchBend[]; loopBeats?: number | null;
};

export type Operation =
  // tracks
  | { op: "track.add"; id?: TrackId; kind: Exclude<TrackKind, "master">; name?: string; parent?: TrackId | null; index?: number; hasStrip?: boolean }
  | { op: "track.remove"; track: TrackId }
  | { op: "track.move"; track: TrackId; parent: TrackId | null; index: number }
  | { op: "track.rename"; track: TrackId; name: string }
  | { op: "track.setGain"; track: TrackId; gainDb: number }
  | { op: "track.setPan"; track: TrackId; pan: number }
  | { op: "track.setMute"; track: TrackId; mute: boolean }
  | { op: "track.setSolo"; track: TrackId; solo: boolean }
  | { op: "track.setSoloSafe"; track: TrackId; soloSafe: boolean }
  | { op: "track.setPolarity"; track: TrackId; invert: boolean }
  | { op: "track.setOutput"; track: TrackId; output: TrackId | null }
  | { op: "track.setFolderStrip"; track: TrackId; hasStrip: boolean }
  // sends
  | { op: "send.add"; track: TrackId; id?: SendId; target: TrackId; gainDb?: number; preFader?: boolean }
  | { op: "send.remove"; track: TrackId; send: SendId }
  | { op: "send.set"; track: TrackId; send: SendId; target?: TrackId; gainDb?: number; preFader?: boolean }
  // plugins
  | { op: "plugin.insert"; track: TrackId; id?: PluginId; index?: number; format: PluginFormat; uid: string;
      builtin?: BuiltInKind | null; name?: string; state?: string; isolation?: IsolationMode; bypass?: boolean;
      sidechainFrom?: TrackId | null }
  | { op: "plugin.remove"; track: TrackId; plugin: PluginId }
  | { op: "plugin.move"; track: TrackId; plugin: PluginId; index: number }
  | { op: "plugin.set"; track: TrackId; plugin: PluginId; bypass?: boolean; isolation?: IsolationMode;
      state?: string; name?: string; sidechainFrom?: TrackId | null }
  // clips
  | { op: "clip.add"; track: TrackId; clip: AudioClipInit | MidiClipInit }
  | { op: "clip.remove"; track: TrackId; clip: ClipId }
  | { op: "clip.move"; track: TrackId; clip: ClipId; start: number; toTrack?: TrackId }
  | { op: "clip.trim"; track: TrackId; clip: ClipId; start?: number; end?: number }
  | { op: "clip.split"; track: TrackId; clip: ClipId; at: number; newId?: ClipId }
  | { op: "clip.set"; track: TrackId; clip: ClipId; name?: string; gainDb?: number; fadeIn?: Fade; fadeOut?: Fade;
      file?: string; sourceOffset?: number; loopSeconds?: number | null; loopBeats?: number | null;
      notes?: Note[]; cc?: ControlChange[]; pitchBend?: PitchBend[] }
  // automation
  | { op: "automation.addLane"; track: TrackId; id?: LaneId; target: AutomationTarget; points?: Breakpoint[] }
  | { op: "automation.removeLane"; track: TrackId; lane: LaneId }
  | { op: "automation.setPoints"; track: TrackId; lane: LaneId; points: Breakpoint[] }
  // timeline and project
  | { op: "tempo.set"; tempos: TempoChange[]; meters?: MeterChange[] }
  | { op: "marker.add"; id?: MarkerId; name: string; beat: number }
  | { op: "marker.remove"; marker: MarkerId }
  | { op: "marker.set"; marker: MarkerId; name?: string; beat?: number }
  | { op: "loop.set"; loop: LoopRange | null }
  | { op: "meta.set"; title?: string; artist?: string; notes?: string };

export type OperationName = Operation["op"];
export type OperationOf<N extends OperationName> = Extract<Operation, { op: N }>;
