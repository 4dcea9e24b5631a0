// The asynchronous face of a project session, the shape Pulse keeps when it moves into its own
// process: every call takes and returns plain data (graphs as the contract's object-API types,
// which encode straight into frames). Rejections come back as data, never as thrown errors.
import type { ipc } from "@loophole/contract";
import type { PulseErrorData } from "../model/errors";
import { PulseError } from "../model/errors";
import type { Project } from "../model/project";
import type { HistoryEntry } from "../history/undo-stack";
import type { Operation } from "../ops/types";
import type { ApplyOptions, CommitResult, Listener, ProjectSession } from "./project-session";

export type Result<T> = { ok: true; value: T } | { ok: false; error: PulseErrorData };

export interface ProjectService {
  project(): Promise<Project>;
  apply(ops: Operation[], options?: ApplyOptions): Promise<Result<CommitResult>>;
  undo(): Promise<Result<CommitResult>>;
  redo(): Promise<Result<CommitResult>>;
  history(): Promise<{ undo: HistoryEntry[]; redo: HistoryEntry[] }>;
  subscribe(listener: Listener): Promise<() => void>;
  deriveGraph(): Promise<ipc.GraphSnapshotT>;
  diffSince(revision: number): Promise<Result<ipc.GraphDiffT>>;
  save(path?: string): Promise<Result<null>>;
  load(path: string): Promise<Result<null>>;
}

async function capture<T>(f: () => T | Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, value: await f() };
  } catch (e) {
    if (e instanceof PulseError) return { ok: false, error: e.toData() };
    throw e;
  }
}

/** The in-process implementation (Pulse embedded in Aura). */
export function localService(s: ProjectSession): ProjectService {
  return {
    project: async () => s.project,
    apply: (ops, options) => capture(() => s.apply(ops, options)),
    undo: () => capture(() => s.undo()),
    redo: () => capture(() => s.redo()),
    history: async () => s.history(),
    subscribe: async (l) => s.subscribe(l),
    deriveGraph: async () => s.deriveGraph(),
    diffSince: (r) => capture(() => s.diffSince(r)),
    save: (p) => capture(async () => { await s.save(p); return null; }),
    load: (p) => capture(async () => { await s.load(p); return null; }),
  };
}
