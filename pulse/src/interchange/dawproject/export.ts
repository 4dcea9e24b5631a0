// Project -> DAWproject. Every Loophole track becomes a <Track> with a <Channel>; folders nest their
// children; clips and automation go to the arrangement's lanes, one <Lanes> per track.
import { basename, extname } from "node:path";
import type { AutomationLane, AutomationTarget, CurveShape } from "../../model/automation";
import type { AudioClip, Clip, MidiClip } from "../../model/clip";
import { MASTER_ID, type TrackId } from "../../model/ids";
import { decodeState, type PluginInstance } from "../../model/plugin";
import type { Project } from "../../model/project";
import { MAX_BPM, MIN_BPM } from "../../model/tempo";
import { MAX_GAIN_DB, type Track } from "../../model/track";
import { outputOf } from "../../model/walk";
import { tempoIndex } from "../../time/tempo-index";
import { bytesOf, packArchive, type ArchiveFiles } from "./archive";
import { emptyExtensions, EXTENSIONS_FILE, hasExtensions, serialiseExtensions, type PointExtras } from "./extensions";
import { decimal, linearFromDb, normalisedFromPan } from "./units";
import {
  BUILTIN_ID_PREFIX,
  DAWPROJECT_VERSION,
  DEVICE_ID_PREFIX,
  interpolationOf,
  METADATA_FILE,
  PLUGIN_ELEMENTS,
  PROJECT_FILE,
  STATE_EXTENSION,
} from "./vocabulary";
import { readWavFormat } from "./wav-header";
import { element, serialiseXml, textElement, type XmlElement } from "./xml";

export interface ExportOptions {
  /** Reads an audio file the project uses so it can be embedded; undefined = unreadable (then referenced by path). */
  readMedia?: (path: string) => Uint8Array | undefined;
  application?: { name: string; version: string };
}

export interface ExportResult {
  /** The .dawproject file. */
  bytes: Uint8Array;
  /** What the format could not carry, for the user to read. */
  warnings: string[];
}

const MAX_LINEAR = linearFromDb(MAX_GAIN_DB);
const FOR_LOOPHOLE_ONLY = `other applications will not see it (Loophole keeps it in ${EXTENSIONS_FILE})`;

class Exporter {
  private nextId = 0;
  readonly warnings: string[] = [];
  readonly files: ArchiveFiles = {};
  private readonly trackIds = new Map<TrackId, string>();
  private readonly channelIds = new Map<TrackId, string>();
  /** Ids of the parameters automation can point at, keyed by "track/…" strings. */
  private readonly parameterIds = new Map<string, string>();
  private readonly embedded = new Map<string, string>();
  readonly extensions = emptyExtensions();

  constructor(private readonly project: Project, private readonly options: ExportOptions) {
    // Ids first: a channel's destination may be a track written later.
    for (const track of project.tracks.values()) {
      this.trackIds.set(track.id, this.id());
      if (track.kind !== "folder" || track.hasStrip) this.channelIds.set(track.id, this.id());
    }
  }

  private id(): string {
    return `id${this.nextId++}`;
  }

  private parameterId(key: string): string {
    let id = this.parameterIds.get(key);
    if (id === undefined) this.parameterIds.set(key, (id = this.id()));
    return id;
  }

  private warnOnce(message: string): void {
    if (!this.warnings.includes(message)) this.warnings.push(message);
  }

  projectXml(): XmlElement {
    const { project } = this;
    const application = this.options.application ?? { name: "Loophole", version: "0.1.0" };
    const structure = project.order.map((id) => this.trackElement(project.tracks.get(id)!));
    structure.push(this.trackElement(project.tracks.get(MASTER_ID)!));
    return element("Project", { version: DAWPROJECT_VERSION }, [
      element("Application", application),
      this.transport(),
      element("Structure", {}, structure),
      this.arrangement(),
    ]);
  }

  private transport(): XmlElement {
    const { tempos, meters } = this.project.tempo;
    return element("Transport", {}, [
      element("Tempo", {
        id: this.parameterId("tempo"), name: "Tempo", unit: "bpm",
        min: decimal(MIN_BPM), max: decimal(MAX_BPM), value: decimal(tempos[0]!.bpm),
      }),
      element("TimeSignature", {
        id: this.parameterId("meter"), name: "Time Signature",
        numerator: meters[0]!.numerator, denominator: meters[0]!.denominator,
      }),
    ]);
  }

  private trackElement(track: Track): XmlElement {
    const children: XmlElement[] = [];
    if (this.channelIds.has(track.id)) children.push(this.channel(track));
    for (const childId of track.children) children.push(this.trackElement(this.project.tracks.get(childId)!));
    const contentType =
      track.kind === "folder" ? "tracks" : track.kind === "instrument" ? "notes" : track.kind === "master" ? "audio notes" : "audio";
    const id = this.trackIds.get(track.id)!;
    if (track.soloSafe || track.polarityInvert) {
      this.warnOnce(`DAWproject has no solo-safe or polarity-invert switch; ${FOR_LOOPHOLE_ONLY}`);
      this.extensions.tracks[id] = { soloSafe: track.soloSafe, polarityInvert: track.polarityInvert };
    }
    return element("Track", { id, name: track.name, contentType, loaded: true }, children);
  }

  private channel(track: Track): XmlElement {
    const role = { audio: "regular", instrument: "regular", bus: "effect", folder: "submix", master: "master" }[track.kind];
    const destination = outputOf(this.project, track);
    const children: XmlElement[] = [];
    if (track.plugins.length > 0) {
      children.push(element("Devices", {}, track.plugins.map((plugin, i) => this.device(track, plugin, i))));
    }
    children.push(
      element("Mute", { id: this.parameterId(`${track.id}/mute`), name: "Mute", value: track.mute }),
      element("Pan", {
        id: this.parameterId(`${track.id}/pan`), name: "Pan", unit: "normalized", min: 0, max: 1,
        value: decimal(normalisedFromPan(track.pan)),
      }),
    );
    if (track.sends.length > 0) {
      children.push(
        element("Sends", {}, track.sends.map((send) =>
          element("Send", { id: this.id(), destination: this.channelIds.get(send.target), type: send.preFader ? "pre" : "post" }, [
            this.volume(`${track.id}/send/${send.id}`, "Send", send.gainDb),
          ]),
        )),
      );
    }
    children.push(this.volume(`${track.id}/gain`, "Volume", track.gainDb));
    return element(
      "Channel",
      {
        id: this.channelIds.get(track.id), role, audioChannels: 2, solo: track.solo,
        destination: destination === null ? undefined : this.channelIds.get(destination),
      },
      children,
    );
  }

  private volume(key: string, name: string, db: number): XmlElement {
    return element("Volume", {
      id: this.parameterId(key), name, unit: "linear", min: 0, max: decimal(MAX_LINEAR), value: decimal(linearFromDb(db)),
    });
  }

  private device(track: Track, plugin: PluginInstance, index: number): XmlElement {
    const deviceId = this.id();
    if (plugin.sidechainFrom !== null) this.warnOnce(`DAWproject has no sidechain routing; ${FOR_LOOPHOLE_ONLY}`);
    if (plugin.isolation !== "Default") this.warnOnce(`DAWproject has no plugin isolation setting; ${FOR_LOOPHOLE_ONLY}`);
    if (plugin.sidechainFrom !== null || plugin.isolation !== "Default") {
      this.extensions.devices[deviceId] = {
        isolation: plugin.isolation,
        sidechainFrom: plugin.sidechainFrom === null ? undefined : this.trackIds.get(plugin.sidechainFrom),
      };
    }
    const automated = Object.values(track.automation)
      .map((lane) => lane.target)
      .filter((t): t is Extract<AutomationTarget, { kind: "plugin" }> => t.kind === "plugin" && t.plugin === plugin.id)
      .sort((a, b) => a.param - b.param);
    const children: XmlElement[] = [];
    if (automated.length > 0) {
      children.push(element("Parameters", {}, automated.map((t) =>
        element("RealParameter", {
          id: this.parameterId(`${track.id}/plugin/${plugin.id}/${t.param}`), parameterID: t.param, unit: "normalized", min: 0, max: 1,
        }),
      )));
    }
    children.push(element("Enabled", { id: this.id(), name: "On/Off", value: !plugin.bypass }));
    if (plugin.state !== "") {
      const path = `plugins/${plugin.id.replace(/[^A-Za-z0-9_-]/g, "_")}.${STATE_EXTENSION[plugin.format] ?? "state"}`;
      this.files[path] = decodeState(plugin.state);
      children.push(element("State", { path }));
    }
    const role = track.kind === "instrument" && index === 0 ? "instrument" : "audioFX";
    const common = { id: deviceId, name: plugin.name, deviceName: plugin.name, deviceRole: role, loaded: true };
    if (plugin.format === "BuiltIn") {
      return element("BuiltinDevice", { ...common, deviceID: `${BUILTIN_ID_PREFIX}${plugin.builtin}` }, children);
    }
    const named = PLUGIN_ELEMENTS[plugin.format];
    if (named) return element(named, { ...common, deviceID: plugin.uid }, children);
    return element("Device", { ...common, deviceID: `${DEVICE_ID_PREFIX[plugin.format]}${plugin.uid}` }, children);
  }

  private arrangement(): XmlElement {
    const lanes: XmlElement[] = [];
    for (const track of this.project.tracks.values()) {
      const content: XmlElement[] = [];
      const clips = Object.values(track.clips).sort((a, b) => a.start - b.start);
      if (clips.length > 0) content.push(element("Clips", { id: this.id() }, clips.map((clip) => this.clip(clip))));
      for (const lane of Object.values(track.automation)) content.push(this.points(track, lane));
      if (content.length > 0) lanes.push(element("Lanes", { id: this.id(), track: this.trackIds.get(track.id) }, content));
    }
    const children = [element("Lanes", { id: this.id(), timeUnit: "beats" }, lanes)];
    const markers = Object.values(this.project.markers).sort((a, b) => a.beat - b.beat);
    if (markers.length > 0) {
      children.push(element("Markers", { id: this.id() }, markers.map((m) => element("Marker", { time: decimal(m.beat), name: m.name }))));
    }
    const { tempos, meters } = this.project.tempo;
    if (tempos.length > 1) {
      children.push(element("TempoAutomation", { id: this.id(), unit: "bpm" }, [
        element("Target", { parameter: this.parameterId("tempo") }),
        ...tempos.map((t) => element("RealPoint", { time: decimal(t.beat), value: decimal(t.bpm), interpolation: "hold" })),
      ]));
    }
    if (meters.length > 1) {
      children.push(element("TimeSignatureAutomation", { id: this.id() }, [
        element("Target", { parameter: this.parameterId("meter") }),
        ...meters.map((m) => element("TimeSignaturePoint", { time: decimal(m.beat), numerator: m.numerator, denominator: m.denominator })),
      ]));
    }
    return element("Arrangement", { id: this.id() }, children);
  }

  private points(track: Track, lane: AutomationLane): XmlElement {
    const { target } = lane;
    let key: string;
    let unit: string;
    let value = (v: number): string => decimal(v);
    if (target.kind === "strip") {
      key = `${track.id}/${target.param}`;
      unit = target.param === "gain" ? "linear" : "normalized";
      if (target.param === "gain") value = (v) => decimal(linearFromDb(v));
      if (target.param === "pan") value = (v) => decimal(normalisedFromPan(v));
    } else if (target.kind === "send") {
      key = `${track.id}/send/${target.send}`;
      unit = "linear";
      value = (v) => decimal(linearFromDb(v));
    } else {
      key = `${track.id}/plugin/${target.plugin}/${target.param}`;
      unit = "normalized";
    }
    const isMute = target.kind === "strip" && target.param === "mute";
    const pointsId = this.id();
    // What an import of the plain DAWproject would give back; anything else is kept as an extension.
    const plainShape = (shape: CurveShape) => (isMute || shape === "Hold" ? "Hold" : "Linear");
    if (lane.points.some((p) => p.shape !== plainShape(p.shape) || p.tension !== 0)) {
      if (!isMute) this.warnOnce(`DAWproject curves are hold or linear; other curve shapes were written as linear; ${FOR_LOOPHOLE_ONLY}`);
      this.extensions.points[pointsId] = lane.points.map((p): PointExtras => ({ shape: p.shape, tension: p.tension }));
    }
    const points = lane.points.map((p) =>
      isMute
        ? element("BoolPoint", { time: decimal(p.beat), value: p.value >= 0.5 })
        : element("RealPoint", { time: decimal(p.beat), value: value(p.value), interpolation: interpolationOf(p.shape) }),
    );
    return element("Points", { id: pointsId, unit: isMute ? undefined : unit }, [
      element("Target", { parameter: this.parameterId(key) }),
      ...points,
    ]);
  }

  private clip(clip: Clip): XmlElement {
    return clip.kind === "midi" ? this.midiClip(clip) : this.audioClip(clip);
  }

  private midiClip(clip: MidiClip): XmlElement {
    const notes = element("Notes", { id: this.id() }, clip.notes.map((n) =>
      element("Note", {
        time: decimal(n.beat), duration: decimal(n.length), channel: n.channel, key: n.pitch, vel: decimal(n.velocity / 127),
      }),
    ));
    let content = notes;
    if (clip.cc.length > 0 || clip.pitchBend.length > 0) {
      const lanes: XmlElement[] = [notes];
      const ccKeys = [...new Set(clip.cc.map((c) => `${c.channel}/${c.controller}`))];
      for (const k of ccKeys) {
        const [channel, controller] = k.split("/").map(Number) as [number, number];
        const events = clip.cc.filter((c) => c.channel === channel && c.controller === controller);
        lanes.push(element("Points", { id: this.id(), unit: "normalized" }, [
          element("Target", { expression: "channelController", channel, controller }),
          ...events.map((e) => element("RealPoint", { time: decimal(e.beat), value: decimal(e.value / 127), interpolation: "hold" })),
        ]));
      }
      for (const channel of [...new Set(clip.pitchBend.map((p) => p.channel))]) {
        const events = clip.pitchBend.filter((p) => p.channel === channel);
        lanes.push(element("Points", { id: this.id(), unit: "normalized" }, [
          element("Target", { expression: "pitchBend", channel }),
          ...events.map((e) => element("RealPoint", { time: decimal(e.beat), value: decimal((e.value + 8192) / 16383), interpolation: "hold" })),
        ]));
      }
      content = element("Lanes", { id: this.id() }, lanes);
    }
    return element("Clip", {
      name: clip.name, time: decimal(clip.start), duration: decimal(clip.length), playStart: 0,
      loopStart: clip.loopBeats === null ? undefined : 0,
      loopEnd: clip.loopBeats === null ? undefined : decimal(clip.loopBeats),
    }, [content]);
  }

  private audioClip(clip: AudioClip): XmlElement {
    const audioId = this.id();
    if (clip.gainDb !== 0) this.warnOnce(`DAWproject has no clip gain; ${FOR_LOOPHOLE_ONLY}`);
    if (clip.fadeIn.shape !== "Linear" || clip.fadeOut.shape !== "Linear") {
      this.warnOnce(`DAWproject fades have no shape; fades were written as plain fades; ${FOR_LOOPHOLE_ONLY}`);
    }
    if (clip.gainDb !== 0 || clip.fadeIn.shape !== "Linear" || clip.fadeOut.shape !== "Linear") {
      this.extensions.audioClips[audioId] = { gainDb: clip.gainDb, fadeInShape: clip.fadeIn.shape, fadeOutShape: clip.fadeOut.shape };
    }
    const bytes = this.options.readMedia?.(clip.file);
    const file = bytes ? element("File", { path: this.embed(clip.file, bytes) }) : element("File", { path: clip.file, external: true });
    if (!bytes) this.warnOnce(`Audio files that could not be read are referenced by their path, not embedded: ${clip.file}`);
    const format = bytes ? readWavFormat(bytes) : undefined;
    const seconds = format?.seconds ?? clip.sourceOffset + tempoIndex(this.project.tempo).seconds(clip.start + clip.length) -
      tempoIndex(this.project.tempo).seconds(clip.start);
    const audio = element("Audio", {
      id: audioId, channels: format?.channels ?? 2, sampleRate: format?.sampleRate ?? 48000, duration: decimal(seconds),
    }, [file]);
    // contentTimeUnit="seconds": the file plays at its own speed inside a clip placed in beats.
    return element("Clip", {
      name: clip.name, time: decimal(clip.start), duration: decimal(clip.length), contentTimeUnit: "seconds",
      playStart: decimal(clip.sourceOffset),
      loopStart: clip.loopSeconds === null ? undefined : decimal(clip.sourceOffset),
      loopEnd: clip.loopSeconds === null ? undefined : decimal(clip.sourceOffset + clip.loopSeconds),
      fadeTimeUnit: "beats", fadeInTime: decimal(clip.fadeIn.beats), fadeOutTime: decimal(clip.fadeOut.beats),
    }, [audio]);
  }

  /** Each distinct source file is stored once, under audio/, with a unique name. */
  private embed(path: string, bytes: Uint8Array): string {
    const existing = this.embedded.get(path);
    if (existing) return existing;
    const extension = extname(path);
    const stem = basename(path, extension).replace(/[^A-Za-z0-9 _.-]/g, "_") || "audio";
    let name = `audio/${stem}${extension}`;
    for (let n = 2; name in this.files; n++) name = `audio/${stem}-${n}${extension}`;
    this.files[name] = bytes;
    this.embedded.set(path, name);
    return name;
  }
}

function metadataXml(project: Project): XmlElement {
  const { meta } = project;
  return element("MetaData", {}, [textElement("Title", meta.title), textElement("Artist", meta.artist), textElement("Comment", meta.notes)]);
}

export function exportDawProject(project: Project, options: ExportOptions = {}): ExportResult {
  const exporter = new Exporter(project, options);
  const projectXml = serialiseXml(exporter.projectXml());
  if (project.loop !== null) exporter.extensions.loop = project.loop;
  const files: ArchiveFiles = {
    [PROJECT_FILE]: bytesOf(projectXml),
    [METADATA_FILE]: bytesOf(serialiseXml(metadataXml(project))),
    ...exporter.files,
  };
  if (hasExtensions(exporter.extensions)) files[EXTENSIONS_FILE] = bytesOf(serialiseExtensions(exporter.extensions));
  return { bytes: packArchive(files), warnings: exporter.warnings };
}
