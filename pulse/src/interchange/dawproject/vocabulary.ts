// DAWproject's names for Loophole's concepts: device elements per plugin format, curve interpolations,
// the files inside the container.
import type { CurveShape } from "../../model/automation";
import type { PluginFormat } from "../../model/plugin";

export const PROJECT_FILE = "project.xml";
export const METADATA_FILE = "metadata.xml";
export const DAWPROJECT_VERSION = "1.0";

/** Formats with their own element in the schema; the rest are written as a generic <Device>. */
export const PLUGIN_ELEMENTS: Partial<Record<PluginFormat, string>> = {
  VST3: "Vst3Plugin",
  CLAP: "ClapPlugin",
  AU: "AuPlugin",
};
export const DEVICE_ELEMENTS = ["Device", "Vst2Plugin", "Vst3Plugin", "ClapPlugin", "AuPlugin", "BuiltinDevice", "Equalizer", "Compressor", "NoiseGate", "Limiter"];

/** A generic <Device> names its format in the deviceID prefix, e.g. "lv2:urn:zamaudio:ZamComp". */
export const DEVICE_ID_PREFIX: Partial<Record<PluginFormat, string>> = { LV2: "lv2:", LADSPA: "ladspa:" };
/** Built-in Loophole devices: <BuiltinDevice deviceID="loophole:SineSynth">. */
export const BUILTIN_ID_PREFIX = "loophole:";

export const STATE_EXTENSION: Partial<Record<PluginFormat, string>> = {
  VST3: "vst3-state",
  CLAP: "clap-state",
  AU: "au-state",
  LV2: "lv2-state",
};

/** DAWproject knows hold and linear; Loophole's richer curves are written as linear (the nearest). */
export function interpolationOf(shape: CurveShape): "hold" | "linear" {
  return shape === "Hold" ? "hold" : "linear";
}

export function shapeOf(interpolation: string | undefined): CurveShape {
  return interpolation === "hold" ? "Hold" : "Linear";
}
