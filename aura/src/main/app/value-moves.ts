// Fader drags, pan knobs and send levels arrive from the renderer thousands of times a second,
// each an edit with a gesture id. Committing each one (an immer transaction, a journal fsync, a
// graph diff) caps a session at a few thousand a second; instead the write queue hands a burst of
// them to one write, which sends every value to the engine in order at once (the engine hears the
// whole movement) and commits only the net effect, one undoable step per gesture.
import type { Edit } from "../../channels";
import type { EngineSync } from "../engine/engine-sync";
import { isValueMoveEdit, type ProjectPort } from "../project/project-port";
import type { BatchWrite } from "./write-queue";

export interface ValueMove {
  readonly edit: Edit;
  readonly gesture: string;
}

/** A value move may take the streamed path only as part of a gesture; a lone edit is committed as it comes. */
export function isValueMove(edit: unknown, gesture: unknown): boolean {
  return typeof gesture === "string" && isValueMoveEdit(edit);
}

export function valueMoveWriter(project: ProjectPort, engine: EngineSync): BatchWrite<ValueMove> {
  return (moves) => {
    const outcomes: (Error | undefined)[] = moves.map(() => undefined);
    const accepted: number[] = [];
    const changes = [];
    for (let i = 0; i < moves.length; i++) {
      try {
        changes.push(...(project.streamedChanges(moves[i]!.edit) ?? []));
        accepted.push(i);
      } catch (error) {
        outcomes[i] = error as Error; // refused alone, as it would have been on its own
      }
    }
    if (accepted.length === 0) return outcomes;
    void engine.streamAhead(changes);
    // One commit per run of one gesture, so each gesture stays its own undo step.
    for (let from = 0; from < accepted.length;) {
      let to = from + 1;
      while (to < accepted.length && moves[accepted[to]!]!.gesture === moves[accepted[from]!]!.gesture) to++;
      const run = accepted.slice(from, to);
      try {
        project.commitMoves(run.map((i) => moves[i]!.edit), moves[run[0]!]!.gesture);
      } catch (error) {
        // Not committed (e.g. the journal could not be written): the engine has values the model
        // does not, so it goes back to the model's state, and these moves are refused.
        for (const i of accepted.slice(from)) outcomes[i] = error as Error;
        void engine.resync();
        break;
      }
      from = to;
    }
    return outcomes;
  };
}
