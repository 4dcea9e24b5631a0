// End to end with the engine's real scanner on the zam-plugins Debian installs as LV2, VST3 and CLAP:
// scan output -> catalogue -> merged plugins, categories, search.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { emptyLibrary, PluginCatalogue, pluginKey, PluginSearch, preferredVariant, scannedFromJson } from "../../src/catalogue";

const repo = resolve(import.meta.dirname, "../../..");
/** LOOPHOLE_PLUGIN_SCAN, else the scanner in a build directory of this checkout. */
const scanner = [
  process.env["LOOPHOLE_PLUGIN_SCAN"],
  ...readdirSync(repo).filter((d) => d.startsWith("build")).map((d) => join(repo, d, "signal/plugins/loophole-plugin-scan")),
].find((path) => path !== undefined && existsSync(path));

const zamBundles = ["/usr/lib/lv2", "/usr/lib/vst3", "/usr/lib/clap"].flatMap((dir) =>
  existsSync(dir) ? readdirSync(dir).filter((name) => name.startsWith("Za")).map((name) => join(dir, name)) : [],
);

describe.skipIf(scanner === undefined)(`the real plugin scanner (${scanner ?? "not built: set LOOPHOLE_PLUGIN_SCAN"})`, () => {
  it("feeds a catalogue that shows each zam plugin once, with its three formats and a category", async () => {
    const cache = join(mkdtempSync(join(tmpdir(), "loophole-scan-")), "cache.json");
    // A generous probe timeout: on a loaded machine the default 10 s can block healthy plugins.
    const args = ["--json", "--rescan", "--timeout", "60", "--cache", cache, ...zamBundles];
    const { stdout } = await promisify(execFile)(scanner!, args, {
      maxBuffer: 64 * 1024 * 1024,
      timeout: 170_000,
    });
    const scanned = scannedFromJson(stdout);
    expect(scanned).toHaveLength(zamBundles.length);
    const catalogue = PluginCatalogue.fromScan(scanned);
    expect(catalogue.size * 3).toBe(scanned.length);
    for (const plugin of catalogue.plugins) {
      expect(plugin.vendor).toBe("Damien Zammit");
      expect(plugin.formats).toEqual(["CLAP", "VST3", "LV2"]);
      expect(preferredVariant(plugin)?.format).toBe("CLAP");
      expect(plugin.categorySource).toBe("metadata");
    }
    const categories = (name: string) => catalogue.get(pluginKey("Damien Zammit", name))!.categories;
    expect(categories("ZamComp")).toEqual(["Dynamics"]);
    expect(categories("ZaMaximX2")).toEqual(["Dynamics"]);
    expect(categories("ZamVerb")).toEqual(["Reverb"]);
    expect(categories("ZamDelay")).toEqual(["Delay"]);
    expect(categories("ZamEQ2")).toEqual(["EQ"]);
    expect(categories("ZamTube")).toEqual(["Distortion"]);
    expect(categories("ZamPhono")).toEqual(["Utility"]);
    expect(categories("ZamHeadX2")).toContain("Spatial");

    const search = new PluginSearch(catalogue, emptyLibrary());
    expect(search.search("zamverb")[0]!.plugin.name).toBe("ZamVerb");
    expect(search.search("zam delya")[0]!.plugin.name).toBe("ZamDelay");
    expect(search.search("reverb").map((h) => h.plugin.name)).toContain("ZamVerb");
  }, 180_000);
});
