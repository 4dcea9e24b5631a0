import { describe, expect, it } from "vitest";
import { categorise } from "../../src/catalogue";

describe("category taxonomy", () => {
  it.each([
    // VST3 subcategories
    ["Fx|Dynamics", false, ["Dynamics"]],
    ["Fx|EQ|Filter", false, ["EQ", "Filter"]],
    ["Fx|Pitch Shift", false, ["Pitch"]],
    ["Instrument|Synth", true, ["Synth", "Instrument"]],
    ["Instrument|Drum", true, ["Drum", "Instrument"]],
    ["Fx|Tools", false, ["Utility"]],
    // LV2 classes, prefixed and as full URIs
    ["lv2:CompressorPlugin", false, ["Dynamics"]],
    ["lv2:ReverbPlugin, lv2:Plugin", false, ["Reverb"]],
    ["http://lv2plug.in/ns/lv2core#ParaEQPlugin", false, ["EQ"]],
    ["lv2:InstrumentPlugin", true, ["Instrument"]],
    ["lv2:ChorusPlugin", false, ["Modulation"]],
    // LV2 classes as JUCE's scanner labels them
    ["Compressor Plugin", false, ["Dynamics"]],
    ["Equaliser Plugin", false, ["EQ"]],
    ["Pitch Shifter Plugin", false, ["Pitch"]],
    ["Instrument Plugin", true, ["Instrument"]],
    // CLAP features
    ["instrument synthesizer stereo", true, ["Synth", "Instrument"]],
    ["audio-effect,equalizer,stereo", false, ["EQ"]],
    ["audio-effect delay", false, ["Delay"]],
    ["note-effect", false, ["MIDI"]],
    ["instrument drum-machine", true, ["Drum", "Instrument"]],
  ] as const)("maps %j", (raw, isInstrument, expected) => {
    const result = categorise(raw, isInstrument);
    expect(result.categories).toEqual(expected);
    expect(result.source).toBe("metadata");
  });

  it("falls back to the name when a format has no categories (LADSPA)", () => {
    expect(categorise("", false, "TAP Reverberator")).toEqual({ categories: ["Reverb"], source: "name" });
    expect(categorise("Unknown", false, "Mystery Box")).toEqual({ categories: ["Other"], source: "none" });
  });

  it("files an instrument without categories under Instrument", () => {
    expect(categorise("", true, "Thing").categories).toEqual(["Instrument"]);
    expect(categorise("Fx", true, "Thing").categories).toEqual(["Instrument"]);
  });
});
