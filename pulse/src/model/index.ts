// The Pulse data model: plain immutable data, stable string ids + never-reused engine nums.
export * from "./ids";
export * from "./errors";
export type * from "./project";
export * from "./track";
export * from "./clip";
export * from "./plugin";
export * from "./automation";
export * from "./tempo";
export * from "./create";
export * from "./walk";
export * from "./freeze";
