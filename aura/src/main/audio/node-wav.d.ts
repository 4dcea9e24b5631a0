// Types for node-wav (the package ships none).
declare module "node-wav" {
  export function decode(buffer: Uint8Array): { sampleRate: number; channelData: Float32Array[] };
  export function encode(channelData: Float32Array[], opts: { sampleRate: number; float?: boolean; bitDepth: number }): Buffer;
}
