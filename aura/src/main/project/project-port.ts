// Everything Aura needs from the project model, in Aura's terms. The only implementation that
// talks to Pulse is pulse-project.ts, so a change in Pulse's API stays inside that one file.
import type { ipc } from "@loophole/contract";
import type { CatalogueChange, CatalogueView, Edit, ProjectView, RecoveryNotice } from "../../channels";

/** Edits that move one value the engine holds as a parameter (track gain or pan, send level):
 *  the ones ProjectPort.streamedChanges answers for and a gesture may stream. */
export function isValueMoveEdit(edit: unknown): edit is Edit {
  return typeof edit === "object" && edit !== null && VALUE_MOVES.has((edit as Edit).type);
}

const VALUE_MOVES: ReadonlySet<Edit["type"]> = new Set(["setTrackGain", "setTrackPan", "setSendGain"]);

export interface ProjectPort {
  view(): ProjectView;
  /** The loop range; the engine gets it as SetLoop, not as part of the graph. */
  loop(): ProjectView["loop"];
  /** Applies an edit as one undoable Pulse operation (merged into the previous one when both carry
   *  the same gesture id); throws a plain-words Error when Pulse refuses it. */
  edit(edit: Edit, gesture?: string): void;
  /** The engine parameter changes of a value move (track gain or pan, send level) checked against the
   *  project as it is now, without committing it; null for any other edit. Throws as edit() would. */
  streamedChanges(edit: Edit): ipc.SetParameterT[] | null;
  /** Commits value moves of one gesture as one undoable step; only their net effect is written. */
  commitMoves(edits: readonly Edit[], gesture: string): void;
  undo(): void;
  redo(): void;
  readonly revision: number;
  /** The engine sample rate Pulse resolves positions for. */
  readonly sampleRate: number;
  subscribe(listener: () => void): () => void;
  /** The whole engine graph, for a fresh or restarted engine. */
  engineSnapshot(): ipc.GraphSnapshotT;
  /** The change since an engine revision, or null when Pulse cannot diff from there (send a snapshot). */
  engineDiffSince(revision: number): ipc.GraphDiffT | null;
  /** Looks at the clip files again (one vanished or changed after it was checked): the next engine
   *  graph and the next view follow what is on disk now. */
  recheckMedia(): void;
  beatToSample(beat: number): bigint;
  sampleToBeat(sample: bigint): number;
  catalogue(): CatalogueView;
  /** Feeds Signal's scan results into the catalogue. */
  setScannedPlugins(catalogue: ipc.PluginCatalogueT): void;
  /** Marks a catalogue entry as a favourite in the user's plugin library (saved at once). */
  setFavourite(uid: string, favourite: boolean): Promise<void>;
  /** Tags and collections in the user's plugin library (saved at once). */
  organiseCatalogue(change: CatalogueChange): Promise<void>;
  /** Engine processor id of a plugin slot, for OpenEditor. */
  processorId(trackId: string, pluginId: string): number;
  /** The file the user saved the project to; null while it is untitled (journalled in the state directory). */
  readonly file: string | null;
  /** Saves to path, or where the project lives; resolves with the path written. */
  save(path?: string): Promise<string>;
  /** Set when the project was rebuilt from its journal or autosave after an unclean end. */
  readonly recovery?: RecoveryNotice | null;
}
