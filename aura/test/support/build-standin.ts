// Bundles the stand-in engine into one executable JS file for the supervisor tests.
import { build } from "esbuild";
import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export async function buildStandinSignal(extraArgs: string[] = []): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "aura-standin-"));
  const script = join(dir, "standin.mjs");
  await build({ entryPoints: [join(import.meta.dirname, "standin-signal.ts")], bundle: true, platform: "node", format: "esm", outfile: script, logLevel: "silent" });
  const launcher = join(dir, "loophole-signal");
  writeFileSync(launcher, `#!/bin/sh\nexec ${process.execPath} ${script} "$@" ${extraArgs.map((a) => `'${a}'`).join(" ")}\n`);
  chmodSync(launcher, 0o755);
  return launcher;
}
