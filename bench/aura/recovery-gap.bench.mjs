#!/usr/bin/env node
// Signal restart gap: kill -9 of the real loophole-signal while it plays, to the first telemetry that
// shows the transport playing again at the same position (Aura's supervisor: restart, graph replay,
// resume). Printed as the median of several kills against a baseline measured in the same run: the
// cold start of loophole-signal alone (spawn, ready line, connect, handshake) under the same supervisor.
// Usage: node bench/aura/recovery-gap.bench.mjs [--kills 5] [--signal path/to/loophole-signal]
import { build } from "esbuild";
import { mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
// Inside the checkout: Aura's main process loads esbuild from node_modules at run time.
const outDir = join(root, "test-artifacts/bench", `recovery-gap-${process.pid}`);
mkdirSync(outDir, { recursive: true });
const out = join(outDir, "bench.mjs");
await build({
  entryPoints: [join(root, "bench/aura/recovery-gap-harness.ts")], bundle: true, platform: "node", format: "esm", target: "node20",
  outfile: out, logLevel: "warning",
  banner: { js: "import { createRequire as createRequireForBundle } from 'node:module'; const require = createRequireForBundle(import.meta.url);" },
});
try {
  const { run } = await import(pathToFileURL(out).href);
  const arg = (name) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : undefined; };
  await run({ kills: Number(arg("--kills") ?? 5), signalPath: arg("--signal") });
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
