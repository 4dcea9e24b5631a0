import { describe, expect, it } from "vitest";
import { decodeFrame, encodeFrame, ipc } from "@loophole/contract";
import { ScanInputError, scannedFromFrame, scannedFromJson } from "../../src/catalogue";

function description(fields: Partial<ipc.PluginDescriptionT>): ipc.PluginDescriptionT {
  return Object.assign(new ipc.PluginDescriptionT(), fields);
}

describe("scan input", () => {
  it("reads a PluginCatalogue frame as it comes off the wire from Signal", () => {
    const catalogue = new ipc.PluginCatalogueT([
      description({
        uid: "vst3:1234",
        format: ipc.PluginFormat.VST3,
        name: "ZamComp",
        vendor: "Damien Zammit",
        category: "Fx|Dynamics",
        mainInputs: 2,
        mainOutputs: 2,
        sidechainInputs: 1,
        latencySamples: 64,
        parameters: [new ipc.PluginParameterInfoT(0, "Attack", 0.5, true)],
      }),
      description({ uid: "x", format: ipc.PluginFormat.CLAP, name: "Crashy", blocked: true, blockedReason: "crashed: SIGSEGV" }),
      description({ uid: "y", format: ipc.PluginFormat.None, name: "Nothing" }),
    ]);
    const wire = encodeFrame(new ipc.FrameT(5n, 2n, ipc.Body.PluginCatalogue, catalogue));
    const plugins = scannedFromFrame(decodeFrame(wire));
    expect(plugins).toHaveLength(2); // format None cannot be loaded by anything
    expect(plugins[0]).toMatchObject({
      uid: "vst3:1234",
      format: "VST3",
      name: "ZamComp",
      vendor: "Damien Zammit",
      category: "Fx|Dynamics",
      sidechainInputs: 1,
      latencySamples: 64,
      parameters: [{ index: 0, name: "Attack", defaultValue: 0.5, automatable: true }],
    });
    expect(plugins[1]).toMatchObject({ format: "CLAP", blocked: true, blockedReason: "crashed: SIGSEGV", vendor: "" });
  });

  it("refuses a frame that is not a catalogue", () => {
    const wire = encodeFrame(new ipc.FrameT(1n, 0n, ipc.Body.Ping, new ipc.PingT()));
    expect(() => scannedFromFrame(decodeFrame(wire))).toThrow(/expected a PluginCatalogue frame, got Ping/);
  });

  it("parses the scanner's snake_case JSON", () => {
    const json = JSON.stringify([
      {
        uid: "lv2:urn:zamaudio:ZamComp",
        format: "lv2",
        name: "ZamComp",
        vendor: "Damien Zammit",
        category: "lv2:CompressorPlugin",
        is_instrument: false,
        main_inputs: 1,
        main_outputs: 1,
        sidechain_inputs: 1,
        latency_samples: 0,
        parameters: [{ index: 3, name: "Ratio", default_value: 4, automatable: true }],
        blocked: false,
      },
      { uid: "c", format: "CLAP", name: "Hangs", blocked: true, blocked_reason: "timed out after 10 s" },
    ]);
    const plugins = scannedFromJson(json);
    expect(plugins[0]).toMatchObject({
      format: "LV2",
      mainInputs: 1,
      sidechainInputs: 1,
      parameters: [{ index: 3, name: "Ratio", defaultValue: 4, automatable: true }],
    });
    expect(plugins[1]).toMatchObject({ format: "CLAP", blocked: true, blockedReason: "timed out after 10 s" });
  });

  it("reads the scanner's { plugins: [...] } object and skips formats Pulse does not know", () => {
    const json = JSON.stringify({
      plugins: [
        { uid: "a", format: "VST2", name: "Old" },
        { uid: "b", format: "CLAP", name: "New", vendor: "V" },
      ],
      probed: 2,
      cached: 0,
      seconds: 0.5,
    });
    expect(scannedFromJson(json).map((p) => [p.format, p.name])).toEqual([["CLAP", "New"]]);
  });

  it.each([
    ["not json", /not JSON/],
    ['{"uid":"a"}', /must be \{ "plugins": \[\.\.\.\] \} or an array/],
    ['[{"uid":"a","name":"b"}]', /plugin #0: "format" must be a string/],
    ["[42]", /plugin #0: must be an object/],
    ['[{"uid":"a","format":"VST3"}]', /plugin #0: missing "name"/],
    ['[{"uid":"a","name":"b","format":"VST3","main_inputs":-1}]', /"main_inputs" must be a non-negative integer/],
    ['[{"uid":"a","name":"b","format":"VST3","parameters":[{"default_value":"x"}]}]', /parameter #0: "default_value"/],
  ])("rejects %s with a clear error", (json, message) => {
    expect(() => scannedFromJson(json)).toThrow(ScanInputError);
    expect(() => scannedFromJson(json)).toThrow(message);
  });
});
