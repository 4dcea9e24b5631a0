// Bundles the Pulse benchmark with esbuild (a root devDependency) and runs it in this process.
// Usage: node --expose-gc bench/pulse/run.mjs [entry.ts, default pulse-bench.ts]
import { build } from "esbuild";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(mkdtempSync(join(tmpdir(), "pulse-bench-build-")), "bench.mjs");
await build({
  entryPoints: [join(here, process.argv[2] ?? "pulse-bench.ts")], bundle: true, platform: "node", format: "esm", target: "node20",
  outfile: out, logLevel: "warning",
  banner: { js: "import { createRequire as createRequireForBundle } from 'node:module'; const require = createRequireForBundle(import.meta.url);" },
});
try {
  await import(pathToFileURL(out).href);
} finally {
  rmSync(dirname(out), { recursive: true, force: true });
}
