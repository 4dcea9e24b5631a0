// Full validation of a project that came from outside (a file, a migration, an IPC peer): shapes,
// ranges, unique engine nums, references and routing. Operations validate incrementally instead.
import { PulseError } from "../model/errors";
import { MASTER_ID, MASTER_NUM, MAX_NUM } from "../model/ids";
import { BUILTIN_KINDS, ISOLATION_MODES, PLUGIN_FORMATS } from "../model/plugin";
import type { Project } from "../model/project";
import type { Track } from "../model/track";
import type { AutomationLane, AutomationTarget } from "../model/automation";
import type { Clip } from "../model/clip";
import type { Marker } from "../model/project";
import type { Environment } from "../ops/context";
import { base64, beat, bool, int, list, oneOf, str } from "../ops/values";
import { checkClip, checkPoints, checkTempoMap, gainDb, pan, plainlyValid } from "./entities";
import { checkRouting } from "./routing";
import type { PulseErrorData } from "../model/errors";

function obj(v: unknown, path: (string | number)[], what: string): Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw new PulseError("InvalidValue", `${what} must be an object.`, path);
  return v as Record<string, unknown>;
}

export function validateProject(p: Project): void {
  const root = obj(p, [], "The project");
  const meta = obj(root.meta, ["meta"], "Metadata");
  for (const k of ["title", "artist", "notes", "created", "modified"]) str(meta[k], ["meta", k], `Metadata ${k}`, 1_000_000);
  int(p.nextNum, ["nextNum"], "nextNum", 2, MAX_NUM);
  checkTempoMap(obj(p.tempo, ["tempo"], "The tempo map") as never, ["tempo"]);
  list(p.order, ["order"], "The track list");
  const nums = new Set<number>();
  // Paths are only built when something is wrong: this runs for every entity on load.
  const claim = (n: unknown, base: (string | number)[], key?: string | number): void => {
    const path = (): (string | number)[] => (key === undefined ? [...base, "num"] : [...base, key, "num"]);
    if (!Number.isInteger(n) || (n as number) < 1 || (n as number) > MAX_NUM) int(n, path(), "Engine id", 1, MAX_NUM);
    if (nums.has(n as number)) throw new PulseError("DuplicateId", `Engine id ${String(n)} is used twice.`, path());
    if ((n as number) >= p.nextNum) throw new PulseError("InvalidValue", `Engine id ${String(n)} is not below nextNum.`, path());
    nums.add(n as number);
  };
  if (!(p.tracks instanceof Map)) throw new PulseError("InvalidValue", "Tracks must be a Map keyed by track id.", ["tracks"]);
  for (const [id, raw] of p.tracks) {
    const at = ["tracks", id];
    const t = obj(raw, at, "A track") as unknown as Track;
    if (t.id !== id) throw new PulseError("InvalidValue", `Track "${id}" carries the id "${String(t.id)}".`, [...at, "id"]);
    if (id === MASTER_ID ? t.kind !== "master" || t.num !== MASTER_NUM : t.kind === "master")
      throw new PulseError("InvalidValue", "Only the track \"master\" is the master, with engine id 1.", [...at, "kind"]);
    oneOf(t.kind, ["audio", "instrument", "bus", "folder", "master"] as const, [...at, "kind"], "Track kind");
    claim(t.num, at);
    str(t.name, [...at, "name"], "Track name", 1000);
    list(t.children, [...at, "children"], "Children");
    for (const k of ["hasStrip", "mute", "solo", "soloSafe", "polarityInvert"] as const) bool(t[k], [...at, k], k);
    gainDb(t.gainDb, [...at, "gainDb"]);
    pan(t.pan, [...at, "pan"]);
    list(t.sends, [...at, "sends"], "Sends").forEach((s, i) => {
      const sp = [...at, "sends", i];
      const x = obj(s, sp, "A send");
      str(x.id, [...sp, "id"], "Send id", 200);
      claim(x.num, sp);
      gainDb(x.gainDb, [...sp, "gainDb"], "Send gain (dB)");
      bool(x.preFader, [...sp, "preFader"], "Pre-fader");
    });
    list(t.plugins, [...at, "plugins"], "Plugins").forEach((raw2, i) => {
      const pp = [...at, "plugins", i];
      const x = obj(raw2, pp, "A plugin");
      str(x.id, [...pp, "id"], "Plugin id", 200);
      claim(x.num, pp);
      const format = oneOf(x.format, PLUGIN_FORMATS, [...pp, "format"], "Plugin format");
      if (format === "BuiltIn") oneOf(x.builtin, BUILTIN_KINDS, [...pp, "builtin"], "Built-in processor");
      str(x.uid, [...pp, "uid"], "Plugin uid", 1000);
      str(x.name, [...pp, "name"], "Plugin name", 1000);
      base64(x.state, [...pp, "state"], "Plugin state");
      bool(x.bypass, [...pp, "bypass"], "Bypass");
      oneOf(x.isolation, ISOLATION_MODES, [...pp, "isolation"], "Isolation mode");
    });
    const clipsPath = [...at, "clips"];
    const home = t.kind === "audio" ? "audio" : t.kind === "instrument" ? "midi" : null;
    const clips = obj(t.clips, clipsPath, "Clips") as Record<string, Clip>;
    for (const cid in clips) {
      const c = clips[cid]!;
      if (typeof c !== "object" || c === null) obj(c, [...clipsPath, cid], "A clip");
      if (c.id !== cid) throw new PulseError("InvalidValue", `Clip "${cid}" carries the id "${String(c.id)}".`, [...clipsPath, cid, "id"]);
      claim(c.num, clipsPath, cid);
      if (!plainlyValid(c)) checkClip(c, [...clipsPath, cid]);
      if (c.kind !== home) throw new PulseError("InvalidValue", `A ${c.kind} clip cannot sit on a ${t.kind} track.`, [...clipsPath, cid, "kind"]);
    }
    for (const [lid, l] of Object.entries(obj(t.automation, [...at, "automation"], "Automation")) as [string, AutomationLane][]) {
      const lp = [...at, "automation", lid];
      obj(l, lp, "A lane");
      obj(l.target, [...lp, "target"], "A lane target");
      checkPoints(l.points, l.target as AutomationTarget, [...lp, "points"]);
      const tg = l.target as AutomationTarget;
      if ((tg.kind === "send" && !t.sends.some((s) => s.id === tg.send)) || (tg.kind === "plugin" && !t.plugins.some((x) => x.id === tg.plugin)))
        throw new PulseError("DanglingReference", "An automation lane targets a send or plugin the track does not have.", [...lp, "target"]);
    }
  }
  for (const [mid, m] of Object.entries(obj(p.markers, ["markers"], "Markers")) as [string, Marker][]) {
    claim(m.num, ["markers", mid]);
    str(m.name, ["markers", mid, "name"], "Marker name", 1000);
    beat(m.beat, ["markers", mid, "beat"], "Marker position");
  }
  if (p.loop !== null) {
    const l = obj(p.loop, ["loop"], "The loop");
    beat(l.start, ["loop", "start"], "Loop start");
    beat(l.end, ["loop", "end"], "Loop end");
    bool(l.enabled, ["loop", "enabled"], "Loop enabled");
  }
  checkRouting(p);
}

/** Plugins not in the catalogue and audio files that are gone: reported, not fatal, so a project
 *  always opens and the user can fix it. */
export function findMissing(p: Project, env: Environment): PulseErrorData[] {
  const out: PulseErrorData[] = [];
  for (const t of p.tracks.values()) {
    t.plugins.forEach((x, i) => {
      if (x.format !== "BuiltIn" && env.hasPlugin && !env.hasPlugin(x.format, x.uid))
        out.push({ code: "MissingPlugin", message: `The ${x.format} plugin "${x.uid}" on "${t.name}" is not in the plugin catalogue.`, path: ["tracks", t.id, "plugins", i, "uid"] });
    });
    for (const c of Object.values(t.clips)) {
      if (c.kind !== "audio") continue;
      const verdict = env.media?.check(c.file);
      if (verdict && !verdict.ok) {
        out.push({ code: verdict.error.code, message: `${verdict.error.message} (clip "${c.name || c.id}" on "${t.name}")`, path: ["tracks", t.id, "clips", c.id, "file"] });
        continue;
      }
      if (!verdict && env.fileExists && !env.fileExists(c.file))
        out.push({ code: "MissingFile", message: `The audio file "${c.file}" of clip "${c.name || c.id}" on "${t.name}" does not exist.`, path: ["tracks", t.id, "clips", c.id, "file"] });
    }
  }
  return out;
}
