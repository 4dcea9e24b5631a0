// Plugin organisation: the merged catalogue, taxonomy, the user's library with undo, search and browsing.
export * from "./formats";
export * from "./scanned-plugin";
export * from "./scan-input";
export * from "./identity";
export * from "./categories";
export * from "./catalogue";
export * from "./library";
export * from "./library-file";
export * from "./library-operations";
export * from "./library-history";
export * from "./search";
export * from "./browse";
export * from "./preferred-format";
export * from "./organiser";
