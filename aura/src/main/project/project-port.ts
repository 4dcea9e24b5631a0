// Everything Aura needs from the project model, in Aura's terms. The only implementation that
// talks to Pulse is pulse-project.ts, so a change in Pulse's API stays inside that one file.
import type { ipc } from "@loophole/contract";
import type { CatalogueView, Edit, ProjectView } from "../../channels";

export interface ProjectPort {
  view(): ProjectView;
  /** Applies an edit as one undoable Pulse operation; throws a plain-words Error when Pulse refuses it. */
  edit(edit: Edit): void;
  undo(): void;
  redo(): void;
  readonly revision: number;
  subscribe(listener: () => void): () => void;
  /** The whole engine graph, for a fresh or restarted engine. */
  engineSnapshot(): ipc.GraphSnapshotT;
  /** The change since an engine revision, or null when Pulse cannot diff from there (send a snapshot). */
  engineDiffSince(revision: number): ipc.GraphDiffT | null;
  beatToSample(beat: number): bigint;
  sampleToBeat(sample: bigint): number;
  catalogue(): CatalogueView;
  /** Feeds Signal's scan results into the catalogue. */
  setScannedPlugins(plugins: readonly ipc.PluginDescriptionT[]): void;
  /** Engine processor id of a plugin slot, for OpenEditor. */
  processorId(trackId: string, pluginId: string): number;
  save(path: string): Promise<void>;
}
