// Builds the renderer bundle (one JS file plus the static page) with esbuild, so the served UI always
// matches the source it was started from.
import type * as Esbuild from "esbuild";
import { copyFile, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { checkoutRoot } from "./checkout";

export async function buildRenderer(outDir: string, options: { entry?: string; minify?: boolean } = {}): Promise<string> {
  const source = join(checkoutRoot(), "aura/src/renderer");
  // Loaded at run time from node_modules, never bundled into the CLI: esbuild finds its native binary
  // relative to its own package.
  const packageName = "esbuild";
  const { build } = (await import(packageName)) as typeof Esbuild;
  await mkdir(outDir, { recursive: true });
  await build({
    entryPoints: [join(source, options.entry ?? "main.ts")],
    bundle: true,
    format: "esm",
    target: "chrome110",
    outfile: join(outDir, "renderer.js"),
    sourcemap: true,
    minify: options.minify ?? false,
    logLevel: "silent",
  });
  await copyFile(join(source, "index.html"), join(outDir, "index.html"));
  await copyFile(join(source, "styles.css"), join(outDir, "styles.css"));
  return outDir;
}
