// The complete list of messages between the renderer and the main process, as JSON over one
// WebSocket. Requests get exactly one response; events are pushed. Anything not listed here is
// refused by the main process, so this file is the whole renderer↔main contract.

/** A read-only projection of Pulse's project for drawing. The renderer never edits it. */
export interface ProjectView {
  revision: number;
  name: string;
  tempoBpm: number;
  /** Every tempo change (steps), first at beat 0: what the time ruler converts beats with. */
  tempos: { beat: number; bpm: number }[];
  beatsPerBar: number;
  sampleRate: number;
  loop: { enabled: boolean; startBeat: number; endBeat: number };
  markers: MarkerView[];
  tracks: TrackView[];
  canUndo: boolean;
  canRedo: boolean;
  history: HistoryEntry[];
  /** "<track> / <clip>: <why>" for every audio clip whose file is not read. */
  missingMedia: string[];
  /** Index into history of the newest applied entry, -1 when nothing is applied. */
  historyCursor: number;
}

export interface MarkerView { id: string; beat: number; name: string }
export interface HistoryEntry { label: string }

export type TrackKind = "audio" | "instrument" | "bus" | "master";

export interface TrackView {
  id: string;
  /** Engine channel id (Telemetry meters are keyed by it); 0 when not in the engine graph. */
  engineId: number;
  kind: TrackKind;
  name: string;
  gainDb: number;
  pan: number;
  mute: boolean;
  solo: boolean;
  plugins: PluginSlotView[];
  sends: SendView[];
  clips: ClipView[];
  automation: AutomationLaneView[];
}

/** `parameters`: the plugin's automatable parameters as its scan listed them (none for built-ins or unscanned plugins). */
export interface PluginSlotView {
  id: string; engineId: number; name: string; uid: string; bypass: boolean; parameters: PluginParameterView[];
  /** Where the plugin runs (Default: the engine's global setting, ADR 0007); built-ins always run in the engine. */
  isolation: PluginIsolation; builtin: boolean;
}
export type PluginIsolation = "Default" | "InEngine" | "SharedSandbox" | "PerVendor" | "PerPlugin";
export interface PluginParameterView { index: number; name: string }
export interface SendView { id: string; target: string; gainDb: number }

export interface ClipView {
  id: string;
  kind: "audio" | "midi";
  name: string;
  startBeat: number;
  lengthBeats: number;
  /** MIDI clips: notes relative to the clip start. */
  notes?: NoteView[];
  /** Audio clips: a coarse peak envelope (0..1) across the clip, for the waveform. */
  peaks?: number[];
  /** Audio clips whose file is not read: why (gone, or outside the project and media folders). */
  missing?: string;
  /** Audio clips: clip gain and fade lengths (the arrange's gain line and fade handles). */
  gainDb?: number;
  fadeInBeats?: number;
  fadeOutBeats?: number;
  /** Audio clips: the fades' curves, so the arrange draws what plays (Linear when absent). */
  fadeInShape?: FadeShapeView;
  fadeOutShape?: FadeShapeView;
}

/** A fade's curve, as Pulse's model names it. */
export type FadeShapeView = "Linear" | "EqualPower" | "Exponential";

export interface NoteView { id: string; pitch: number; startBeat: number; lengthBeats: number; velocity: number }
export interface AutomationLaneView { id: string; parameter: string; points: { beat: number; value: number }[] }

export interface CatalogueView {
  /** `tags`: the plugin's own category tags and the user's; `userTags`: the user's alone (editable). */
  plugins: { uid: string; name: string; vendor: string; format: string; category: string; tags: string[]; userTags: string[]; favourite: boolean; isInstrument: boolean }[];
  categories: string[];
  /** Every tag the user gave any plugin, for filtering. */
  userTags: string[];
  collections: { id: string; name: string; uids: string[] }[];
}

/** A change to the user's plugin organisation (Pulse's plugin library), saved at once. */
export type CatalogueChange =
  | { kind: "addTag"; uid: string; tag: string }
  | { kind: "removeTag"; uid: string; tag: string }
  | { kind: "createCollection"; name: string }
  | { kind: "addToCollection"; collection: string; uid: string }
  | { kind: "removeFromCollection"; collection: string; uid: string };

/** An edit the renderer asks for. The main process turns each into a Pulse operation. */
export type Edit =
  | { type: "addTrack"; kind: TrackKind; name?: string }
  | { type: "removeTrack"; trackId: string }
  | { type: "renameTrack"; trackId: string; name: string }
  /** Moves a track to just before another (into that track's folder), or to the end with null. */
  | { type: "moveTrack"; trackId: string; beforeTrackId: string | null }
  | { type: "setTrackGain"; trackId: string; gainDb: number }
  | { type: "setTrackPan"; trackId: string; pan: number }
  | { type: "setTrackMute"; trackId: string; mute: boolean }
  | { type: "setTrackSolo"; trackId: string; solo: boolean }
  | { type: "addPlugin"; trackId: string; uid: string; index?: number }
  | { type: "removePlugin"; trackId: string; pluginId: string }
  | { type: "setPluginBypass"; trackId: string; pluginId: string; bypass: boolean }
  /** Moves a plugin to another process; the engine reloads it there with its state. */
  | { type: "setPluginIsolation"; trackId: string; pluginId: string; isolation: PluginIsolation }
  | { type: "addSend"; trackId: string; target: string; gainDb?: number }
  | { type: "setSendGain"; trackId: string; sendId: string; gainDb: number }
  | { type: "removeSend"; trackId: string; sendId: string }
  | { type: "addClip"; trackId: string; kind: "audio" | "midi"; startBeat: number; lengthBeats: number; file?: string }
  | { type: "moveClip"; clipId: string; trackId: string; startBeat: number }
  | { type: "trimClip"; clipId: string; startBeat: number; lengthBeats: number }
  | { type: "setClipGain"; clipId: string; gainDb: number }
  | { type: "setClipFades"; clipId: string; fadeInBeats: number; fadeOutBeats: number }
  | { type: "splitClip"; clipId: string; atBeat: number }
  | { type: "duplicateClip"; clipId: string }
  | { type: "deleteClip"; clipId: string }
  | { type: "addNote"; clipId: string; pitch: number; startBeat: number; lengthBeats: number; velocity: number }
  | { type: "addAutomationLane"; trackId: string; param: "gain" | "pan" }
  | { type: "addPluginAutomationLane"; trackId: string; pluginId: string; parameter: number }
  /** value is 0..1 of the lane's drawn range; the main process converts it to the parameter's unit. */
  | { type: "setAutomationPoint"; trackId: string; laneId: string; beat: number; value: number }
  | { type: "setTempo"; bpm: number }
  | { type: "setLoop"; enabled: boolean; startBeat: number; endBeat: number }
  | { type: "addMarker"; beat: number; name: string };

export type EngineState = "stopped" | "starting" | "running" | "restarting" | "incompatible" | "failed";

export interface EngineStatus {
  state: EngineState;
  message: string;
  engine?: string;
  sampleRate?: number;
  bufferSize?: number;
  restarts: number;
  /** The engine process while it runs (to tell a restarted engine from the one before). */
  pid?: number;
}

/** Set when the project was opened from crash-recovery data rather than from its last save (ADR 0003). */
export interface RecoveryNotice {
  path: string;
  /** What the state was rebuilt from: the last save plus its journal, or a newer autosave. */
  source: "journal" | "autosave";
  /** Journalled edits replayed on top of the last save. */
  replayed: number;
  /** The same in plain words, for the status bar. */
  message: string;
}

export interface TelemetryView {
  playing: boolean;
  looping: boolean;
  positionBeats: number;
  dspLoad: number;
  /** What the audio device reports (on JACK this includes the server's own lateness). */
  xruns: number;
  /** Blocks the engine itself finished late; the part of the xruns that is the engine's doing. */
  lateBlocks: number;
  /** engine channel id → [peakL, peakR] */
  meters: Record<number, [number, number]>;
  faults: { processor: number; status: string }[];
}

export interface Requests {
  "session.get": { params: Record<string, never>; result: { project: ProjectView; engine: EngineStatus; recovery?: RecoveryNotice } };
  /** Edits that carry the same gesture id one after another (a fader drag: a new id per drag)
   *  form one undo step. */
  "project.edit": { params: { edit: Edit; gesture?: string }; result: { revision: number } };
  "project.undo": { params: Record<string, never>; result: { revision: number } };
  "project.redo": { params: Record<string, never>; result: { revision: number } };
  /** Saves atomically where the project was opened (or to path). */
  "project.save": { params: { path?: string }; result: { path: string } };
  "transport.play": { params: { fromBeat?: number }; result: Record<string, never> };
  "transport.stop": { params: Record<string, never>; result: Record<string, never> };
  "transport.locate": { params: { beat: number }; result: Record<string, never> };
  "plugins.catalogue": { params: Record<string, never>; result: CatalogueView };
  "plugins.setFavourite": { params: { uid: string; favourite: boolean }; result: CatalogueView };
  "plugins.organise": { params: { change: CatalogueChange }; result: CatalogueView };
  "plugins.openEditor": { params: { trackId: string; pluginId: string }; result: Record<string, never> };
  /** Restarts a crashed or hung plugin's sandbox process; the engine restores its last known state. */
  "plugins.reload": { params: { trackId: string; pluginId: string }; result: Record<string, never> };
  /** Renders the mix with the running engine into the project's exports folder (the main process
   *  picks the file name, never overwriting); resolves when the file is written. */
  "project.export": { params: { format: "16" | "24" | "32f"; dither?: boolean }; result: { path: string; seconds: number; renderSeconds: number } };
  "layout.get": { params: Record<string, never>; result: { layout: Record<string, number> } };
  "layout.save": { params: { layout: Record<string, number> }; result: Record<string, never> };
}

export interface Events {
  "project.changed": ProjectView;
  "engine.status": EngineStatus;
  telemetry: TelemetryView;
  progress: { task: string; done: number; detail: string };
  "catalogue.changed": CatalogueView;
  "plugin.fault": { processor: number; status: string; reason: string };
}

export type RequestChannel = keyof Requests;
export type EventChannel = keyof Events;

export const requestChannels: readonly RequestChannel[] = [
  "session.get", "project.edit", "project.undo", "project.redo", "project.save", "project.export",
  "transport.play", "transport.stop", "transport.locate",
  "plugins.catalogue", "plugins.setFavourite", "plugins.organise", "plugins.openEditor", "plugins.reload", "layout.get", "layout.save",
];

export const eventChannels: readonly EventChannel[] = ["project.changed", "engine.status", "telemetry", "progress", "catalogue.changed", "plugin.fault"];

export type RendererMessage = { kind: "request"; id: number; channel: RequestChannel; params: unknown };

export type MainMessage =
  | { kind: "response"; id: number; ok: true; result: unknown }
  | { kind: "response"; id: number; ok: false; error: string }
  | { kind: "event"; channel: EventChannel; payload: unknown };

export function isRequestChannel(name: unknown): name is RequestChannel {
  return typeof name === "string" && (requestChannels as readonly string[]).includes(name);
}

/** Parses one renderer message, or throws with a plain reason. */
export function parseRendererMessage(text: string): RendererMessage {
  let value: unknown;
  try { value = JSON.parse(text); } catch { throw new Error("message is not JSON"); }
  if (typeof value !== "object" || value === null) throw new Error("message is not an object");
  const m = value as Record<string, unknown>;
  if (m.kind !== "request") throw new Error(`unknown message kind ${JSON.stringify(m.kind)}`);
  if (typeof m.id !== "number" || !Number.isInteger(m.id)) throw new Error("request id must be an integer");
  if (!isRequestChannel(m.channel)) throw new Error(`unknown channel ${JSON.stringify(m.channel)}`);
  const params = m.params ?? {};
  if (typeof params !== "object" || params === null) throw new Error("params must be an object");
  return { kind: "request", id: m.id, channel: m.channel, params };
}
