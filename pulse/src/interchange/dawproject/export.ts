// Project -> DAWproject. Every Loophole track becomes a <Track> with a <Channel>; folders nest their
// children; clips and automation go to the arrangement's lanes, one <Lanes> per track.
import type { AutomationTarget } from "../../model/automation";
import { MASTER_ID } from "../../model/ids";
import { decodeState, type PluginInstance } from "../../model/plugin";
import type { Project } from "../../model/project";
import { MAX_BPM, MIN_BPM } from "../../model/tempo";
import { MAX_GAIN_DB, type Track } from "../../model/track";
import { outputOf } from "../../model/walk";
import { bytesOf, packArchive, type ArchiveFiles } from "./archive";
import { pointsElement } from "./export-automation";
import { clipElement } from "./export-clips";
import { ExportContext, FOR_LOOPHOLE_ONLY, type ExportOptions } from "./export-context";
import { EXTENSIONS_FILE, hasExtensions, serialiseExtensions } from "./extensions";
import { decimal, linearFromDb, normalisedFromPan } from "./units";
import {
  BUILTIN_ID_PREFIX,
  DAWPROJECT_VERSION,
  DEVICE_ID_PREFIX,
  METADATA_FILE,
  PLUGIN_ELEMENTS,
  PROJECT_FILE,
  STATE_EXTENSION,
} from "./vocabulary";
import { element, serialiseXml, textElement, type XmlElement } from "./xml";

export type { ExportOptions } from "./export-context";

export interface ExportResult {
  /** The .dawproject file. */
  bytes: Uint8Array;
  /** What the format could not carry, for the user to read. */
  warnings: string[];
}

const MAX_LINEAR = linearFromDb(MAX_GAIN_DB);

class ProjectXmlWriter {
  constructor(private readonly ctx: ExportContext) {}

  private get project(): Project {
    return this.ctx.project;
  }

  projectXml(): XmlElement {
    const { project } = this;
    const application = this.ctx.options.application ?? { name: "Loophole", version: "0.1.0" };
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
        id: this.ctx.parameterId("tempo"), name: "Tempo", unit: "bpm",
        min: decimal(MIN_BPM), max: decimal(MAX_BPM), value: decimal(tempos[0]!.bpm),
      }),
      element("TimeSignature", {
        id: this.ctx.parameterId("meter"), name: "Time Signature",
        numerator: meters[0]!.numerator, denominator: meters[0]!.denominator,
      }),
    ]);
  }

  private trackElement(track: Track): XmlElement {
    const children: XmlElement[] = [];
    if (this.ctx.channelIds.has(track.id)) children.push(this.channel(track));
    for (const childId of track.children) children.push(this.trackElement(this.project.tracks.get(childId)!));
    const contentType =
      track.kind === "folder" ? "tracks" : track.kind === "instrument" ? "notes" : track.kind === "master" ? "audio notes" : "audio";
    const id = this.ctx.trackIds.get(track.id)!;
    if (track.soloSafe || track.polarityInvert) {
      this.ctx.warnOnce(`DAWproject has no solo-safe or polarity-invert switch; ${FOR_LOOPHOLE_ONLY}`);
      this.ctx.extensions.tracks[id] = { soloSafe: track.soloSafe, polarityInvert: track.polarityInvert };
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
      element("Mute", { id: this.ctx.parameterId(`${track.id}/mute`), name: "Mute", value: track.mute }),
      element("Pan", {
        id: this.ctx.parameterId(`${track.id}/pan`), name: "Pan", unit: "normalized", min: 0, max: 1,
        value: decimal(normalisedFromPan(track.pan)),
      }),
    );
    if (track.sends.length > 0) {
      children.push(
        element("Sends", {}, track.sends.map((send) =>
          element("Send", { id: this.ctx.id(), destination: this.ctx.channelIds.get(send.target), type: send.preFader ? "pre" : "post" }, [
            this.volume(`${track.id}/send/${send.id}`, "Send", send.gainDb),
          ]),
        )),
      );
    }
    children.push(this.volume(`${track.id}/gain`, "Volume", track.gainDb));
    return element(
      "Channel",
      {
        id: this.ctx.channelIds.get(track.id), role, audioChannels: 2, solo: track.solo,
        destination: destination === null ? undefined : this.ctx.channelIds.get(destination),
      },
      children,
    );
  }

  private volume(key: string, name: string, db: number): XmlElement {
    return element("Volume", {
      id: this.ctx.parameterId(key), name, unit: "linear", min: 0, max: decimal(MAX_LINEAR), value: decimal(linearFromDb(db)),
    });
  }

  private device(track: Track, plugin: PluginInstance, index: number): XmlElement {
    const deviceId = this.ctx.id();
    if (plugin.sidechainFrom !== null) this.ctx.warnOnce(`DAWproject has no sidechain routing; ${FOR_LOOPHOLE_ONLY}`);
    if (plugin.isolation !== "Default") this.ctx.warnOnce(`DAWproject has no plugin isolation setting; ${FOR_LOOPHOLE_ONLY}`);
    if (plugin.sidechainFrom !== null || plugin.isolation !== "Default") {
      this.ctx.extensions.devices[deviceId] = {
        isolation: plugin.isolation,
        sidechainFrom: plugin.sidechainFrom === null ? undefined : this.ctx.trackIds.get(plugin.sidechainFrom),
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
          id: this.ctx.parameterId(`${track.id}/plugin/${plugin.id}/${t.param}`), parameterID: t.param, unit: "normalized", min: 0, max: 1,
        }),
      )));
    }
    children.push(element("Enabled", { id: this.ctx.id(), name: "On/Off", value: !plugin.bypass }));
    if (plugin.state !== "") {
      const path = `plugins/${plugin.id.replace(/[^A-Za-z0-9_-]/g, "_")}.${STATE_EXTENSION[plugin.format] ?? "state"}`;
      this.ctx.files[path] = decodeState(plugin.state);
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
      if (clips.length > 0) content.push(element("Clips", { id: this.ctx.id() }, clips.map((clip) => clipElement(this.ctx, clip))));
      for (const lane of Object.values(track.automation)) content.push(pointsElement(this.ctx, track, lane));
      if (content.length > 0) lanes.push(element("Lanes", { id: this.ctx.id(), track: this.ctx.trackIds.get(track.id) }, content));
    }
    const children = [element("Lanes", { id: this.ctx.id(), timeUnit: "beats" }, lanes)];
    const markers = Object.values(this.project.markers).sort((a, b) => a.beat - b.beat);
    if (markers.length > 0) {
      children.push(element("Markers", { id: this.ctx.id() }, markers.map((m) => element("Marker", { time: decimal(m.beat), name: m.name }))));
    }
    const { tempos, meters } = this.project.tempo;
    if (tempos.length > 1) {
      children.push(element("TempoAutomation", { id: this.ctx.id(), unit: "bpm" }, [
        element("Target", { parameter: this.ctx.parameterId("tempo") }),
        ...tempos.map((t) => element("RealPoint", { time: decimal(t.beat), value: decimal(t.bpm), interpolation: "hold" })),
      ]));
    }
    if (meters.length > 1) {
      children.push(element("TimeSignatureAutomation", { id: this.ctx.id() }, [
        element("Target", { parameter: this.ctx.parameterId("meter") }),
        ...meters.map((m) => element("TimeSignaturePoint", { time: decimal(m.beat), numerator: m.numerator, denominator: m.denominator })),
      ]));
    }
    return element("Arrangement", { id: this.ctx.id() }, children);
  }
}

function metadataXml(project: Project): XmlElement {
  const { meta } = project;
  return element("MetaData", {}, [textElement("Title", meta.title), textElement("Artist", meta.artist), textElement("Comment", meta.notes)]);
}

export function exportDawProject(project: Project, options: ExportOptions = {}): ExportResult {
  const ctx = new ExportContext(project, options);
  const projectXml = serialiseXml(new ProjectXmlWriter(ctx).projectXml());
  if (project.loop !== null) ctx.extensions.loop = project.loop;
  const files: ArchiveFiles = {
    [PROJECT_FILE]: bytesOf(projectXml),
    [METADATA_FILE]: bytesOf(serialiseXml(metadataXml(project))),
    ...ctx.files,
  };
  if (hasExtensions(ctx.extensions)) files[EXTENSIONS_FILE] = bytesOf(serialiseExtensions(ctx.extensions));
  return { bytes: packArchive(files), warnings: ctx.warnings };
}
