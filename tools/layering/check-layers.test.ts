import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error plain ESM script without type declarations
import { checkLayers } from "./check-layers.mjs";

function treeWith(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "layers-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe("layering lint", () => {
  it("accepts imports that go downward", () => {
    const root = treeWith({
      "aura/src/a.ts": `import { x } from "@loophole/pulse";\nimport { ipc } from "@loophole/contract";\nimport { TempoIndex } from "@loophole/pulse/time";`,
      "pulse/src/p.ts": `import { ipc } from "@loophole/contract";\nimport { y } from "./q";`,
      "pulse/src/q.ts": `export const y = 1;`,
      "signal/server/Server.cpp": `#include "control/Engine.h"\n#include "PluginHost.h"`,
      "signal/engine/control/Engine.h": `#include "loophole/contract/Framing.h"`,
      "signal/plugins/PluginHost.h": `#include "rt/graph/InsertProcessor.h"`,
      "signal/engine/rt/graph/InsertProcessor.h": ``,
    });
    expect(checkLayers(root)).toEqual([]);
  });

  it("refuses pulse importing aura, by package or by path", () => {
    const root = treeWith({
      "pulse/src/p.ts": `import { ui } from "@loophole/aura";\nimport { z } from "../../aura/src/z";`,
      "aura/src/z.ts": `export const z = 1;`,
    });
    const problems = checkLayers(root);
    expect(problems).toHaveLength(2);
    expect(problems.every((p: string) => p.includes("pulse may not import aura"))).toBe(true);
  });

  it("refuses TS reaching into signal and deep imports past an entry point", () => {
    const root = treeWith({
      "aura/src/a.ts": `import "../../signal/server/thing";\nimport { m } from "@loophole/pulse/src/model";\nimport { t } from "@loophole/pulse/src/time/tempo-index";`,
    });
    const problems = checkLayers(root);
    expect(problems.some((p: string) => p.includes("reaches into signal/"))).toBe(true);
    expect(problems.filter((p: string) => p.includes("past the package entry point"))).toHaveLength(2);
  });

  it("refuses bypassing the generated contract", () => {
    const root = treeWith({
      "aura/src/raw.ts": `import * as flatbuffers from "flatbuffers";`,
      "signal/server/Raw.cpp": `#include <flatbuffers/flatbuffers.h>`,
      "pulse/own.fbs": `table Mine {}`,
    });
    const problems = checkLayers(root);
    expect(problems).toHaveLength(3);
  });

  it("refuses the engine including the server or plugin hosting", () => {
    const root = treeWith({
      "signal/engine/rt/Bad.cpp": `#include "PluginHost.h"\n#include "ipc/Server.h"`,
      "signal/plugins/PluginHost.h": ``,
      "signal/server/ipc/Server.h": ``,
    });
    const problems = checkLayers(root);
    expect(problems).toEqual([
      "signal/engine/rt/Bad.cpp: engine may not include plugins ('PluginHost.h')",
      "signal/engine/rt/Bad.cpp: engine may not include server ('ipc/Server.h')",
    ]);
  });
});
