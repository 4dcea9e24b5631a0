import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { emptyLibrary, PluginCatalogue, pluginKey, preferredVariant, variantToLoad } from "../../src/catalogue";
import type { ScannedPlugin } from "../../src/catalogue";
import { applyLibraryOperation } from "../../src/catalogue";
import { scanned } from "./make-plugin";

describe("merging formats", () => {
  const scan = [
    scanned({ name: "Pro-Q 3", vendor: "FabFilter", format: "VST3", category: "Fx|EQ", uid: "vst3-abc" }),
    scanned({ name: "Pro-Q 3", vendor: "FabFilter", format: "CLAP", category: "audio-effect equalizer", uid: "com.fabfilter.proq3" }),
    scanned({ name: "Pro-Q 3 (LV2)", vendor: "FabFilter GmbH", format: "LV2", uid: "urn:ff:proq3" }),
    scanned({ name: "Pro-Q 2", vendor: "FabFilter", format: "VST3", uid: "vst3-def" }),
  ];

  it("shows the same plugin in several formats as one entry, matched by vendor and name, not uid", () => {
    const catalogue = PluginCatalogue.fromScan(scan);
    expect(catalogue.size).toBe(2);
    const proQ3 = catalogue.get(pluginKey("FabFilter", "Pro-Q 3"))!;
    expect(proQ3.formats).toEqual(["CLAP", "VST3", "LV2"]);
    expect(proQ3.name).toBe("Pro-Q 3");
    expect(proQ3.categories).toEqual(["EQ"]);
    expect(catalogue.findByUid("LV2", "urn:ff:proq3")).toBe(proQ3);
  });

  it("prefers CLAP > VST3 > LV2 > LADSPA, skipping blocked variants, unless the user chose a format", () => {
    const withCrashingClap = scan.map((p) =>
      p.format === "CLAP" ? { ...p, blocked: true, blockedReason: "crashed: SIGSEGV" } : p,
    );
    const catalogue = PluginCatalogue.fromScan(withCrashingClap);
    const proQ3 = catalogue.get(pluginKey("FabFilter", "Pro-Q 3"))!;
    expect(proQ3.blocked).toBe(false);
    expect(proQ3.formats).toEqual(["VST3", "LV2"]);
    expect(proQ3.blockedVariants).toEqual([{ format: "CLAP", uid: "com.fabfilter.proq3", reason: "crashed: SIGSEGV" }]);
    expect(preferredVariant(proQ3)?.format).toBe("VST3");
    expect(preferredVariant(proQ3, "LV2")?.format).toBe("LV2");
    expect(preferredVariant(proQ3, "CLAP")?.format).toBe("VST3"); // the choice is blocked: fall back
    expect(catalogue.hasLoadable("VST3", "vst3-abc")).toBe(true);
    expect(catalogue.hasLoadable("CLAP", "com.fabfilter.proq3")).toBe(false);
    expect(catalogue.hasLoadable("VST3", "no-such-uid")).toBe(false);

    const library = applyLibraryOperation(emptyLibrary(), { kind: "preferredFormat.set", plugin: proQ3.key, format: "LV2" }).library;
    expect(variantToLoad(proQ3, library)?.uid).toBe("urn:ff:proq3");
  });

  it("keeps a plugin whose every variant is blocked, marked with the reasons", () => {
    const catalogue = PluginCatalogue.fromScan([
      scanned({ name: "Hangs", format: "VST3", blocked: true, blockedReason: "timed out after 10 s" }),
      scanned({ name: "Hangs", format: "LV2", blocked: true }),
    ]);
    const hangs = catalogue.plugins[0]!;
    expect(hangs.blocked).toBe(true);
    expect(hangs.formats).toEqual([]);
    expect(hangs.blockedVariants.map((b) => b.reason)).toEqual(["timed out after 10 s", "blocked by the scanner"]);
    expect(preferredVariant(hangs)).toBeUndefined();
  });

  it("files a binary the scanner could not probe (no vendor, named after its file) under the plugin of that name", () => {
    const catalogue = PluginCatalogue.fromScan([
      scanned({ name: "ZamComp", vendor: "Damien Zammit", format: "CLAP" }),
      scanned({ name: "ZamComp", vendor: "", format: "VST3", uid: "/usr/lib/vst3/ZamComp.vst3", blocked: true, blockedReason: "timed out after 10 s" }),
      scanned({ name: "Twin", vendor: "A", format: "CLAP" }),
      scanned({ name: "Twin", vendor: "B", format: "CLAP" }),
      scanned({ name: "Twin", vendor: "", format: "LV2", blocked: true }),
    ]);
    const comp = catalogue.get(pluginKey("Damien Zammit", "ZamComp"))!;
    expect(comp.formats).toEqual(["CLAP"]);
    expect(comp.blockedVariants).toEqual([{ format: "VST3", uid: "/usr/lib/vst3/ZamComp.vst3", reason: "timed out after 10 s" }]);
    // Two vendors make a "Twin": the unknown one cannot be placed and stays on its own.
    expect(catalogue.size).toBe(4);
  });

  it("does not merge different products of one vendor", () => {
    expect(pluginKey("Damien Zammit", "ZamComp")).not.toBe(pluginKey("Damien Zammit", "ZamCompX2"));
    expect(pluginKey("u-he", "Diva")).not.toBe(pluginKey("Other", "Diva"));
    expect(pluginKey("Lüft Audio, Inc.", "Bïg-Verb VST3")).toBe(pluginKey("luft audio", "big verb"));
    expect(pluginKey("FabFilter", "FabFilter Pro-Q 3")).toBe(pluginKey("FabFilter", "Pro-Q 3"));
    expect(pluginKey("Surge Synth Team", "Surge XT")).not.toBe(pluginKey("Surge Synth Team", "XT"));
  });
});

/** What a scanner sees on this machine: Debian's zam-plugins, each installed as LV2, VST3 and CLAP. */
function scanInstalledZamPlugins(): ScannedPlugin[] {
  const found: ScannedPlugin[] = [];
  for (const bundle of readdirSync("/usr/lib/lv2").filter((b) => /^Za.*\.lv2$/.test(b))) {
    const name = bundle.replace(/\.lv2$/, "");
    const dir = join("/usr/lib/lv2", bundle);
    const ttl = readdirSync(dir).filter((f) => f.endsWith(".ttl")).map((f) => readFileSync(join(dir, f), "utf8")).join("\n");
    const classes = [...ttl.matchAll(/\ba (lv2:\w+Plugin(?:\s*,\s*lv2:\w+)*)/g)].map((m) => m[1]).join(",");
    const vendor = /foaf:name "([^"]+)"/.exec(ttl)?.[1] ?? "";
    found.push(scanned({ name, vendor, format: "LV2", category: classes, uid: `urn:zamaudio:${name}` }));
  }
  for (const bundle of readdirSync("/usr/lib/vst3").filter((b) => b.startsWith("Za"))) {
    const name = bundle.replace(/\.vst3$/, "");
    found.push(scanned({ name, vendor: "Damien Zammit", format: "VST3", category: "Fx", uid: `vst3:${name}` }));
  }
  for (const file of readdirSync("/usr/lib/clap").filter((b) => b.startsWith("Za"))) {
    const name = file.replace(/\.clap$/, "");
    found.push(scanned({ name, vendor: "Damien Zammit", format: "CLAP", category: "audio-effect", uid: `clap:${name}` }));
  }
  return found;
}

describe("the zam-plugins installed on this machine", () => {
  const scan = scanInstalledZamPlugins();
  const catalogue = PluginCatalogue.fromScan(scan);

  it("become one entry per plugin with all three formats, CLAP preferred", () => {
    expect(scan.length).toBeGreaterThanOrEqual(3 * 15);
    expect(catalogue.size * 3).toBe(scan.length);
    for (const plugin of catalogue.plugins) {
      expect(plugin.formats).toEqual(["CLAP", "VST3", "LV2"]);
      expect(preferredVariant(plugin)?.format).toBe("CLAP");
    }
  });

  it("take their categories from the LV2 metadata, since VST3 only says Fx", () => {
    const category = (name: string) => catalogue.get(pluginKey("Damien Zammit", name))?.categories[0];
    expect(category("ZamComp")).toBe("Dynamics");
    expect(category("ZaMaximX2")).toBe("Dynamics");
    expect(category("ZamVerb")).toBe("Reverb");
    expect(category("ZamDelay")).toBe("Delay");
    expect(category("ZamEQ2")).toBe("EQ");
    expect(category("ZamTube")).toBe("Distortion");
    expect(category("ZamHeadX2")).toBe("Spatial");
    expect(catalogue.plugins.every((p) => p.categorySource === "metadata")).toBe(true);
  });
});
