// One plugin binary in one format, exactly as the engine's scan described it (plain data, no IPC classes).
import type { FormatName } from "./formats";

export interface ScannedParameter {
  index: number;
  name: string;
  defaultValue: number;
  automatable: boolean;
}

export interface ScannedPlugin {
  uid: string;
  format: FormatName;
  name: string;
  vendor: string;
  version: string;
  /** The format's own category text: VST3 "Fx|Dynamics", LV2 "lv2:CompressorPlugin", CLAP features. */
  category: string;
  path: string;
  isInstrument: boolean;
  mainInputs: number;
  mainOutputs: number;
  sidechainInputs: number;
  latencySamples: number;
  parameters: ScannedParameter[];
  blocked: boolean;
  blockedReason: string;
}
