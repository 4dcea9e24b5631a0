// Property: whatever sequence of edits, undos and redos happened, the last save plus the journal
// recovers exactly the state the session had when it "crashed".
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { expect, test } from "vitest";
import { isPulseError, recoverProject } from "../src/index";
import { smallSession } from "./helpers";
import { step } from "./arbitraries";

const action = fc.oneof({ weight: 4, arbitrary: step.map((s) => ({ kind: "apply" as const, ...s })) },
  { weight: 1, arbitrary: fc.constant({ kind: "undo" as const }) }, { weight: 1, arbitrary: fc.constant({ kind: "redo" as const }) });

test("save + journal recovers the exact state after any edits, undos and redos (property)", async () => {
  await fc.assert(fc.asyncProperty(fc.array(action, { maxLength: 15 }), async (actions) => {
    const dir = mkdtempSync(join(tmpdir(), "pulse-journal-"));
    try {
      const file = join(dir, "p.lphl");
      const s = smallSession({ journal: true });
      await s.save(file);
      for (const a of actions) {
        try {
          if (a.kind === "apply") s.apply(a.ops, a.gesture === undefined ? {} : { gesture: a.gesture });
          else if (a.kind === "undo") s.undo();
          else s.redo();
        } catch (e) {
          if (!isPulseError(e)) throw e;
        }
      }
      const r = await recoverProject(file);
      expect(r.project).toEqual(s.project);
      await s.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }), { numRuns: 25 });
});
