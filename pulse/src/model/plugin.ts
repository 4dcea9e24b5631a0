// Plugin instances in a track's insert chain. The catalogue (pulse/src/catalogue) knows what the
// uid refers to; the model only keeps the reference, the opaque state and how it is hosted.
import type { PluginId, TrackId } from "./ids";

export type PluginFormat = "VST3" | "LV2" | "CLAP" | "LADSPA" | "AU" | "BuiltIn";
export const PLUGIN_FORMATS: readonly PluginFormat[] = ["VST3", "LV2", "CLAP", "LADSPA", "AU", "BuiltIn"];

export type BuiltInKind = "SineSynth" | "Sampler";
export const BUILTIN_KINDS: readonly BuiltInKind[] = ["SineSynth", "Sampler"];

/** Where the plugin runs; mirrors ipc.IsolationMode (see chorus/ipc/graph.fbs). */
export type IsolationMode = "Default" | "InEngine" | "SharedSandbox" | "PerVendor" | "PerPlugin";
export const ISOLATION_MODES: readonly IsolationMode[] = ["Default", "InEngine", "SharedSandbox", "PerVendor", "PerPlugin"];

export interface PluginInstance {
  readonly id: PluginId;
  readonly num: number;
  readonly format: PluginFormat;
  /** Catalogue unique id (format specific); "" for built-ins. */
  readonly uid: string;
  /** Set when format is "BuiltIn". */
  readonly builtin: BuiltInKind | null;
  readonly name: string;
  /** Opaque plugin state, base64 so the project stays plain JSON; "" = plugin defaults. */
  readonly state: string;
  readonly bypass: boolean;
  readonly isolation: IsolationMode;
  /** Track whose output feeds this plugin's sidechain input, or null. */
  readonly sidechainFrom: TrackId | null;
}

export function encodeState(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
}

export function decodeState(base64: string): Uint8Array {
  return new Uint8Array(Buffer.from(base64, "base64"));
}
