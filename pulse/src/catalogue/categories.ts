// One category taxonomy over the formats' own vocabularies: VST3 subcategories, LV2 classes and CLAP features.
export const CATEGORIES = [
  "Dynamics",
  "EQ",
  "Filter",
  "Reverb",
  "Delay",
  "Modulation",
  "Distortion",
  "Pitch",
  "Spatial",
  "Restoration",
  "Mastering",
  "Analyzer",
  "Utility",
  "Generator",
  "Instrument",
  "Synth",
  "Sampler",
  "Drum",
  "MIDI",
  "Other",
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Synth, Sampler and Drum are kinds of Instrument; browsing "Instrument" shows all of them. */
export const INSTRUMENT_CATEGORIES: ReadonlySet<Category> = new Set<Category>(["Instrument", "Synth", "Sampler", "Drum"]);

// Keys are normalised tokens (see tokenKey). `null` marks tokens that carry no category (e.g. "Fx", "Stereo").
const TOKENS: Record<string, Category | null> = {
  // VST3 subcategories
  fx: null, mono: null, stereo: null, surround: null, ambisonics: null, onlyrt: null, onlyofflineprocess: null,
  noofflineprocess: null, external: null, network: null, fxinstrument: null,
  analyzer: "Analyzer", delay: "Delay", distortion: "Distortion", dynamics: "Dynamics", eq: "EQ", filter: "Filter",
  generator: "Generator", mastering: "Mastering", modulation: "Modulation", pitchshift: "Pitch", restoration: "Restoration",
  reverb: "Reverb", spatial: "Spatial", tools: "Utility", updownmix: "Spatial", instrument: "Instrument", synth: "Synth",
  sampler: "Sampler", drum: "Drum", piano: "Instrument",
  // LV2 classes (lv2:XxxPlugin with the "Plugin" suffix removed)
  plugin: null, waveshaper: "Distortion", amplifier: "Dynamics", compressor: "Dynamics", envelope: "Dynamics",
  expander: "Dynamics", gate: "Dynamics", limiter: "Dynamics", allpass: "Filter", bandpass: "Filter", comb: "Filter",
  multieq: "EQ", paraeq: "EQ", equaliser: "EQ", parametric: "EQ", multiband: "EQ", highpass: "Filter", lowpass: "Filter", constant: "Generator", oscillator: "Generator",
  modulator: "Modulation", chorus: "Modulation", flanger: "Modulation", phaser: "Modulation", simulator: "Distortion",
  spectral: "Analyzer", pitch: "Pitch", utility: "Utility", analyser: "Analyzer", converter: "Utility",
  function: "Utility", mixer: "Utility", midi: "MIDI",
  // CLAP features
  audioeffect: null, noteeffect: "MIDI", notedetector: "MIDI", synthesizer: "Synth", drummachine: "Drum",
  equalizer: "EQ", deesser: "Dynamics", phasevocoder: "Pitch", granular: "Modulation", frequencyshifter: "Pitch",
  pitchshifter: "Pitch", transientshaper: "Dynamics", tremolo: "Modulation", glitch: "Modulation",
  pitchcorrection: "Pitch", multieffects: null, mixing: null, ambisonic: null,
};

// Last resort for formats without categories (LADSPA, badly tagged plugins): words in the plugin's name.
const NAME_HINTS: [RegExp, Category][] = [
  [/comp|limit|gate|expand|maxim|dynamic/i, "Dynamics"],
  [/verb/i, "Reverb"],
  [/delay|echo/i, "Delay"],
  [/eq\b|eq\d|equali[sz]/i, "EQ"],
  [/filter|lowpass|highpass/i, "Filter"],
  [/chorus|flang|phas|trem/i, "Modulation"],
  [/dist|drive|sat|tube|fuzz|crush/i, "Distortion"],
  [/synth/i, "Synth"],
];

function tokenKey(token: string): string {
  const local = token.slice(Math.max(token.lastIndexOf("#"), token.lastIndexOf(":")) + 1); // lv2:X, ...lv2core#X
  const key = local.toLowerCase().replace(/[^a-z0-9]/g, "");
  return key.length > "plugin".length && key.endsWith("plugin") ? key.slice(0, -"plugin".length) : key;
}

function tokens(raw: string): string[] {
  // VST3 uses "|", CLAP feature lists arrive joined by "," or whitespace, LV2 class lists by "," or ";".
  return raw.split(/[|,;\s]+/).filter((token) => token.length > 0);
}

export interface Categorisation {
  /** Ordered, most specific first; never empty. */
  categories: Category[];
  /** Where they came from: the plugin's own metadata, or a guess from its name. */
  source: "metadata" | "name" | "none";
}

export function categorise(rawCategory: string, isInstrument: boolean, name = ""): Categorisation {
  const found: Category[] = [];
  const add = (category: Category) => {
    if (!found.includes(category)) found.push(category);
  };
  for (const token of tokens(rawCategory)) {
    const category = TOKENS[tokenKey(token)];
    if (category) add(category);
  }
  let source: Categorisation["source"] = found.length > 0 ? "metadata" : "none";
  if (found.length === 0 && !isInstrument) {
    for (const [pattern, category] of NAME_HINTS) if (pattern.test(name)) add(category);
    if (found.length > 0) source = "name";
  }
  if (isInstrument && !found.some((c) => INSTRUMENT_CATEGORIES.has(c))) add("Instrument");
  // "Instrument" is implied by Synth/Sampler/Drum and says less; put the specific kind first.
  found.sort((a, b) => Number(a === "Instrument") - Number(b === "Instrument"));
  if (found.length === 0) add("Other");
  return { categories: found, source };
}

export function isInstrumentCategory(category: Category): boolean {
  return INSTRUMENT_CATEGORIES.has(category);
}
