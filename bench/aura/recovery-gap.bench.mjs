#!/usr/bin/env node
// Signal restart gap: kill -9 of the real loophole-signal while it plays, to the first telemetry that
// shows the transport playing again at the same position (Aura's supervisor: restart, graph replay,
// resume). Printed as the median of several kills against a baseline measured in the same run: the
// cold start of loophole-signal alone (spawn, ready line, connect, handshake) under the same supervisor.
// Usage: node bench/aura/recovery-gap.bench.mjs [--kills 5] [--signal path/to/loophole-signal]
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { runBundled } from "../run-bundled.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const arg = (name) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : undefined; };
// Inside the checkout: Aura's main process loads esbuild from node_modules at run time.
await runBundled(join(root, "bench/aura/recovery-gap-harness.ts"),
  ({ run }) => run({ kills: Number(arg("--kills") ?? 5), signalPath: arg("--signal") }),
  { outDir: join(root, "test-artifacts/bench", `recovery-gap-${process.pid}`) });
