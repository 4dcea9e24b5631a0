#!/usr/bin/env node
// Runs param-load.ts (bundled by bench/run-bundled.mjs): mixer changes from Pulse
// commits into the real Signal, per-commit graph diffs vs per-change frames vs per-tick batches vs
// Aura's streamed value moves (net effect committed once a turn), unjournalled and journalled.
// Usage: node bench/aura/param-load.bench.mjs [--changes 20000] [--baseline-changes 2000]
//        (LOOPHOLE_SIGNAL or LOOPHOLE_BUILD_DIR pick the engine; default build/)
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { runBundled } from "../run-bundled.mjs";

await runBundled(join(dirname(fileURLToPath(import.meta.url)), "param-load.ts"));
