// The layers of Loophole and what each may depend on. Code may only depend downward:
//   aura -> pulse -> contract          (TypeScript, by package entry point only)
//   signal/server -> signal/sandbox -> signal/plugins -> signal/engine -> contract   (C++)
// Nothing outside chorus/ipc defines wire types, and only contract/ touches FlatBuffers
// directly, so nobody can bypass the generated contract code.
export const layers = [
  { name: "contract-ts", dir: "contract/ts", mayImport: [] },
  { name: "pulse", dir: "pulse", mayImport: ["contract-ts"] },
  { name: "aura", dir: "aura", mayImport: ["pulse", "contract-ts"] },
  { name: "contract-cpp", dir: "contract/cpp", mayImport: [] },
  { name: "rtcheck", dir: "signal/rtcheck", mayImport: [] },
  { name: "engine", dir: "signal/engine", mayImport: ["contract-cpp", "rtcheck"] },
  { name: "plugins", dir: "signal/plugins", mayImport: ["engine", "contract-cpp", "rtcheck"] },
  { name: "sandbox", dir: "signal/sandbox", mayImport: ["plugins", "engine", "contract-cpp", "rtcheck"] },
  { name: "server", dir: "signal/server", mayImport: ["sandbox", "plugins", "engine", "contract-cpp", "rtcheck"] },
  { name: "bench", dir: "bench", mayImport: ["engine", "plugins", "sandbox", "server", "contract-cpp", "rtcheck", "aura", "pulse", "contract-ts"] },
];

/** npm package names of the TS layers; deep imports past the entry points are refused. */
export const packages = { "@loophole/contract": "contract-ts", "@loophole/pulse": "pulse", "@loophole/aura": "aura" };

/** Entry points besides a package's main one (its package.json "exports"): code safe in a browser,
 *  for Aura's renderer, which cannot load the main entry (it pulls in node:fs). */
export const extraEntryPoints = ["@loophole/pulse/time"];

/** Folders whose headers C++ code includes by a path relative to the folder. */
export const includeRoots = [
  { dir: "contract/cpp/include", layer: "contract-cpp" },
  { dir: "signal/rtcheck", layer: "rtcheck" },
  { dir: "signal/engine", layer: "engine" },
  { dir: "signal/plugins", layer: "plugins" },
  { dir: "signal/sandbox", layer: "sandbox" },
  { dir: "signal/server", layer: "server" },
];
