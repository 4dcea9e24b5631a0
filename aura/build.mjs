// Bundles Aura: the main process for node (`./loophole start` runs dist/main/cli.js) and the renderer
// for the browser (dist/renderer). The main process also rebuilds the renderer itself at start-up.
import { build } from "esbuild";
import { copyFile, mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
await build({
  entryPoints: [join(here, "src/main/cli.ts")],
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  outfile: join(here, "dist/main/cli.js"),
  // Packages with their own runtime files stay external and load from node_modules.
  external: ["ws", "esbuild", "immer", "node-wav"],
  sourcemap: true,
});
const rendererOut = join(here, "dist/renderer");
await mkdir(rendererOut, { recursive: true });
await build({
  entryPoints: [join(here, "src/renderer/main.ts")],
  bundle: true,
  format: "esm",
  target: "chrome110",
  outfile: join(rendererOut, "renderer.js"),
  sourcemap: true,
});
for (const file of ["index.html", "styles.css"]) await copyFile(join(here, "src/renderer", file), join(rendererOut, file));
console.log("aura: built dist/main/cli.js and dist/renderer/");
