#!/usr/bin/env node
// Runs param-load.ts (bundled with esbuild, as bench/pulse/run.mjs does): mixer changes from Pulse
// commits into the real Signal, per-commit graph diffs vs per-change frames vs per-tick batches.
// Usage: node bench/aura/param-load.bench.mjs [--changes 20000] [--baseline-changes 2000]
//        (LOOPHOLE_SIGNAL or LOOPHOLE_BUILD_DIR pick the engine; default build/)
import { build } from "esbuild";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(mkdtempSync(join(tmpdir(), "param-load-bench-build-")), "bench.mjs");
await build({
  entryPoints: [join(here, "param-load.ts")], bundle: true, platform: "node", format: "esm", target: "node20",
  outfile: out, logLevel: "warning",
  banner: { js: "import { createRequire as createRequireForBundle } from 'node:module'; const require = createRequireForBundle(import.meta.url);" },
});
try {
  await import(pathToFileURL(out).href);
} finally {
  rmSync(dirname(out), { recursive: true, force: true });
}
