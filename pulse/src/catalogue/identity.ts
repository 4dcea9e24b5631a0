// The merged identity of a plugin: the same product in VST3, LV2 and CLAP is one plugin to the user.
// Keyed by normalised vendor + name (never the format-specific uid), so the user's organisation survives
// rescans, upgrades and new formats being installed.

/** Stable text key, e.g. "damien zammit/zamcomp". */
export type PluginKey = string;

const FORMAT_MARKERS = new Set(["vst", "vst2", "vst3", "lv2", "clap", "ladspa", "au", "x64", "x86", "64bit"]);
const LEGAL_SUFFIXES = new Set(["inc", "ltd", "llc", "gmbh", "ag", "corp", "co", "limited", "sas", "sarl", "bv", "ab", "oy", "srl", "kg"]);

function words(text: string): string[] {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "") // diacritics: "Lüft" and "Luft" are the same vendor
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
}

export function normaliseName(name: string): string {
  const all = words(name);
  const kept = all.filter((word) => !FORMAT_MARKERS.has(word));
  return kept.length > 0 ? kept.join(" ") : all.length > 0 ? all.join(" ") : "unnamed";
}

/** The vendor part of the key of a plugin whose vendor is not known. */
export const UNKNOWN_VENDOR = "unknown";

export function normaliseVendor(vendor: string): string {
  const kept = words(vendor).filter((word) => !LEGAL_SUFFIXES.has(word));
  return kept.length > 0 ? kept.join(" ") : UNKNOWN_VENDOR;
}

/** What pluginKey produces: "vendor/name". Anything else (e.g. "__proto__") is refused where keys come in. */
export function isPluginKey(value: unknown): value is PluginKey {
  return typeof value === "string" && /^[^/]+\/.+$/.test(value);
}

export function pluginKey(vendor: string, name: string): PluginKey {
  const normalisedVendor = normaliseVendor(vendor);
  let normalisedName = normaliseName(name);
  // "FabFilter Pro-Q 3" by FabFilter (one format) is "Pro-Q 3" by FabFilter (another).
  if (normalisedName.startsWith(`${normalisedVendor} `)) normalisedName = normalisedName.slice(normalisedVendor.length + 1);
  return `${normalisedVendor}/${normalisedName}`;
}
