// Applies loophole/extensions.json (see extensions.ts) to an imported project, if the file has one.
import type { LoopRange } from "../../model/project";
import { text } from "./archive";
import { EXTENSIONS_FILE, parseExtensions, type Extensions } from "./extensions";
import type { ImportContext } from "./import-context";

/** Returns the loop range it carried; everything else is written into the context's tracks. */
export function applyExtensions(ctx: ImportContext): LoopRange | null {
  const bytes = ctx.files[EXTENSIONS_FILE];
  if (!bytes) return null;
  let extensions: Extensions;
  try {
    extensions = parseExtensions(text(bytes));
  } catch (error) {
    ctx.warn(`${EXTENSIONS_FILE} could not be read (${(error as Error).message}); Loophole-only settings were not restored.`);
    return null;
  }
  for (const [xmlId, extras] of Object.entries(extensions.tracks)) {
    const id = ctx.trackByXmlId.get(xmlId);
    const track = id === undefined ? undefined : ctx.tracks.get(id);
    if (!track) continue;
    if (extras.soloSafe !== undefined) track.soloSafe = extras.soloSafe;
    if (extras.polarityInvert !== undefined) track.polarityInvert = extras.polarityInvert;
  }
  for (const [xmlId, extras] of Object.entries(extensions.devices)) {
    const where = ctx.deviceByXmlId.get(xmlId);
    if (!where) continue;
    const track = ctx.tracks.get(where.track)!;
    const sidechainFrom = extras.sidechainFrom === undefined ? null : (ctx.trackByXmlId.get(extras.sidechainFrom) ?? null);
    track.plugins = track.plugins.map((p) =>
      p.id === where.plugin ? { ...p, isolation: extras.isolation ?? p.isolation, sidechainFrom } : p,
    );
  }
  for (const [xmlId, extras] of Object.entries(extensions.audioClips)) {
    const where = ctx.audioClipByXmlId.get(xmlId);
    const track = where && ctx.tracks.get(where.track);
    const clip = where && track?.clips[where.clip];
    if (!track || clip?.kind !== "audio") continue;
    track.clips = {
      ...track.clips,
      [clip.id]: {
        ...clip,
        gainDb: extras.gainDb ?? clip.gainDb,
        fadeIn: { ...clip.fadeIn, shape: extras.fadeInShape ?? clip.fadeIn.shape },
        fadeOut: { ...clip.fadeOut, shape: extras.fadeOutShape ?? clip.fadeOut.shape },
      },
    };
  }
  for (const [xmlId, extras] of Object.entries(extensions.points)) {
    const where = ctx.pointsByXmlId.get(xmlId);
    const track = where && ctx.tracks.get(where.track);
    const lane = where && track?.automation[where.lane];
    // Only when the lane still has the points the extension describes (no duplicate beats were merged).
    if (!track || !lane || lane.points.length !== extras.length) continue;
    const points = lane.points.map((p, i) => ({ ...p, shape: extras[i]!.shape, tension: extras[i]!.tension }));
    track.automation = { ...track.automation, [lane.id]: { ...lane, points } };
  }
  return extensions.loop;
}
