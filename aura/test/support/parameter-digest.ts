// The digest Signal keeps of the parameter changes its audio thread took (Telemetry.parameter_digest,
// chorus/ipc/telemetry.fbs): word-wise FNV-1a over node, param and the float32 bits of the value.
export const DIGEST_START = 14695981039346656037n;
const PRIME = 1099511628211n;
const MASK = (1n << 64n) - 1n;

const bits = new DataView(new ArrayBuffer(4));

export function foldChange(digest: bigint, node: number, param: number, value: number): bigint {
  bits.setFloat32(0, value, true);
  for (const word of [node >>> 0, param >>> 0, bits.getUint32(0, true)]) digest = ((digest ^ BigInt(word)) * PRIME) & MASK;
  return digest;
}
