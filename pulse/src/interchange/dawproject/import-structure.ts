// DAWproject <Structure> -> Loophole tracks: kinds, mixer settings, devices with their states, routing.
import { MASTER_ID, type TrackId } from "../../model/ids";
import { encodeState, type PluginFormat, type PluginInstance, BUILTIN_KINDS, type BuiltInKind } from "../../model/plugin";
import { createTrack } from "../../model/create";
import type { Send, Track, TrackKind } from "../../model/track";
import { DawProjectError } from "./errors";
import type { ImportContext, Mutable } from "./import-context";
import { clamp, dbFromLinear, panFromNormalised, tidy } from "./units";
import { BUILTIN_ID_PREFIX, DEVICE_ELEMENTS, DEVICE_ID_PREFIX } from "./vocabulary";
import { booleanAttribute, child, childrenNamed, numberAttribute, type XmlElement } from "./xml";

/** A RealParameter volume in whatever unit the file used, as Loophole dB. */
export function volumeDb(e: XmlElement, unit = e.attributes["unit"]): number {
  const value = numberAttribute(e, "value", 1);
  return tidy(unit === "decibel" ? clamp(value, -144, 12) : dbFromLinear(value));
}

function panValue(e: XmlElement): number {
  const value = numberAttribute(e, "value", 0.5);
  return tidy(e.attributes["unit"] === "normalized" || e.attributes["unit"] === undefined ? panFromNormalised(value) : clamp(value, -1, 1));
}

function kindOf(track: XmlElement, channel: XmlElement | undefined): TrackKind | "master" {
  const role = channel?.attributes["role"] ?? "regular";
  if (role === "master") return "master";
  const contentTypes = (track.attributes["contentType"] ?? "").split(/\s+/);
  if (childrenNamed(track, "Track").length > 0 || contentTypes.includes("tracks")) return "folder";
  if (role === "effect" || role === "submix" || role === "vca") return "bus";
  const devices = channel ? (child(channel, "Devices")?.children ?? []) : [];
  if (contentTypes.includes("notes") || devices.some((d) => d.attributes["deviceRole"] === "instrument")) return "instrument";
  return "audio";
}

function pluginOf(ctx: ImportContext, device: XmlElement, trackId: TrackId): PluginInstance | undefined {
  const name = device.attributes["name"] ?? device.attributes["deviceName"] ?? "Plugin";
  const deviceId = device.attributes["deviceID"] ?? "";
  let format: PluginFormat | undefined;
  let uid = deviceId;
  let builtin: BuiltInKind | null = null;
  if (device.name === "Vst3Plugin") format = "VST3";
  else if (device.name === "ClapPlugin") format = "CLAP";
  else if (device.name === "AuPlugin") format = "AU";
  else if (device.name === "BuiltinDevice" && deviceId.startsWith(BUILTIN_ID_PREFIX)) {
    const kind = deviceId.slice(BUILTIN_ID_PREFIX.length);
    if ((BUILTIN_KINDS as readonly string[]).includes(kind)) {
      format = "BuiltIn";
      builtin = kind as BuiltInKind;
      uid = "";
    }
  } else if (device.name === "Device") {
    for (const [candidate, prefix] of Object.entries(DEVICE_ID_PREFIX)) {
      if (prefix && deviceId.startsWith(prefix)) {
        format = candidate as PluginFormat;
        uid = deviceId.slice(prefix.length);
      }
    }
  }
  if (format === undefined) {
    ctx.warn(`"${name}" (${device.name}) is a device Loophole cannot host; it was left out.`);
    return undefined;
  }
  let state = "";
  const stateRef = child(device, "State");
  if (stateRef) {
    const path = stateRef.attributes["path"] ?? "";
    const bytes = ctx.files[path];
    if (bytes) state = encodeState(bytes);
    else ctx.warn(`The state of "${name}" (${path}) is not in the file; the plugin starts with its defaults.`);
  }
  const enabled = child(device, "Enabled");
  const plugin: PluginInstance = {
    id: "", num: 0, format, uid, builtin, name, state,
    bypass: enabled ? !booleanAttribute(enabled, "value", true) : false,
    isolation: "Default", sidechainFrom: null,
  };
  const num = ctx.nextNum();
  const withId = { ...plugin, id: `plugin-${num}`, num };
  if (device.attributes["id"]) ctx.deviceByXmlId.set(device.attributes["id"], { track: trackId, plugin: withId.id });
  for (const parameter of child(device, "Parameters")?.children ?? []) {
    const index = parameter.attributes["parameterID"];
    if (index === undefined || !/^\d+$/.test(index)) continue;
    ctx.register(parameter.attributes["id"], {
      kind: "plugin", track: trackId, plugin: withId.id, param: Number(index),
      min: numberAttribute(parameter, "min", 0), max: numberAttribute(parameter, "max", 1),
    });
  }
  return withId;
}

function applyChannel(ctx: ImportContext, track: Mutable<Track>, channel: XmlElement): void {
  if (channel.attributes["id"]) ctx.trackByXmlId.set(channel.attributes["id"], track.id);
  const volume = child(channel, "Volume");
  if (volume) {
    track.gainDb = volumeDb(volume);
    ctx.register(volume.attributes["id"], { kind: "strip", track: track.id, param: "gain" });
  }
  const pan = child(channel, "Pan");
  if (pan) {
    track.pan = panValue(pan);
    ctx.register(pan.attributes["id"], { kind: "strip", track: track.id, param: "pan" });
  }
  const mute = child(channel, "Mute");
  if (mute) {
    track.mute = booleanAttribute(mute, "value", false);
    ctx.register(mute.attributes["id"], { kind: "strip", track: track.id, param: "mute" });
  }
  track.solo = booleanAttribute(channel, "solo", false);
  if (track.kind !== "master" && channel.attributes["destination"]) ctx.destinations.set(track.id, channel.attributes["destination"]);
  const plugins: PluginInstance[] = [];
  for (const device of child(channel, "Devices")?.children ?? []) {
    if (!DEVICE_ELEMENTS.includes(device.name)) continue;
    const plugin = pluginOf(ctx, device, track.id);
    if (plugin) plugins.push(plugin);
  }
  track.plugins = plugins;
  const sends: Send[] = [];
  for (const send of childrenNamed(child(channel, "Sends") ?? channel, "Send")) {
    const num = ctx.nextNum();
    const id = `send-${num}`;
    const level = child(send, "Volume");
    const enable = child(send, "Enable");
    let gainDb = level ? volumeDb(level) : 0;
    if (enable && !booleanAttribute(enable, "value", true)) {
      ctx.warn("Loophole sends have no on/off switch; disabled sends were imported silent.");
      gainDb = -144;
    }
    if (level) ctx.register(level.attributes["id"], { kind: "send", track: track.id, send: id });
    sends.push({ id, num, target: "", gainDb, preFader: send.attributes["type"] === "pre" });
    ctx.pendingSends.push({ track: track.id, send: id, destination: send.attributes["destination"] });
  }
  track.sends = sends;
}

/** Reads one <Track> (or bare <Channel>) and its nested tracks; returns the new track's id, or undefined for the master. */
export function readTrack(ctx: ImportContext, e: XmlElement, parent: TrackId | null): TrackId | undefined {
  const channel = e.name === "Channel" ? e : child(e, "Channel");
  const kind = kindOf(e, channel);
  const name = e.attributes["name"] ?? channel?.attributes["name"] ?? "Track";
  if (kind === "master") {
    const master = ctx.tracks.get(MASTER_ID)!;
    if (e.attributes["id"]) ctx.trackByXmlId.set(e.attributes["id"], MASTER_ID);
    if (channel) applyChannel(ctx, master, channel);
    for (const nested of childrenNamed(e, "Track")) readTrack(ctx, nested, null);
    return undefined;
  }
  const num = ctx.nextNum();
  const track: Mutable<Track> = { ...createTrack(`track-${num}`, num, kind, name), parent };
  ctx.tracks.set(track.id, track);
  if (e.attributes["id"]) ctx.trackByXmlId.set(e.attributes["id"], track.id);
  if (kind === "folder") track.hasStrip = channel !== undefined;
  if (channel) applyChannel(ctx, track, channel);
  if (e.name === "Track") {
    const children: TrackId[] = [];
    for (const nested of childrenNamed(e, "Track")) {
      const id = readTrack(ctx, nested, track.id);
      if (id !== undefined) children.push(id);
    }
    track.children = children;
  }
  return track.id;
}

function isMixDestination(t: Track): boolean {
  return t.kind === "bus" || t.kind === "master" || (t.kind === "folder" && t.hasStrip);
}

/** The output a track gets without an explicit one: its nearest folder strip, else the master. */
function defaultOutput(ctx: ImportContext, track: Track): TrackId {
  for (let p = track.parent; p !== null; ) {
    const folder = ctx.tracks.get(p)!;
    if (folder.hasStrip) return folder.id;
    p = folder.parent;
  }
  return MASTER_ID;
}

export function resolveRouting(ctx: ImportContext): void {
  const channelTrack = (xmlId: string, what: string): Track => {
    const id = ctx.trackByXmlId.get(xmlId);
    if (id === undefined) throw new DawProjectError(`${what} refers to "${xmlId}", which is not a channel in this file`);
    return ctx.tracks.get(id)!;
  };
  for (const [trackId, destination] of ctx.destinations) {
    const track = ctx.tracks.get(trackId)!;
    const target = channelTrack(destination, `The output of "${track.name}"`);
    if (!isMixDestination(target)) {
      ctx.warn(`"${track.name}" played into "${target.name}", which cannot take audio in Loophole; it now plays into its default output.`);
    } else if (target.id !== defaultOutput(ctx, track) && target.id !== track.id) {
      track.output = target.id;
    }
  }
  for (const pending of ctx.pendingSends) {
    const track = ctx.tracks.get(pending.track)!;
    const target = pending.destination ? channelTrack(pending.destination, `A send of "${track.name}"`) : undefined;
    if (!target || !isMixDestination(target) || target.id === track.id) {
      ctx.warn(`A send of "${track.name}" has no usable destination; it was left out.`);
      track.sends = track.sends.filter((s) => s.id !== pending.send);
      continue;
    }
    track.sends = track.sends.map((s) => (s.id === pending.send ? { ...s, target: target.id } : s));
  }
}
