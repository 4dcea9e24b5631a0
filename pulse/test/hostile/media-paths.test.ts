// No path traversal: a project file cannot make Loophole read outside the project's folder and the
// media folders the user chose — not through "..", absolute paths, symlinks, NUL bytes, devices or
// pipes. Refused paths are reported (PathNotAllowed), never looked at, never sent to the engine.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, test } from "vitest";
import { unzipSync } from "fflate";
import { dawproject, MediaAccess, ProjectSession, saveProjectFile, type MediaLookup } from "../../src/index";
import { rejection } from "../helpers";

let root: string;
let projectDir: string;
let samples: string;
let secret: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "pulse-media-"));
  projectDir = join(root, "song");
  samples = join(root, "samples");
  secret = join(root, "secret");
  for (const d of [join(projectDir, "audio"), samples, join(root, "samples-evil"), secret]) mkdirSync(d, { recursive: true });
  writeFileSync(join(projectDir, "audio", "kick.wav"), "RIFF kick");
  writeFileSync(join(samples, "snare.wav"), "RIFF snare");
  writeFileSync(join(root, "samples-evil", "a.wav"), "RIFF evil");
  writeFileSync(join(secret, "id_rsa"), "PRIVATE KEY");
  symlinkSync(join(secret, "id_rsa"), join(projectDir, "audio", "escape.wav"));
  symlinkSync(secret, join(projectDir, "audio", "secrets"));
  symlinkSync(join(projectDir, "audio", "kick.wav"), join(projectDir, "audio", "alias.wav"));
  mkdirSync(join(projectDir, "audio", "folder.wav"));
  execFileSync("mkfifo", [join(projectDir, "audio", "pipe.wav")]);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** Records every path the policy looks at on disk. */
function spying(): { lookup: MediaLookup; touched: string[] } {
  const touched: string[] = [];
  return {
    touched,
    lookup: {
      realpath: (p) => { touched.push(p); return realpathSync.native(p); },
      isFile: (p) => { touched.push(p); return statSync(p).isFile(); },
    },
  };
}

test("the rule: inside the project folder or a chosen media folder, symlinks resolved, regular files only", () => {
  const { lookup, touched } = spying();
  const media = new MediaAccess({ projectDir, userRoots: [samples] }, lookup);
  const allowed: [string, string][] = [
    ["audio/kick.wav", join(projectDir, "audio", "kick.wav")],
    [join(projectDir, "audio", "kick.wav"), join(projectDir, "audio", "kick.wav")],
    ["./audio/../audio/kick.wav", join(projectDir, "audio", "kick.wav")],
    ["audio/alias.wav", join(projectDir, "audio", "kick.wav")],
    [join(samples, "snare.wav"), join(samples, "snare.wav")],
  ];
  for (const [ref, path] of allowed) expect(media.check(ref), ref).toEqual({ ok: true, path });

  const refused: [string, RegExp][] = [
    ["../secret/id_rsa", /outside the project's folder or your media folders/],
    ["../../../../../../etc/passwd", /outside/],
    ["/etc/passwd", /outside/],
    ["audio/../../secret/id_rsa", /outside/],
    [join(root, "samples-evil", "a.wav"), /outside/], // a sibling sharing the root's name as a prefix
    ["/dev/zero", /outside/],
    ["audio/escape.wav", /link that leads outside/],
    ["audio/secrets/id_rsa", /link that leads outside/],
    ["audio/kick.wav\0.txt", /NUL byte/],
    ["audio/pipe.wav", /not a regular file/],
    ["audio/folder.wav", /not a regular file/],
    ["", /not a file path/],
  ];
  for (const [ref, why] of refused) {
    const v = media.check(ref);
    expect(v.ok, ref).toBe(false);
    if (!v.ok) { expect(v.error.code).toBe("PathNotAllowed"); expect(v.error.message).toMatch(why); }
  }
  expect(media.check("audio/gone.wav")).toMatchObject({ ok: false, error: { code: "MissingFile" } });
  // Paths outside the roots are refused on their face: never stat'ed, opened or resolved.
  expect(touched.filter((p) => !p.startsWith(projectDir) && !p.startsWith(samples))).toEqual([]);
  expect(touched.some((p) => p.includes("secret") && !p.startsWith(projectDir))).toBe(false);
});

test("an unsaved project accepts only absolute paths inside the chosen media folders", () => {
  const media = new MediaAccess({ projectDir: null, userRoots: [samples] });
  expect(media.check(join(samples, "snare.wav")).ok).toBe(true);
  expect(media.check("snare.wav")).toMatchObject({ ok: false, error: { code: "PathNotAllowed", message: expect.stringContaining("relative path") } });
  expect(media.check(join(projectDir, "audio", "kick.wav")).ok).toBe(false);
});

test("a hostile project file opens, its refused clips are reported, kept intact, and never reach the engine or an export", async () => {
  const file = join(projectDir, "song.lphl");
  const build = ProjectSession.create();
  build.apply([{ op: "track.add", id: "a", kind: "audio", name: "Audio" }]);
  const refs = ["audio/kick.wav", join(samples, "snare.wav"), "../secret/id_rsa", "/etc/passwd", "audio/escape.wav", "audio/pipe.wav", "/dev/zero"];
  refs.forEach((ref, i) => build.apply([{ op: "clip.add", track: "a", clip: { kind: "audio", id: `c${i}`, start: i * 4, length: 4, file: ref } }]));
  await saveProjectFile(file, build.project);
  const saved = readFileSync(file, "utf8");

  const media = new MediaAccess({ projectDir, userRoots: [samples] });
  const s = await ProjectSession.open(file, { env: { media } });
  const sentToEngine = s.deriveGraph().channels.flatMap((c) => c.audioClips.map((a) => a.file));
  expect(sentToEngine.sort()).toEqual([join(projectDir, "audio", "kick.wav"), join(samples, "snare.wav")].sort());
  const missing = s.missing();
  expect(missing.map((m) => [m.code, m.path.at(-2)])).toEqual([
    ["PathNotAllowed", "c2"], ["PathNotAllowed", "c3"], ["PathNotAllowed", "c4"], ["PathNotAllowed", "c5"], ["PathNotAllowed", "c6"],
  ]);
  expect(missing[0]!.message).toContain('"../secret/id_rsa" is not read');
  // The user's data is kept as it was: saving again writes the same references.
  expect(Object.values(s.project.tracks.get("a")!.clips).map((c) => c.kind === "audio" && c.file)).toEqual(refs);
  await s.save();
  expect(JSON.parse(readFileSync(file, "utf8")).project.tracks.find((t: { id: string }) => t.id === "a").clips)
    .toEqual(JSON.parse(saved).project.tracks.find((t: { id: string }) => t.id === "a").clips);

  // An export embeds only allowed media; the secret is neither embedded nor read.
  const exported = join(root, "out.dawproject");
  await dawproject.saveDawProject(s.project, exported, media);
  const archive = unzipSync(new Uint8Array(readFileSync(exported)));
  const embedded = Object.values(archive).map((b) => Buffer.from(b).toString("latin1"));
  expect(embedded.some((t) => t.includes("PRIVATE KEY"))).toBe(false);
  expect(embedded.some((t) => t.startsWith("RIFF kick"))).toBe(true);
  await s.close();
});

test("an edit cannot point a clip outside the allowed folders either", () => {
  const media = new MediaAccess({ projectDir, userRoots: [samples] });
  const s = ProjectSession.create({ env: { media } });
  s.apply([{ op: "track.add", id: "a", kind: "audio" }]);
  const before = s.project;
  const e = rejection(() => s.apply([{ op: "clip.add", track: "a", clip: { kind: "audio", start: 0, length: 1, file: "/etc/shadow" } }]));
  expect(e).toMatchObject({ code: "PathNotAllowed", path: ["ops", 0, "clip", "file"] });
  expect(s.project).toBe(before);
  s.apply([{ op: "clip.add", track: "a", clip: { kind: "audio", id: "k", start: 0, length: 1, file: join(samples, "snare.wav") } }]);
  expect(rejection(() => s.apply([{ op: "clip.set", track: "a", clip: "k", file: `${samples}/../secret/id_rsa` }])).code).toBe("PathNotAllowed");
});

test("a folder the user allows later makes its clips readable, and the engine graph follows", async () => {
  const file = join(projectDir, "song.loophole");
  const build = ProjectSession.create();
  build.apply([
    { op: "track.add", id: "a", kind: "audio", name: "Audio" },
    { op: "clip.add", track: "a", clip: { kind: "audio", id: "s", start: 0, length: 4, file: join(samples, "snare.wav") } },
  ]);
  await saveProjectFile(file, build.project);
  const media = new MediaAccess({ projectDir, userRoots: [] });
  const s = await ProjectSession.open(file, { env: { media } });
  const clipsSent = () => s.deriveGraph().channels.flatMap((c) => c.audioClips.map((a) => a.file));
  const before = s.revision;
  expect(clipsSent()).toEqual([]);
  expect(s.missing().map((m) => m.code)).toEqual(["PathNotAllowed"]);
  media.allow(samples);
  s.mediaChanged();
  expect(clipsSent()).toEqual([join(samples, "snare.wav")]);
  expect(s.missing()).toEqual([]);
  // A diff from a graph derived before the folder was allowed carries the clip to the engine.
  s.apply([{ op: "track.rename", track: "a", name: "Snare" }]);
  expect(s.diffSince(before).upsertChannels.find((c) => c.name === "Snare")!.audioClips.map((a) => a.file)).toEqual([join(samples, "snare.wav")]);
  // Only absolute folders count: a relative one is not resolved against anything.
  media.allow("../samples-evil");
  expect(media.check(join(root, "samples-evil", "a.wav"))).toMatchObject({ ok: false, error: { code: "PathNotAllowed" } });
  await s.close();
});
