// One open project: the only way to change it (apply/undo/redo), the place observers subscribe,
// and the bridge to the engine (deriveGraph/diffSince) and to disk (save/load, journal, autosave).
// Every argument and result is plain data (or the contract's object-API graph types), so this
// class can move behind IPC without changing callers; see AsyncProjectService.
import "../history/immer";
import { applyPatches, produce, type Patch } from "immer";
import type { ipc } from "@loophole/contract";
import { createProject } from "../model/create";
import { deepFreeze } from "../model/freeze";
import { PulseError, type PulseErrorData } from "../model/errors";
import type { Project } from "../model/project";
import { applyOperations } from "../ops/apply";
import type { Environment } from "../ops/context";
import type { Operation } from "../ops/types";
import { changesFrom, type ChangeSet } from "../history/changes";
import { UndoStack, type HistoryEntry } from "../history/undo-stack";
import { GraphDeriver, diffGraphs, toSnapshot, type DerivedGraph } from "../derive/deriver";
import { isStreamable, parameterChangeOf } from "../derive/parameters";
import { findMissing, validateProject } from "../validate/project";
import { Autosaver, autosavePath, type AutosaveOptions } from "../files/autosave";
import { Journal, journalPath, readJournal } from "../files/journal";
import { loadProjectFile, saveProjectFile } from "../files/project-file";
import { recoverProject } from "../files/recovery";
import { nodeFileSystem, type FileSystem } from "../files/file-system";

export interface SessionOptions {
  readonly env?: Environment;
  /** Engine sample rate that positions are resolved for. */
  readonly sampleRate?: number;
  /** Backups kept next to the project file on save (<file>.bak1 ..). */
  readonly backups?: number;
  /** Journal every commit to <file>.journal (fsynced before apply returns). Needs a path. */
  readonly journal?: boolean;
  /** Autosave to <file>.autosave; false = off. Needs a path. */
  readonly autosave?: AutosaveOptions | false;
  /** Undo steps kept. */
  readonly historyLimit?: number;
  /** Past revisions kept for diffSince (default 32; each costs one copy of the track Map, ~40 KB at 1,000 tracks). */
  readonly revisionsKept?: number;
  /** File system for saves, journal and autosave; default node:fs (tests inject faults). */
  readonly fileSystem?: FileSystem;
}

export interface ApplyOptions {
  readonly label?: string;
  /** Commits with the same gesture id, one after the other, form one undo step. */
  readonly gesture?: string;
}

export interface CommitResult {
  readonly revision: number;
  readonly changes: ChangeSet;
}

export type CommitCause = "apply" | "undo" | "redo" | "load";

export interface CommitEvent extends CommitResult {
  readonly cause: CommitCause;
  readonly label: string;
}

export type Listener = (event: CommitEvent) => void;

const GRAPHS_KEPT = 8;

const WHOLE: ChangeSet = { added: [], changed: [{ kind: "order" }, { kind: "tempo" }, { kind: "meta" }, { kind: "loop" }], removed: [] };

/** Starting a new journal over one with changes after this save would throw those changes away. */
function refuseUnrecoveredJournal(path: string, saveId: string, fs: FileSystem): void {
  const j = readJournal(journalPath(path), fs);
  if (j && j.header.saveId === saveId && j.entries.length > 0)
    throw new PulseError("InvalidOperation", `"${path}" has ${j.entries.length} change(s) from a session that did not close cleanly; open it with ProjectSession.recover to keep them.`, ["path"]);
}

export class ProjectSession {
  private current: Project;
  private rev = 0;
  private readonly undoStack: UndoStack;
  private readonly listeners = new Set<Listener>();
  private readonly revisions = new Map<number, Project>();
  private readonly graphs = new Map<number, DerivedGraph>();
  private deriver: GraphDeriver;
  private filePath: string | null = null;
  private saveId: string | null = null;
  private journal: Journal | null = null;
  private autosaver: Autosaver | null = null;

  private constructor(project: Project, private readonly opts: SessionOptions) {
    this.current = deepFreeze(project);
    this.undoStack = new UndoStack(opts.historyLimit ?? 1000);
    this.deriver = new GraphDeriver(opts.sampleRate ?? 48_000, opts.env?.media);
    this.remember();
  }

  /** A new, unsaved project held in memory: empty, or a given one (e.g. an import), which is
   *  validated as a whole first. */
  static create(opts: SessionOptions & { project?: Project; title?: string } = {}): ProjectSession {
    if (opts.project) validateProject(opts.project);
    return new ProjectSession(opts.project ?? createProject({ title: opts.title ?? "Untitled" }), opts);
  }

  /** Opens a saved project (read-only on the file). */
  static async open(path: string, opts: SessionOptions = {}): Promise<ProjectSession> {
    const loaded = await loadProjectFile(path, opts.fileSystem);
    if (opts.journal) refuseUnrecoveredJournal(path, loaded.saveId, opts.fileSystem ?? nodeFileSystem);
    const s = new ProjectSession(loaded.project, opts);
    await s.attach(path, loaded.saveId);
    return s;
  }

  /** Opens a project after a crash: last save + journal, or a newer autosave. */
  static async recover(path: string, opts: SessionOptions = {}): Promise<{ session: ProjectSession; source: string; replayed: number }> {
    const r = await recoverProject(path, opts.fileSystem);
    const s = new ProjectSession(r.project, opts);
    // The recovered state is not saved yet; journal from a fresh save so nothing is lost twice.
    await s.attach(path, r.saveId);
    if (r.source !== "file") await s.save();
    return { session: s, source: r.source, replayed: r.replayed };
  }

  get project(): Project { return this.current; }
  get revision(): number { return this.rev; }
  get path(): string | null { return this.filePath; }
  get canUndo(): boolean { return this.undoStack.canUndo; }
  get canRedo(): boolean { return this.undoStack.canRedo; }

  /** Applies `ops` as one transaction. Throws a PulseError and changes nothing if any op is rejected. */
  apply(ops: readonly Operation[], options: ApplyOptions = {}): CommitResult {
    const applied = applyOperations(this.current, ops, this.opts.env ?? {});
    const label = options.label ?? (ops[0]?.op ?? "Edit");
    if (applied.patches.length === 0) return { revision: this.rev, changes: { added: [], changed: [], removed: [] } };
    this.journalEntry("apply", label, applied.patches);
    this.undoStack.push(label, options.gesture ?? null, applied.patches, applied.inverse, this.rev + 1);
    return this.commit(applied.project, applied.patches, "apply", label);
  }

  /** Like apply, but reports a rejection as data instead of throwing (for IPC callers). */
  tryApply(ops: readonly Operation[], options: ApplyOptions = {}): { ok: true; result: CommitResult } | { ok: false; error: PulseErrorData } {
    try {
      return { ok: true, result: this.apply(ops, options) };
    } catch (e) {
      if (e instanceof PulseError) return { ok: false, error: e.toData() };
      throw e;
    }
  }

  /** Ends the current gesture: the next commit starts a new undo step even with the same gesture id. */
  endGesture(): void { this.undoStack.endGesture(); }

  undo(): CommitResult {
    const step = this.undoStack.takeUndo();
    if (!step) throw new PulseError("NothingToUndo", "There is nothing to undo.", []);
    try {
      const next = applyPatches(this.current, step.inverse);
      this.journalEntry("undo", step.label, step.inverse);
      return this.commit(next, step.inverse, "undo", step.label);
    } catch (e) {
      this.undoStack.restoreUndo(step);
      throw e;
    }
  }

  redo(): CommitResult {
    const step = this.undoStack.takeRedo();
    if (!step) throw new PulseError("NothingToRedo", "There is nothing to redo.", []);
    try {
      const next = applyPatches(this.current, step.patches);
      this.journalEntry("redo", step.label, step.patches);
      return this.commit(next, step.patches, "redo", step.label);
    } catch (e) {
      this.undoStack.restoreRedo(step);
      throw e;
    }
  }

  history(): { undo: HistoryEntry[]; redo: HistoryEntry[] } { return this.undoStack.entries(); }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The whole engine graph at the current revision. */
  deriveGraph(): ipc.GraphSnapshotT {
    return toSnapshot(this.derived());
  }

  /** The engine parameter changes `ops` would make, in order, worked out without committing them
   *  (a gesture streams them while its commits are coalesced, see derive/parameters.ts); null when
   *  any op is more than a mixer move. Throws the PulseError that applying them would throw. */
  parameterChangesOf(ops: readonly Operation[]): ipc.SetParameterT[] | null {
    if (!ops.every(isStreamable)) return null;
    const out: ipc.SetParameterT[] = [];
    ops.forEach((op, i) => { const c = parameterChangeOf(this.current, op, ["ops", i]); if (c) out.push(c); });
    return out;
  }

  /** The minimal channel-level change from `revision` to now. */
  diffSince(revision: number): ipc.GraphDiffT {
    const to = this.derived();
    let from = this.graphs.get(revision);
    if (!from) {
      const old = this.revisions.get(revision);
      if (!old) throw new PulseError("RevisionUnavailable", `Revision ${revision} is too old to diff against; load a full snapshot instead.`, ["revision"]);
      from = new GraphDeriver(this.deriver.sampleRate, this.opts.env?.media).derive(old, revision);
    }
    return diffGraphs(from, to);
  }

  /** The media gate's verdicts changed (a folder allowed, files relinked): the engine graph of the
   *  current revision is derived again; a diff from an older revision then carries the clips that
   *  became readable or unreadable. */
  mediaChanged(): void {
    this.deriver = new GraphDeriver(this.deriver.sampleRate, this.opts.env?.media);
    this.graphs.delete(this.rev);
  }

  /** Plugins not in the catalogue and audio files that are gone. */
  missing(): PulseErrorData[] { return findMissing(this.current, this.opts.env ?? {}); }

  /** Saves atomically to `path` (or where it was opened/saved before), keeping backups. */
  async save(path?: string): Promise<void> {
    const target = path ?? this.filePath;
    if (!target) throw new PulseError("InvalidOperation", "This project has no file yet; pass a path to save it.", ["path"]);
    // `modified` is stamped by saving; it is not an undoable edit.
    const base = this.current;
    const project = produce(base, (d) => { d.meta.modified = new Date().toISOString(); });
    const { saveId } = await saveProjectFile(target, project, this.opts.backups ?? 3, this.fs);
    if (this.current === base) { // no edit landed while writing
      this.current = project;
      this.revisions.set(this.rev, project);
    }
    if (target !== this.filePath) await this.attach(target, saveId);
    else await this.restartJournal(saveId);
    this.autosaver?.markClean();
  }

  /** Replaces the project with the one in `path`; history starts over. */
  async load(path: string): Promise<void> {
    const loaded = await loadProjectFile(path, this.fs);
    if (this.opts.journal) refuseUnrecoveredJournal(path, loaded.saveId, this.fs);
    this.undoStack.clear();
    await this.attach(path, loaded.saveId);
    this.commit(loaded.project, null, "load", "Load");
  }

  /** Stops timers and closes the journal. */
  async close(): Promise<void> {
    await this.autosaver?.flush();
    this.autosaver?.dispose();
    this.journal?.close();
    this.autosaver = null;
    this.journal = null;
  }

  private async attach(path: string, saveId: string): Promise<void> {
    this.filePath = path;
    await this.restartJournal(saveId);
    if (this.opts.autosave !== false && this.opts.autosave !== undefined && !this.autosaver)
      this.autosaver = new Autosaver(autosavePath(path), () => this.current, { fileSystem: this.fs, ...this.opts.autosave });
  }

  private async restartJournal(saveId: string): Promise<void> {
    this.saveId = saveId;
    if (!this.opts.journal || !this.filePath) return;
    this.journal?.close();
    this.journal = await Journal.start(journalPath(this.filePath), saveId, this.fs);
  }

  private journalEntry(kind: "apply" | "undo" | "redo", label: string, patches: Patch[]): void {
    this.journal?.append({ revision: this.rev + 1, kind, label, patches });
  }

  private commit(next: Project, patches: Patch[] | null, cause: CommitCause, label: string): CommitResult {
    this.current = next;
    this.rev++;
    this.remember();
    this.autosaver?.notify();
    const changes = patches ? changesFrom(patches) : WHOLE;
    const event: CommitEvent = { revision: this.rev, changes, cause, label };
    for (const l of this.listeners) {
      try { l(event); } catch { /* a failing observer must not undo a commit */ }
    }
    return { revision: this.rev, changes };
  }

  private remember(): void {
    this.revisions.set(this.rev, this.current);
    const keep = this.opts.revisionsKept ?? 32;
    if (this.revisions.size > keep) {
      const oldest = this.revisions.keys().next().value as number;
      this.revisions.delete(oldest);
    }
  }

  private get fs(): FileSystem { return this.opts.fileSystem ?? nodeFileSystem; }

  private derived(): DerivedGraph {
    const have = this.graphs.get(this.rev);
    if (have) return have;
    const g = this.deriver.derive(this.current, this.rev);
    this.graphs.set(this.rev, g);
    // The engine holds one of the recently derived graphs; keep a few, however many commits
    // happened since (a graph shares its channels with the next, so each costs little).
    if (this.graphs.size > GRAPHS_KEPT) this.graphs.delete(this.graphs.keys().next().value as number);
    return g;
  }
}
