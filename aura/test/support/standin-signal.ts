// A stand-in engine executable for supervisor tests: it prints Signal's ready line, speaks the
// contract (Welcome, Ack, telemetry with a moving transport) and appends every command it receives to
// a log, so a test can check what the supervisor replayed after a crash. It makes no sound; e2e
// tests use the real loophole-signal.
import { createServer } from "node:net";
import { appendFileSync } from "node:fs";
import { ipc, encodeFrame, decodeFrame, FrameReader } from "@loophole/contract";

const args = process.argv.slice(2);
const arg = (name: string) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const socketPath = arg("--socket")!;
const logPath = arg("--log");
const major = Number(arg("--major") ?? 1);
if (args.includes("--die-at-start")) process.exit(3);

let playing = false;
let position = 0n;
let seq = 1n;
setInterval(() => { if (playing) position += 800n; }, 16);

createServer((socket) => {
  const reader = new FrameReader();
  const send = (replyTo: bigint, type: ipc.Body, body: ipc.FrameT["body"]) => socket.write(encodeFrame(new ipc.FrameT(seq++, replyTo, type, body)));
  let telemetry: NodeJS.Timeout | undefined;
  socket.on("close", () => clearInterval(telemetry));
  socket.on("error", () => {});
  socket.on("data", (chunk) => {
    reader.append(chunk as Buffer);
    for (let wire = reader.next(); wire; wire = reader.next()) {
      const f = decodeFrame(wire).unpack();
      const entry: Record<string, unknown> = { type: ipc.Body[f.bodyType] };
      if (f.bodyType === ipc.Body.TransportCommand) {
        const t = f.body as ipc.TransportCommandT;
        entry.action = ipc.TransportAction[t.action];
        entry.position = String(t.position);
        if (t.position >= 0n) position = t.position;
        if (t.action === ipc.TransportAction.Play) playing = true;
        if (t.action === ipc.TransportAction.Stop) playing = false;
      }
      if (f.bodyType === ipc.Body.LoadGraph) entry.channels = (f.body as ipc.LoadGraphT).snapshot?.channels.length ?? 0;
      if (f.bodyType === ipc.Body.SetParameters) entry.changes = (f.body as ipc.SetParametersT).changes.map((c) => [c.address!.node, c.address!.param, c.value]);
      if (logPath) appendFileSync(logPath, `${JSON.stringify(entry)}\n`);
      if (f.bodyType === ipc.Body.Hello) send(f.seq, ipc.Body.Welcome, new ipc.WelcomeT(major, 0, "standin 0", process.pid, 48000, 256, "offline"));
      else if (f.bodyType === ipc.Body.ScanPlugins) send(f.seq, ipc.Body.PluginCatalogue, scanResult());
      else if (f.bodyType === ipc.Body.OpenEditor) {
        // Acts out a plugin whose host dies when its editor opens.
        const processor = (f.body as ipc.OpenEditorT).processor;
        send(0n, ipc.Body.PluginFault, new ipc.PluginFaultT(processor, ipc.PluginStatusCode.Crashed, "host killed by SIGSEGV"));
        send(f.seq, ipc.Body.Error, new ipc.ErrorT(ipc.ErrorCode.PluginFailed, "the plugin's host process died", "processor"));
      }
      else send(f.seq, ipc.Body.Ack, new ipc.AckT());
      if (f.bodyType === ipc.Body.Shutdown) setTimeout(() => process.exit(0), 10);
      if (f.bodyType === ipc.Body.Subscribe) {
        telemetry = setInterval(() => send(0n, ipc.Body.Telemetry, new ipc.TelemetryT(position, new ipc.TransportStateT(playing, false, position), 0.1, 0, [new ipc.MeterT(1, playing ? 0.5 : 0, playing ? 0.5 : 0, 0, 0)], [])), 16);
      }
    }
  });
}).listen(socketPath, () => console.log(`loophole-signal: listening on ${socketPath} (standin)`));

/** One plugin in two formats (as zam-plugins installs ZamComp), and one the scanner blocked. */
function scanResult(): ipc.PluginCatalogueT {
  const plugin = (format: ipc.PluginFormat, uid: string, category: string, blocked = false) => {
    const p = new ipc.PluginDescriptionT();
    Object.assign(p, { uid, format, name: "ZamComp", vendor: "Damien Zammit", version: "4.1", category, path: `/usr/lib/${uid}`, mainInputs: 2, mainOutputs: 2, blocked });
    return p;
  };
  const crashy = plugin(ipc.PluginFormat.CLAP, "crashy", "", true);
  Object.assign(crashy, { name: "Crashy", vendor: "Nobody", blockedReason: "crashed: SIGSEGV" });
  return new ipc.PluginCatalogueT([plugin(ipc.PluginFormat.LV2, "urn:zamaudio:ZamComp", "lv2:CompressorPlugin"), plugin(ipc.PluginFormat.VST3, "vst3-zamcomp", "Fx|Dynamics"), crashy]);
}
