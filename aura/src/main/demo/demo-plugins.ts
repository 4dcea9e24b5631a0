// Finds the Zam plugins the demo uses, through the same crash-safe scanner and catalogue the
// plugin browser uses: the catalogue merges formats and picks the preferred one (CLAP first).
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { catalogue } from "@loophole/pulse";
import type { DemoPlugin, DemoPlugins } from "./demo-song";

const BUNDLES = (name: string) => [`/usr/lib/clap/${name}.clap`, `/usr/lib/vst3/${name}.vst3`, `/usr/lib/lv2/${name}.lv2`];

export function findDemoPlugins(scannerPath: string): DemoPlugins {
  const paths = ["ZamComp", "ZamVerb"].flatMap(BUNDLES).filter((p) => existsSync(p));
  if (paths.length === 0 || !existsSync(scannerPath)) return {};
  const json = execFileSync(scannerPath, ["--json", ...paths], { encoding: "utf8", timeout: 300_000, stdio: ["ignore", "pipe", "ignore"] });
  const found = catalogue.PluginCatalogue.fromScan(catalogue.scannedFromJson(json));

  const pick = (name: string): DemoPlugin | undefined => {
    const plugin = found.plugins.find((p) => p.name === name);
    const variant = plugin && catalogue.preferredVariant(plugin);
    if (!variant || variant.format === "AU" || variant.format === "BuiltIn") return undefined;
    return { format: variant.format, uid: variant.uid, name };
  };
  return { compressor: pick("ZamComp"), reverb: pick("ZamVerb") };
}
