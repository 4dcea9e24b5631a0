// Builds the renderer bundle (one JS file plus the static page) with esbuild, so the served UI always
// matches the source it was started from.
import { build } from "esbuild";
import { copyFile, mkdir } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
/** aura/src/renderer, from source (src/main) or from the bundle (dist/main). */
export const rendererSource = [resolve(here, "../renderer"), resolve(here, "../../src/renderer")];

export async function buildRenderer(outDir: string, options: { entry?: string; minify?: boolean } = {}): Promise<string> {
  const { existsSync } = await import("node:fs");
  const source = rendererSource.find((dir) => existsSync(join(dir, options.entry ?? "main.ts")));
  if (!source) throw new Error(`renderer sources not found (looked in ${rendererSource.join(", ")})`);
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
