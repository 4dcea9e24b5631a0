// When Pulse's new channel differs from the one the engine holds only in mixer parameters (gain,
// pan, mute, polarity, send levels), the change travels as SetParameter values instead of a graph
// diff: the engine then updates one number instead of recompiling its render plan, which is what
// lets a fader drag or a control surface move thousands of values a second.
import { isDeepStrictEqual } from "node:util";
import { ipc } from "@loophole/contract";

const MIXER_FIELDS = new Set<string>(["gain", "pan", "mute", "polarityInvert", "sends"]);

function change(node: number, param: number, value: number): ipc.SetParameterT {
  return new ipc.SetParameterT(new ipc.ParameterAddressT(node, param), value, -1n);
}

/** The SetParameter changes that turn `held` into `next`, in a fixed order (channel gain, pan,
 *  mute, polarity, then sends in chain order); null when anything else differs. */
export function mixerChanges(held: ipc.ChannelT, next: ipc.ChannelT): ipc.SetParameterT[] | null {
  if (held.id !== next.id) return null;
  for (const key of Object.keys(next) as (keyof ipc.ChannelT)[]) {
    if (MIXER_FIELDS.has(key)) continue;
    if (held[key] !== next[key] && !isDeepStrictEqual(held[key], next[key])) return null;
  }
  if (held.sends.length !== next.sends.length) return null;
  const out: ipc.SetParameterT[] = [];
  if (held.gain !== next.gain) out.push(change(next.id, ipc.ChannelParam.Gain, next.gain));
  if (held.pan !== next.pan) out.push(change(next.id, ipc.ChannelParam.Pan, next.pan));
  if (held.mute !== next.mute) out.push(change(next.id, ipc.ChannelParam.Mute, next.mute ? 1 : 0));
  if (held.polarityInvert !== next.polarityInvert) out.push(change(next.id, ipc.ChannelParam.Polarity, next.polarityInvert ? 1 : 0));
  for (let i = 0; i < next.sends.length; i++) {
    const a = held.sends[i]!, b = next.sends[i]!;
    if (a.id !== b.id || a.target !== b.target || a.preFader !== b.preFader) return null;
    if (a.gain !== b.gain) out.push(change(b.id, ipc.SendParam.Gain, b.gain));
  }
  return out;
}

/** The SetParameter changes for a whole diff, or null when it changes more than mixer values. */
export function mixerChangesOfDiff(held: ReadonlyMap<number, ipc.ChannelT>, diff: ipc.GraphDiffT): ipc.SetParameterT[] | null {
  if (diff.removeChannels.length > 0 || diff.tempoMap.length > 0) return null;
  const out: ipc.SetParameterT[] = [];
  for (const next of diff.upsertChannels) {
    const before = held.get(next.id);
    const changes = before ? mixerChanges(before, next) : null;
    if (!changes) return null;
    out.push(...changes);
  }
  return out;
}
