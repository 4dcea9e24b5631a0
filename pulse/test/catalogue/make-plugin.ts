// Builds scan records for tests.
import type { ScannedPlugin } from "../../src/catalogue";

export function scanned(fields: Partial<ScannedPlugin> & Pick<ScannedPlugin, "name" | "format">): ScannedPlugin {
  return {
    uid: `${fields.format}:${fields.name}`,
    vendor: "Test Vendor",
    version: "1.0.0",
    category: "",
    path: `/usr/lib/${fields.format.toLowerCase()}/${fields.name}`,
    isInstrument: false,
    mainInputs: 2,
    mainOutputs: 2,
    sidechainInputs: 0,
    latencySamples: 0,
    parameters: [],
    blocked: false,
    blockedReason: "",
    ...fields,
  };
}
