import { join } from "node:path";
import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { DawProjectError, importDawProject } from "../../../src/interchange/dawproject";
import { decodeState } from "../../../src/model/plugin";
import { MASTER_ID } from "../../../src/model/ids";
import type { Project } from "../../../src/model/project";
import { makeWav } from "./wav";

// Written by hand the way Bitwig Studio lays out its exports: a group (submix) holding an instrument
// track, an effect track fed by a send, the master last; warped audio; automation on a channel volume.
const PROJECT_XML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Project version="1.0">
  <Application name="Bitwig Studio" version="5.2"/>
  <Transport>
    <Tempo max="666.0" min="20.0" unit="bpm" value="128.0" id="id0" name="Tempo"/>
    <TimeSignature denominator="8" numerator="7" id="id1"/>
  </Transport>
  <Structure>
    <Track contentType="audio" loaded="true" id="id2" name="Guitar" color="#a2a2a2">
      <Channel audioChannels="2" destination="id20" role="regular" solo="true" id="id3">
        <Devices>
          <Vst3Plugin deviceID="ABCDEF0123456789ABCDEF0123456789" deviceName="Amp Sim" deviceRole="audioFX" deviceVendor="Acme" loaded="true" id="id4" name="Amp Sim">
            <Parameters>
              <RealParameter max="20000.0" min="20.0" unit="hertz" value="440.0" parameterID="7" id="id5" name="Tone"/>
            </Parameters>
            <Enabled value="false" id="id6" name="On/Off"/>
            <State path="plugins/amp.vstpreset"/>
          </Vst3Plugin>
          <Compressor deviceRole="audioFX" deviceName="Compressor" id="id7" name="Compressor"/>
        </Devices>
        <Mute value="true" id="id8" name="Mute"/>
        <Pan max="1.0" min="0.0" unit="normalized" value="0.25" id="id9" name="Pan"/>
        <Sends>
          <Send destination="id12" type="post" id="id10">
            <Volume max="2.0" min="0.0" unit="linear" value="0.5" id="id11" name="Send"/>
          </Send>
        </Sends>
        <Volume max="2.0" min="0.0" unit="linear" value="0.5011872336272722" id="id13" name="Volume"/>
      </Channel>
    </Track>
    <Track contentType="audio" loaded="true" id="id14" name="FX">
      <Channel audioChannels="2" destination="id20" role="effect" solo="false" id="id12">
        <Volume max="2.0" min="0.0" unit="linear" value="1.0" id="id15" name="Volume"/>
      </Channel>
    </Track>
    <Track contentType="tracks" loaded="true" id="id16" name="Keys Group">
      <Channel audioChannels="2" destination="id20" role="submix" id="id17">
        <Volume max="2.0" min="0.0" unit="decibel" value="-6" id="id18" name="Volume"/>
      </Channel>
      <Track contentType="notes" loaded="true" id="id21" name="Piano">
        <Channel audioChannels="2" destination="id17" role="regular" id="id22">
          <Devices>
            <ClapPlugin deviceID="org.surge-synth-team.surge-xt" deviceName="Surge XT" deviceRole="instrument" loaded="true" id="id23" name="Surge XT">
              <State path="plugins/surge.clap-preset"/>
            </ClapPlugin>
          </Devices>
        </Channel>
      </Track>
    </Track>
    <Track contentType="audio notes" loaded="true" id="id19" name="Master">
      <Channel audioChannels="2" role="master" solo="false" id="id20">
        <Volume max="2.0" min="0.0" unit="linear" value="1.0" id="id24" name="Volume"/>
      </Channel>
    </Track>
  </Structure>
  <Arrangement id="id30">
    <Lanes timeUnit="beats" id="id31">
      <Lanes track="id2" id="id32">
        <Clips id="id33">
          <Clip time="8.0" duration="4.0" playStart="0.0" fadeTimeUnit="beats" fadeInTime="0.5" fadeOutTime="0.0" name="Riff.wav">
            <Warps contentTimeUnit="seconds" timeUnit="beats" id="id34">
              <Audio algorithm="stretch" channels="2" duration="2.0" sampleRate="48000" id="id35">
                <File path="audio/Riff.wav"/>
              </Audio>
              <Warp time="0.0" contentTime="0.0"/>
              <Warp time="4.0" contentTime="2.0"/>
            </Warps>
          </Clip>
        </Clips>
        <Points unit="linear" id="id36">
          <Target parameter="id13"/>
          <RealPoint time="0.0" value="1.0" interpolation="linear"/>
          <RealPoint time="4.0" value="0.0" interpolation="hold"/>
        </Points>
        <Points unit="hertz" id="id37">
          <Target parameter="id5"/>
          <RealPoint time="0.0" value="20.0" interpolation="linear"/>
          <RealPoint time="2.0" value="10010.0" interpolation="linear"/>
        </Points>
      </Lanes>
      <Lanes track="id21" id="id40">
        <Clips id="id41">
          <Clip time="0.0" duration="8.0" playStart="0.0" loopStart="0.0" loopEnd="4.0" name="Chords">
            <Notes id="id42">
              <Note time="0.0" duration="1.0" channel="0" key="60" vel="0.787402" rel="0.5"/>
              <Note time="2.0" duration="0.5" channel="1" key="64" vel="1.0"/>
              <Note time="5.0" duration="0.5" channel="0" key="67" vel="0.5"/>
            </Notes>
          </Clip>
          <Clip time="16.0" duration="8.0" playStart="1.0" name="Container">
            <Clips id="id43">
              <Clip time="2.0" duration="2.0" name="Inner">
                <Notes id="id44"><Note time="0.5" duration="1.0" channel="0" key="72" vel="0.5"/></Notes>
              </Clip>
            </Clips>
          </Clip>
        </Clips>
      </Lanes>
    </Lanes>
    <Markers>
      <Marker time="0.0" name="Start" color="#ff0000"/>
      <Marker time="16.0" name="Drop"/>
    </Markers>
    <TempoAutomation unit="bpm" id="id50">
      <Target parameter="id0"/>
      <RealPoint time="0.0" value="128.0" interpolation="hold"/>
      <RealPoint time="32.0" value="140.0" interpolation="hold"/>
    </TempoAutomation>
  </Arrangement>
  <Scenes/>
</Project>`;

const METADATA_XML = `<?xml version="1.0" encoding="UTF-8"?>
<MetaData><Title>Hand Made</Title><Artist>A. Tester</Artist><Comment>fixture</Comment></MetaData>`;

const riff = makeWav(2, 48000, 2);
const ampState = strToU8("VST3 preset bytes");
const surgeState = new Uint8Array([1, 2, 3, 4, 5]);

function archive(files: Record<string, Uint8Array | string>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, typeof v === "string" ? strToU8(v) : v])));
}

const fixture = () =>
  archive({ "project.xml": PROJECT_XML, "metadata.xml": METADATA_XML, "audio/Riff.wav": riff, "plugins/amp.vstpreset": ampState, "plugins/surge.clap-preset": surgeState });

function byName(project: Project, name: string) {
  const track = [...project.tracks.values()].find((t) => t.name === name);
  if (!track) throw new Error(`no track ${name}`);
  return track;
}

describe("a hand-made DAWproject", () => {
  const { project, media, warnings } = importDawProject(fixture(), { mediaDirectory: "/media" });

  it("imports tracks with their kinds, nesting and mixer settings", () => {
    const guitar = byName(project, "Guitar");
    const fx = byName(project, "FX");
    const group = byName(project, "Keys Group");
    const piano = byName(project, "Piano");
    expect(project.order).toEqual([guitar.id, fx.id, group.id]);
    expect([guitar.kind, fx.kind, group.kind, piano.kind]).toEqual(["audio", "bus", "folder", "instrument"]);
    expect(group.hasStrip).toBe(true);
    expect(group.children).toEqual([piano.id]);
    expect(piano.parent).toBe(group.id);
    expect(guitar.gainDb).toBeCloseTo(-6, 6);
    expect(group.gainDb).toBe(-6);
    expect(guitar.pan).toBe(-0.5);
    expect(guitar.mute).toBe(true);
    expect(guitar.solo).toBe(true);
    expect(project.tracks.get(MASTER_ID)!.gainDb).toBe(0);
    // Default routes stay implicit: to the master, and from the piano to its group.
    expect(guitar.output).toBeNull();
    expect(piano.output).toBeNull();
    expect(guitar.sends).toEqual([expect.objectContaining({ target: fx.id, preFader: false })]);
    expect(guitar.sends[0]!.gainDb).toBeCloseTo(-6.0206, 3);
  });

  it("imports plugins with their states and bypass, and says which devices it left out", () => {
    const guitar = byName(project, "Guitar");
    expect(guitar.plugins).toHaveLength(1);
    expect(guitar.plugins[0]).toMatchObject({ format: "VST3", uid: "ABCDEF0123456789ABCDEF0123456789", name: "Amp Sim", bypass: true });
    expect(decodeState(guitar.plugins[0]!.state)).toEqual(ampState);
    const surge = byName(project, "Piano").plugins[0]!;
    expect(surge).toMatchObject({ format: "CLAP", uid: "org.surge-synth-team.surge-xt", bypass: false });
    expect(decodeState(surge.state)).toEqual(surgeState);
    expect(warnings).toEqual(expect.arrayContaining([expect.stringMatching(/"Compressor" \(Compressor\) is a device Loophole cannot host/)]));
  });

  it("imports clips: warped audio at its own speed, looped MIDI notes", () => {
    const [audio] = Object.values(byName(project, "Guitar").clips);
    expect(audio).toMatchObject({
      kind: "audio", name: "Riff.wav", start: 8, length: 4, file: join("/media", "Riff.wav"), sourceOffset: 0,
      fadeIn: { beats: 0.5, shape: "Linear" }, loopSeconds: null,
    });
    expect(media.map((m) => m.path)).toEqual([join("/media", "Riff.wav")]);
    expect(Buffer.compare(media[0]!.bytes, riff)).toBe(0);
    expect(warnings).toEqual(expect.arrayContaining([expect.stringMatching(/Warped/)]));

    const [chords] = Object.values(byName(project, "Piano").clips);
    expect(chords).toMatchObject({ kind: "midi", name: "Chords", start: 0, length: 8, loopBeats: 4 });
    // The note at beat 5 lies outside the 4-beat loop and never plays.
    expect(chords!.kind === "midi" && chords!.notes).toEqual([
      { beat: 0, length: 1, pitch: 60, velocity: 100, channel: 0 },
      { beat: 2, length: 0.5, pitch: 64, velocity: 127, channel: 1 },
    ]);
  });

  it("flattens clips nested in a container clip onto the track", () => {
    const inner = Object.values(byName(project, "Piano").clips).find((c) => c.name === "Inner");
    expect(inner).toMatchObject({ kind: "midi", start: 17, length: 2, notes: [{ beat: 0.5, length: 1, pitch: 72, velocity: 64, channel: 0 }] });
  });

  it("imports automation of channel volume and of plugin parameters (rescaled to 0..1)", () => {
    const guitar = byName(project, "Guitar");
    const lanes = Object.values(guitar.automation);
    const volume = lanes.find((l) => l.target.kind === "strip")!;
    expect(volume.target).toEqual({ kind: "strip", param: "gain" });
    expect(volume.points).toEqual([
      { beat: 0, value: 0, shape: "Linear", tension: 0 },
      { beat: 4, value: -144, shape: "Hold", tension: 0 },
    ]);
    const tone = lanes.find((l) => l.target.kind === "plugin")!;
    expect(tone.target).toEqual({ kind: "plugin", plugin: guitar.plugins[0]!.id, param: 7 });
    expect(tone.points.map((p) => p.value)).toEqual([0, 0.5]);
  });

  it("imports tempo, time signature, markers and metadata", () => {
    expect(project.tempo).toEqual({
      tempos: [{ beat: 0, bpm: 128 }, { beat: 32, bpm: 140 }],
      meters: [{ beat: 0, numerator: 7, denominator: 8 }],
    });
    expect(Object.values(project.markers).map((m) => [m.name, m.beat])).toEqual([["Start", 0], ["Drop", 16]]);
    expect(project.meta).toMatchObject({ title: "Hand Made", artist: "A. Tester", notes: "fixture" });
  });
});

describe("broken DAWproject files", () => {
  const withProject = (xml: string) => archive({ "project.xml": xml, "audio/Riff.wav": riff });
  const cases: [string, Uint8Array, RegExp][] = [
    ["random bytes", new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]), /ZIP container cannot be read/],
    ["a ZIP without project.xml", archive({ "readme.txt": "hi" }), /has no project\.xml/],
    ["malformed XML", withProject("<Project version=\"1.0\"><Structure></Project>"), /project\.xml: malformed XML at line 1/],
    ["the wrong root element", withProject("<Song/>"), /root element is <Song>/],
    ["a destination that is not a channel", withProject(PROJECT_XML.replace('destination="id20" role="regular" solo="true"', 'destination="nowhere" role="regular" solo="true"')), /refers to "nowhere", which is not a channel/],
    ["a note time that is not a number", withProject(PROJECT_XML.replace('time="2.0" duration="0.5" channel="1"', 'time="soon" duration="0.5" channel="1"')), /time="soon" is not a number/],
    ["missing embedded audio", archive({ "project.xml": PROJECT_XML }), /"audio\/Riff\.wav" is referenced but not in the archive/],
    ["a lane on an unknown track", withProject(PROJECT_XML.replace('<Lanes track="id21"', '<Lanes track="id999"')), /track "id999", which is not in this file/],
  ];
  it.each(cases)("rejects %s with a clear DawProjectError", (_, bytes, message) => {
    expect(() => importDawProject(bytes, { mediaDirectory: "/media" })).toThrow(DawProjectError);
    expect(() => importDawProject(bytes, { mediaDirectory: "/media" })).toThrow(message);
  });

  it("finds external audio next to the file, and says it skipped the clip launcher", () => {
    const xml = PROJECT_XML.replace('<File path="audio/Riff.wav"/>', '<File path="takes/Riff.wav" external="true"/>').replace(
      "<Scenes/>", '<Scenes><Scene id="s1" name="Verse"><Lanes id="s2"/></Scene></Scenes>',
    );
    const result = importDawProject(archive({ "project.xml": xml }), { mediaDirectory: "/media", baseDirectory: "/songs" });
    const [audio] = Object.values(byName(result.project, "Guitar").clips);
    expect(audio).toMatchObject({ kind: "audio", file: join("/songs", "takes/Riff.wav") });
    expect(result.media).toEqual([]);
    expect(result.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/scenes are not imported/)]));
  });

  it("refuses to unpack more than the allowed size", () => {
    const big = archive({ "project.xml": PROJECT_XML, "audio/Riff.wav": new Uint8Array(1_000_000) });
    expect(() => importDawProject(big, { mediaDirectory: "/media", maxUnpackedBytes: 500_000 })).toThrow(
      /unpacks to \d+ bytes, more than the 500000 allowed/,
    );
  });

  it("imports a project whose metadata.xml is broken, with a warning", () => {
    const bytes = archive({ "project.xml": PROJECT_XML, "metadata.xml": "<MetaData><Title>", "audio/Riff.wav": riff });
    const result = importDawProject(bytes, { mediaDirectory: "/media" });
    expect(result.project.meta.title).toBe("Untitled");
    expect(result.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/metadata\.xml: malformed XML/)]));
    expect(result.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/state of "Amp Sim" \(plugins\/amp\.vstpreset\) is not in the file/)]));
  });
});
