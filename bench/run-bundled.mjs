// Bundles a TypeScript bench entry with esbuild (a root devDependency), imports it, hands its exports
// to `use`, and removes the bundle afterwards. Benches run the workspaces' TS sources this way,
// without a build step. `outDir` defaults to a temp folder; pass one inside the checkout when the
// bundle must resolve node_modules at run time.
import { build } from "esbuild";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

export async function runBundled(entry, use = async () => {}, { outDir } = {}) {
  const dir = outDir ?? mkdtempSync(join(tmpdir(), "loophole-bench-"));
  mkdirSync(dir, { recursive: true });
  const out = join(dir, "bench.mjs");
  await build({
    entryPoints: [entry], bundle: true, platform: "node", format: "esm", target: "node20",
    outfile: out, logLevel: "warning",
    banner: { js: "import { createRequire as createRequireForBundle } from 'node:module'; const require = createRequireForBundle(import.meta.url);" },
  });
  try {
    await use(await import(pathToFileURL(out).href));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
