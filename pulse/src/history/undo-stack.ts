// Labelled undo/redo steps made of immer patches. Consecutive commits with the same gesture id
// (a fader drag's stream of setGain) merge into one step until the gesture ends or anything else
// happens. The nextNum counter is left out of the patches: undo must not hand engine ids out again.
import type { Patch } from "immer";

export interface Step {
  readonly label: string;
  readonly gesture: string | null;
  patches: Patch[];
  inverse: Patch[];
  /** Project revision right after this step. */
  revision: number;
}

export interface HistoryEntry {
  readonly label: string;
  readonly revision: number;
}

const bookkeeping = (p: Patch): boolean => p.path[0] !== "nextNum";

const onlyReplaces = (ps: readonly Patch[]): boolean => ps.every((p) => p.op === "replace");
const pathKey = (p: Patch): string => JSON.stringify(p.path);

/** Where each path sits in a step's patch list; kept per list so a long drag keys each commit once. */
const pathIndex = new WeakMap<readonly Patch[], Map<string, number>>();

/** The step's replaces with newer values, when the commit only re-sets paths the step already sets
 *  (one fader dragged, or several dragged together in one gesture); null otherwise. */
function withNewerValues(step: readonly Patch[], commit: readonly Patch[]): Patch[] | null {
  if (!onlyReplaces(commit) || !onlyReplaces(step)) return null;
  const index = pathIndex.get(step) ?? new Map(step.map((p, i) => [pathKey(p), i]));
  const out = [...step];
  for (const p of commit) {
    const i = index.get(pathKey(p));
    if (i === undefined) return null;
    out[i] = p;
  }
  pathIndex.set(out, index); // same paths at the same places
  return out;
}

export class UndoStack {
  private readonly done: Step[] = [];
  private readonly undone: Step[] = [];
  /** Gesture of the top step while it may still absorb commits. */
  private openGesture: string | null = null;

  constructor(private readonly limit = 1000) {}

  push(label: string, gesture: string | null, patches: Patch[], inverse: Patch[], revision: number): "new" | "merged" {
    this.undone.length = 0;
    const fwd = patches.filter(bookkeeping);
    const back = inverse.filter(bookkeeping);
    const top = this.done[this.done.length - 1];
    if (gesture !== null && top && this.openGesture === gesture) {
      const newer = withNewerValues(top.patches, fwd);
      if (newer) {
        // A drag re-setting values it set before: keep the newest forward values and the oldest
        // inverse ones, so a long gesture costs no more memory than one step.
        top.patches = newer;
      } else {
        top.patches = [...top.patches, ...fwd];
        top.inverse = [...back, ...top.inverse];
      }
      top.revision = revision;
      return "merged";
    }
    this.done.push({ label, gesture, patches: fwd, inverse: back, revision });
    if (this.done.length > this.limit) this.done.shift();
    this.openGesture = gesture;
    return "new";
  }

  endGesture(): void {
    this.openGesture = null;
  }

  takeUndo(): Step | undefined {
    this.openGesture = null;
    const s = this.done.pop();
    if (s) this.undone.push(s);
    return s;
  }

  takeRedo(): Step | undefined {
    this.openGesture = null;
    const s = this.undone.pop();
    if (s) this.done.push(s);
    return s;
  }

  /** Puts a step back where it came from when replaying it failed. */
  restoreUndo(s: Step): void { this.undone.pop(); this.done.push(s); }
  restoreRedo(s: Step): void { this.done.pop(); this.undone.push(s); }

  get canUndo(): boolean { return this.done.length > 0; }
  get canRedo(): boolean { return this.undone.length > 0; }

  entries(): { undo: HistoryEntry[]; redo: HistoryEntry[] } {
    const e = (s: Step): HistoryEntry => ({ label: s.label, revision: s.revision });
    return { undo: this.done.map(e), redo: [...this.undone].reverse().map(e) };
  }

  clear(): void {
    this.done.length = 0;
    this.undone.length = 0;
    this.openGesture = null;
  }
}
