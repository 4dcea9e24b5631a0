// Property tests: random operation sequences (valid and invalid) against undo/redo and derivation.
import fc from "fast-check";
import { step } from "./arbitraries";
import { afterAll, expect, test } from "vitest";
import { isPulseError, type Operation, type Project, type ProjectSession } from "../src/index";
import { smallSession } from "./helpers";

/** The project apart from its id counter, which undo deliberately leaves alone (nums are never reused). */
const content = (p: Project): Omit<Project, "nextNum"> => {
  const { nextNum: _n, ...rest } = p;
  return rest;
};

const tally = { ok: 0, rejected: {} as Record<string, number> };
// PULSE_TALLY=1 prints how many transactions were accepted and why others were rejected.
afterAll(() => { if (process.env.PULSE_TALLY) console.log("property tally", JSON.stringify(tally)); });

function applyOrSkip(s: ProjectSession, ops: Operation[], gesture?: string): boolean {
  const before = s.project;
  try {
    const r = s.apply(ops, gesture === undefined ? {} : { gesture });
    if (r.revision === 0 || s.project === before) return false; // nothing changed: no undo step either
    tally.ok++;
    return true;
  } catch (e) {
    if (!isPulseError(e)) throw e;
    tally.rejected[e.code] = (tally.rejected[e.code] ?? 0) + 1;
    expect(s.project).toBe(before); // a rejected transaction leaves nothing behind
    return false;
  }
}

test("undoing every step restores every earlier state, and redo replays them (property)", () => {
  fc.assert(fc.property(fc.array(step, { maxLength: 25 }), (steps) => {
    const s = smallSession();
    const initial = s.project;
    const initialGraph = s.deriveGraph().channels;
    for (const { ops, gesture } of steps) applyOrSkip(s, ops, gesture);
    const final = s.project;
    // undo(redo(x)) == x at every step on the way back
    while (s.canUndo && s.history().undo.length > 1) {
      const here = s.project;
      s.undo();
      const back = s.project;
      s.redo();
      expect(content(s.project)).toEqual(content(here));
      s.undo();
      expect(content(s.project)).toEqual(content(back));
    }
    s.undo(); // the setup step
    s.redo();
    expect(content(s.project)).toEqual(content(initial));
    expect(s.deriveGraph().channels).toEqual(initialGraph);
    while (s.canRedo) s.redo();
    expect(content(s.project)).toEqual(content(final));
  }), { numRuns: 150 });
});

test("the derived graph after undo equals the graph before the edit (property)", () => {
  fc.assert(fc.property(fc.array(step, { minLength: 1, maxLength: 15 }), (steps) => {
    const s = smallSession();
    for (const { ops } of steps) {
      const before = s.deriveGraph().channels;
      const projectBefore = s.project;
      if (!applyOrSkip(s, ops)) continue;
      s.endGesture();
      s.deriveGraph();
      s.undo();
      expect(content(s.project)).toEqual(content(projectBefore));
      expect(s.deriveGraph().channels).toEqual(before);
      s.redo();
    }
  }), { numRuns: 150 });
});

test("every accepted project is still valid as a whole and survives a save/load round trip of its JSON (property)", async () => {
  const { validateProject, serialise, parseProjectFile } = await import("../src/index");
  fc.assert(fc.property(fc.array(step, { maxLength: 20 }), (steps) => {
    const s = smallSession();
    for (const { ops } of steps) applyOrSkip(s, ops);
    validateProject(s.project);
    expect(parseProjectFile(serialise(s.project, "id", new Date(0))).project).toEqual(s.project);
  }), { numRuns: 100 });
});
