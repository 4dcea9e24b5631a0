// DAWproject import and export (the open exchange format of Bitwig and PreSonus).
export { DawProjectError } from "./errors";
export { exportDawProject, type ExportOptions, type ExportResult } from "./export";
export { importDawProject, type ImportOptions, type ImportResult } from "./import";
export { openDawProject, saveDawProject } from "./files";
