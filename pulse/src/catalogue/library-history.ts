// Undo/redo for the user library. Deliberately independent of the project's transactions: organising plugins
// is not an edit of any song, and must not appear in (or be lost with) a project's undo stack.
import { applyLibraryOperations, type LibraryOperation } from "./library-operations";
import type { UserLibrary } from "./library";

interface Step {
  label: string;
  operations: LibraryOperation[];
  inverse: LibraryOperation[];
}

export class LibraryHistory {
  private readonly done: Step[] = [];
  private undone: Step[] = [];
  private current: UserLibrary;

  constructor(library: UserLibrary, private readonly limit = 500) {
    this.current = library;
  }

  get library(): UserLibrary {
    return this.current;
  }

  /** One undo step, applied all or nothing; a failing operation throws and changes nothing. */
  apply(operations: LibraryOperation | readonly LibraryOperation[], label = ""): UserLibrary {
    const list = Array.isArray(operations) ? [...operations] : [operations as LibraryOperation];
    const result = applyLibraryOperations(this.current, list);
    this.current = result.library;
    this.done.push({ label, operations: list, inverse: result.inverse });
    if (this.done.length > this.limit) this.done.shift();
    this.undone = [];
    return this.current;
  }

  get canUndo(): boolean {
    return this.done.length > 0;
  }

  get canRedo(): boolean {
    return this.undone.length > 0;
  }

  get undoLabel(): string | undefined {
    return this.done.at(-1)?.label;
  }

  get redoLabel(): string | undefined {
    return this.undone.at(-1)?.label;
  }

  undo(): boolean {
    const step = this.done.pop();
    if (!step) return false;
    this.current = applyLibraryOperations(this.current, step.inverse).library;
    this.undone.push(step);
    return true;
  }

  redo(): boolean {
    const step = this.undone.pop();
    if (!step) return false;
    const result = applyLibraryOperations(this.current, step.operations);
    this.current = result.library;
    this.done.push({ ...step, inverse: result.inverse });
    return true;
  }
}
