// Clips -> <Clip>: MIDI clips carry <Notes> (and CC / pitch-bend <Points> beside them in <Lanes>);
// audio clips carry <Audio> in seconds, so the file plays at its own speed inside a clip placed in beats.
import type { AudioClip, Clip, MidiClip } from "../../model/clip";
import { tempoIndex } from "../../time/tempo-index";
import { FOR_LOOPHOLE_ONLY, type ExportContext } from "./export-context";
import { decimal } from "./units";
import { readWavFormat } from "./wav-header";
import { element, type XmlElement } from "./xml";

function midiClip(ctx: ExportContext, clip: MidiClip): XmlElement {
  const notes = element("Notes", { id: ctx.id() }, clip.notes.map((n) =>
    element("Note", {
      time: decimal(n.beat), duration: decimal(n.length), channel: n.channel, key: n.pitch, vel: decimal(n.velocity / 127),
    }),
  ));
  let content = notes;
  if (clip.cc.length > 0 || clip.pitchBend.length > 0) {
    const lanes: XmlElement[] = [notes];
    const controllers = [...new Set(clip.cc.map((c) => `${c.channel}/${c.controller}`))];
    for (const pair of controllers) {
      const [channel, controller] = pair.split("/").map(Number) as [number, number];
      const events = clip.cc.filter((c) => c.channel === channel && c.controller === controller);
      lanes.push(element("Points", { id: ctx.id(), unit: "normalized" }, [
        element("Target", { expression: "channelController", channel, controller }),
        ...events.map((e) => element("RealPoint", { time: decimal(e.beat), value: decimal(e.value / 127), interpolation: "hold" })),
      ]));
    }
    for (const channel of [...new Set(clip.pitchBend.map((p) => p.channel))]) {
      const events = clip.pitchBend.filter((p) => p.channel === channel);
      lanes.push(element("Points", { id: ctx.id(), unit: "normalized" }, [
        element("Target", { expression: "pitchBend", channel }),
        ...events.map((e) => element("RealPoint", { time: decimal(e.beat), value: decimal((e.value + 8192) / 16383), interpolation: "hold" })),
      ]));
    }
    content = element("Lanes", { id: ctx.id() }, lanes);
  }
  return element("Clip", {
    name: clip.name, time: decimal(clip.start), duration: decimal(clip.length), playStart: 0,
    loopStart: clip.loopBeats === null ? undefined : 0,
    loopEnd: clip.loopBeats === null ? undefined : decimal(clip.loopBeats),
  }, [content]);
}

function audioClip(ctx: ExportContext, clip: AudioClip): XmlElement {
  const audioId = ctx.id();
  const plainFades = clip.fadeIn.shape === "Linear" && clip.fadeOut.shape === "Linear";
  if (clip.gainDb !== 0) ctx.warnOnce(`DAWproject has no clip gain; ${FOR_LOOPHOLE_ONLY}`);
  if (!plainFades) ctx.warnOnce(`DAWproject fades have no shape; fades were written as plain fades; ${FOR_LOOPHOLE_ONLY}`);
  if (clip.gainDb !== 0 || !plainFades) {
    ctx.extensions.audioClips[audioId] = { gainDb: clip.gainDb, fadeInShape: clip.fadeIn.shape, fadeOutShape: clip.fadeOut.shape };
  }
  const bytes = ctx.options.readMedia?.(clip.file);
  const file = bytes ? element("File", { path: ctx.embed(clip.file, bytes) }) : element("File", { path: clip.file, external: true });
  if (!bytes) ctx.warnOnce(`Audio files that could not be read are referenced by their path, not embedded: ${clip.file}`);
  const format = bytes ? readWavFormat(bytes) : undefined;
  const time = tempoIndex(ctx.project.tempo);
  const seconds = format?.seconds ?? clip.sourceOffset + time.seconds(clip.start + clip.length) - time.seconds(clip.start);
  const audio = element("Audio", {
    id: audioId, channels: format?.channels ?? 2, sampleRate: format?.sampleRate ?? 48000, duration: decimal(seconds),
  }, [file]);
  return element("Clip", {
    name: clip.name, time: decimal(clip.start), duration: decimal(clip.length), contentTimeUnit: "seconds",
    playStart: decimal(clip.sourceOffset),
    loopStart: clip.loopSeconds === null ? undefined : decimal(clip.sourceOffset),
    loopEnd: clip.loopSeconds === null ? undefined : decimal(clip.sourceOffset + clip.loopSeconds),
    fadeTimeUnit: "beats", fadeInTime: decimal(clip.fadeIn.beats), fadeOutTime: decimal(clip.fadeOut.beats),
  }, [audio]);
}

export function clipElement(ctx: ExportContext, clip: Clip): XmlElement {
  return clip.kind === "midi" ? midiClip(ctx, clip) : audioClip(ctx, clip);
}
