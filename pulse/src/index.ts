// @loophole/pulse: Loophole's data model. Callers use ProjectSession (or its async ProjectService
// face); the model types are plain immutable data described in chorus/model/README.md.
export * from "./model/index";
export type { Operation, OperationName, OperationOf, AudioClipInit, MidiClipInit } from "./ops/types";
export type { Environment, MediaGate } from "./ops/context";
export { applyOperations, OPERATION_NAMES, type Applied } from "./ops/apply";
export type { ChangeSet, EntityRef } from "./history/changes";
export type { HistoryEntry } from "./history/undo-stack";
export { validateProject, findMissing } from "./validate/project";
export { checkRouting } from "./validate/routing";
export { TempoIndex, tempoIndex } from "./time/tempo-index";
export { GraphDeriver, diffGraphs, toSnapshot, type DerivedGraph } from "./derive/deriver";
export { resolveMix } from "./derive/mix";
export { dbToLinear } from "./derive/units";
export { isStreamable, netEffect, type StreamableOperation } from "./derive/parameters";
export { CURRENT_FORMAT_VERSION, FORMAT_MARKER, serialise, projectToJson, projectFromJson, type ProjectFile, type ProjectJson } from "./files/format";
export { saveProjectFile, loadProjectFile, parseProjectFile, type LoadedProject } from "./files/project-file";
export { recoverProject, type Recovered } from "./files/recovery";
export { journalPath } from "./files/journal";
export { autosavePath } from "./files/autosave";
export { backupPath } from "./files/atomic-write";
export { nodeFileSystem, type FileSystem, type WritableFile, type AppendableFile } from "./files/file-system";
export {
  ProjectSession, type SessionOptions, type ApplyOptions, type CommitResult, type CommitEvent, type CommitCause, type Listener,
} from "./session/project-session";
export { localService, type ProjectService, type Result } from "./session/service";
// The other halves of Pulse, namespaced so their names never collide with the model's.
export * as catalogue from "./catalogue/index";
export * as dawproject from "./interchange/dawproject/index";
export { audioFileExists } from "./files/file-checks";
export { MediaAccess, type MediaRoots, type MediaVerdict, type MediaLookup } from "./files/media-paths";
