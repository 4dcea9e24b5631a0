// Every generated type of chorus/ipc. flatc's root module re-exports only the types that the
// root table reaches; the parameter-index enums are used by value, so they are added here.
export * from "../gen/frame_generated";
export { ChannelParam } from "../gen/loophole/ipc/channel-param";
export { SendParam } from "../gen/loophole/ipc/send-param";
