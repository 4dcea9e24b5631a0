// Plugin formats as Pulse names them, and the order in which one is preferred when the user has not chosen.
import { ipc } from "@loophole/contract";

export const FORMAT_NAMES = ["CLAP", "VST3", "LV2", "LADSPA", "AU", "BuiltIn"] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

/** CLAP first: it carries the richest metadata and threading model; LADSPA last: no GUI, no state. */
export const DEFAULT_FORMAT_ORDER: readonly FormatName[] = ["CLAP", "VST3", "LV2", "LADSPA", "AU", "BuiltIn"];

const FROM_IPC: Partial<Record<ipc.PluginFormat, FormatName>> = {
  [ipc.PluginFormat.VST3]: "VST3",
  [ipc.PluginFormat.LV2]: "LV2",
  [ipc.PluginFormat.CLAP]: "CLAP",
  [ipc.PluginFormat.LADSPA]: "LADSPA",
  [ipc.PluginFormat.AU]: "AU",
  [ipc.PluginFormat.BuiltIn]: "BuiltIn",
};

export function formatFromIpc(format: ipc.PluginFormat): FormatName | undefined {
  return FROM_IPC[format];
}

export function formatToIpc(format: FormatName): ipc.PluginFormat {
  return ipc.PluginFormat[format];
}

/** Accepts "vst3", "VST3", "clap", ... as the scanner's JSON may spell them. */
export function formatFromText(text: string): FormatName | undefined {
  const wanted = text.trim().toLowerCase();
  return FORMAT_NAMES.find((name) => name.toLowerCase() === wanted);
}

export function isFormatName(value: unknown): value is FormatName {
  return typeof value === "string" && (FORMAT_NAMES as readonly string[]).includes(value);
}

/** Rank of a format in the default order; lower is preferred. */
export function formatRank(format: FormatName): number {
  return DEFAULT_FORMAT_ORDER.indexOf(format);
}
