// Turns the engine's scan result (IPC object, or `loophole-plugin-scan --json`) into ScannedPlugin records.
import { ipc } from "@loophole/contract";
import { formatFromIpc, formatFromText, type FormatName } from "./formats";
import type { ScannedParameter, ScannedPlugin } from "./scanned-plugin";

export class ScanInputError extends Error {
  override name = "ScanInputError";
}

function text(value: string | Uint8Array | null): string {
  if (value === null) return "";
  return typeof value === "string" ? value : new TextDecoder().decode(value);
}

/** Plugins whose format Pulse does not know (PluginFormat.None) are skipped: nothing could load them. */
export function scannedFromCatalogue(catalogue: ipc.PluginCatalogueT): ScannedPlugin[] {
  const result: ScannedPlugin[] = [];
  for (const plugin of catalogue.plugins) {
    const format = formatFromIpc(plugin.format);
    if (format === undefined) continue;
    result.push({
      uid: text(plugin.uid),
      format,
      name: text(plugin.name),
      vendor: text(plugin.vendor),
      version: text(plugin.version),
      category: text(plugin.category),
      path: text(plugin.path),
      isInstrument: plugin.isInstrument,
      mainInputs: plugin.mainInputs,
      mainOutputs: plugin.mainOutputs,
      sidechainInputs: plugin.sidechainInputs,
      latencySamples: plugin.latencySamples,
      parameters: plugin.parameters.map((p) => ({
        index: p.index,
        name: text(p.name),
        defaultValue: p.defaultValue,
        automatable: p.automatable,
      })),
      blocked: plugin.blocked,
      blockedReason: text(plugin.blockedReason),
    });
  }
  return result;
}

/** The catalogue as Signal sends it: a Frame whose body is a PluginCatalogue (the reply to ScanPlugins). */
export function scannedFromFrame(frame: ipc.Frame): ScannedPlugin[] {
  if (frame.bodyType() !== ipc.Body.PluginCatalogue) {
    throw new ScanInputError(`expected a PluginCatalogue frame, got ${ipc.Body[frame.bodyType()] ?? frame.bodyType()}`);
  }
  const catalogue = frame.body(new ipc.PluginCatalogue()) as ipc.PluginCatalogue | null;
  if (!catalogue) throw new ScanInputError("the PluginCatalogue frame has no body");
  return scannedFromCatalogue(catalogue.unpack());
}

type Json = Record<string, unknown>;

class FieldReader {
  constructor(private readonly entry: Json, private readonly where: string) {}

  string(field: string, required = false): string {
    const value = this.entry[field];
    if (value === undefined || value === null) {
      if (required) throw new ScanInputError(`${this.where}: missing "${field}"`);
      return "";
    }
    if (typeof value !== "string") throw new ScanInputError(`${this.where}: "${field}" must be a string`);
    return value;
  }

  count(field: string): number {
    const value = this.entry[field] ?? 0;
    if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
      throw new ScanInputError(`${this.where}: "${field}" must be a non-negative integer`);
    }
    return value;
  }

  flag(field: string): boolean {
    const value = this.entry[field] ?? false;
    if (typeof value !== "boolean") throw new ScanInputError(`${this.where}: "${field}" must be true or false`);
    return value;
  }

  format(): FormatName {
    const value = this.entry["format"];
    const format = typeof value === "string" ? formatFromText(value) : undefined;
    if (format === undefined) throw new ScanInputError(`${this.where}: unknown format ${JSON.stringify(value)}`);
    return format;
  }
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function parameterFrom(value: unknown, where: string): ScannedParameter {
  if (!isObject(value)) throw new ScanInputError(`${where}: must be an object`);
  const read = new FieldReader(value, where);
  const defaultValue = value["default_value"] ?? 0;
  if (typeof defaultValue !== "number") throw new ScanInputError(`${where}: "default_value" must be a number`);
  return {
    index: read.count("index"),
    name: read.string("name"),
    defaultValue,
    automatable: read.flag("automatable"),
  };
}

/**
 * Parses `loophole-plugin-scan --json`: `{ "plugins": [...] }` (what the scanner prints) or a bare array
 * of PluginDescription objects with snake_case field names. Entries in formats Pulse does not know are
 * skipped, as on the IPC path; anything malformed is a ScanInputError naming the entry and field.
 */
export function scannedFromJson(json: string): ScannedPlugin[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw new ScanInputError(`plugin scan output is not JSON: ${(error as Error).message}`);
  }
  const list = isObject(parsed) ? parsed["plugins"] : parsed;
  if (!Array.isArray(list)) throw new ScanInputError('plugin scan output must be { "plugins": [...] } or an array');
  const result: ScannedPlugin[] = [];
  list.forEach((entry, i) => {
    const where = `plugin #${i}`;
    if (!isObject(entry)) throw new ScanInputError(`${where}: must be an object`);
    if (typeof entry["format"] !== "string") throw new ScanInputError(`${where}: "format" must be a string`);
    if (formatFromText(entry["format"]) === undefined) return;
    result.push(scannedFromEntry(entry, where));
  });
  return result;
}

function scannedFromEntry(entry: Json, where: string): ScannedPlugin {
    const read = new FieldReader(entry, where);
    const parameters = entry["parameters"] ?? [];
    if (!Array.isArray(parameters)) throw new ScanInputError(`${where}: "parameters" must be an array`);
    return {
      uid: read.string("uid", true),
      format: read.format(),
      name: read.string("name", true),
      vendor: read.string("vendor"),
      version: read.string("version"),
      category: read.string("category"),
      path: read.string("path"),
      isInstrument: read.flag("is_instrument"),
      mainInputs: read.count("main_inputs"),
      mainOutputs: read.count("main_outputs"),
      sidechainInputs: read.count("sidechain_inputs"),
      latencySamples: read.count("latency_samples"),
      parameters: parameters.map((p, j) => parameterFrom(p, `${where} parameter #${j}`)),
      blocked: read.flag("blocked"),
      blockedReason: read.string("blocked_reason"),
    };
}
