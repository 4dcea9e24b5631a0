// Where the checkout and its build live, whether Aura runs from source (vitest), from aura/dist or
// from the bundle `./loophole` writes to build/aura: LOOPHOLE_ROOT / LOOPHOLE_BUILD_DIR when the
// entry script set them, else the nearest folder above this file that holds aura/src/renderer.
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export function checkoutRoot(): string {
  const fromEnv = process.env.LOOPHOLE_ROOT;
  if (fromEnv && existsSync(join(fromEnv, "aura/src/renderer"))) return resolve(fromEnv);
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, "aura/src/renderer/main.ts"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error("cannot find the Loophole checkout (set LOOPHOLE_ROOT)");
    dir = parent;
  }
}

export function buildDir(): string {
  return process.env.LOOPHOLE_BUILD_DIR ? resolve(process.env.LOOPHOLE_BUILD_DIR) : join(checkoutRoot(), "build");
}
