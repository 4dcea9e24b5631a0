// Bundles a Pulse benchmark and runs it in this process.
// Usage: node --expose-gc bench/pulse/run.mjs [entry.ts, default pulse-bench.ts]
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { runBundled } from "../run-bundled.mjs";

const here = dirname(fileURLToPath(import.meta.url));
await runBundled(join(here, process.argv[2] ?? "pulse-bench.ts"));
