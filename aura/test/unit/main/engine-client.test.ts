import { afterEach, describe, expect, it } from "vitest";
import { ipc } from "@loophole/contract";
import { EngineClient, EngineError, IncompatibleEngineError } from "../../../src/main/engine/engine-client";
import { engineCommands } from "../../../src/main/engine/engine-commands";
import { politeEngine, scriptedEngine, welcome } from "../../support/scripted-engine";

const closers: (() => Promise<void>)[] = [];
afterEach(async () => { while (closers.length) await closers.pop()!(); });

describe("EngineClient", () => {
  it("says Hello first and reports the engine from Welcome", async () => {
    const engine = await scriptedEngine(politeEngine);
    closers.push(engine.close);
    const { client, info } = await EngineClient.connect(engine.path);
    closers.push(async () => client.close());
    expect(engine.received[0]!.bodyType).toBe(ipc.Body.Hello);
    expect(engine.received[0]!.seq).toBe(1n);
    expect(info).toMatchObject({ engine: "scripted 0", sampleRate: 48000, bufferSize: 256, protocol: "1.0" });
  });

  it("refuses an engine with another major version, naming both versions", async () => {
    const engine = await scriptedEngine((f, send) => send(new ipc.FrameT(1n, f.seq, ipc.Body.Welcome, welcome(2, 5))));
    closers.push(engine.close);
    const attempt = EngineClient.connect(engine.path);
    await expect(attempt).rejects.toBeInstanceOf(IncompatibleEngineError);
    await expect(attempt).rejects.toThrow(/peer speaks 2\.5/);
  });

  it("treats an IncompatibleVersion error reply as an incompatible engine", async () => {
    const engine = await scriptedEngine((f, send) => send(new ipc.FrameT(1n, f.seq, ipc.Body.Error, new ipc.ErrorT(ipc.ErrorCode.IncompatibleVersion, "speaks 3.0", null))));
    closers.push(engine.close);
    await expect(EngineClient.connect(engine.path)).rejects.toBeInstanceOf(IncompatibleEngineError);
  });

  it("matches replies by reply_to even when they arrive out of order", async () => {
    const held: ipc.FrameT[] = [];
    const engine = await scriptedEngine((f, send) => {
      if (f.bodyType === ipc.Body.Hello) return politeEngine(f, send, null as never);
      held.push(f);
      if (held.length === 2) {
        // Answer the second command first, with a Pong that names its nonce.
        for (const cmd of [held[1]!, held[0]!]) {
          const nonce = (cmd.body as ipc.PingT).nonce;
          send(new ipc.FrameT(100n + cmd.seq, cmd.seq, ipc.Body.Pong, new ipc.PongT(nonce, 0n)));
        }
      }
    });
    closers.push(engine.close);
    const { client } = await EngineClient.connect(engine.path);
    closers.push(async () => client.close());
    const [a, b] = await Promise.all([client.request(ipc.Body.Ping, new ipc.PingT(11n)), client.request(ipc.Body.Ping, new ipc.PingT(22n))]);
    expect((a.body as ipc.PongT).nonce).toBe(11n);
    expect((b.body as ipc.PongT).nonce).toBe(22n);
    expect(engine.received.map((f) => f.seq)).toEqual([1n, 2n, 3n]);
  });

  it("rejects with the engine's words on an Error reply, and times out on silence", async () => {
    const engine = await scriptedEngine((f, send) => {
      if (f.bodyType === ipc.Body.Hello) return politeEngine(f, send, null as never);
      if (f.bodyType === ipc.Body.OpenEditor) send(new ipc.FrameT(5n, f.seq, ipc.Body.Error, new ipc.ErrorT(ipc.ErrorCode.UnknownNode, "no processor 42", "processor")));
    });
    closers.push(engine.close);
    const { client } = await EngineClient.connect(engine.path);
    closers.push(async () => client.close());
    await expect(engineCommands.openEditor(client, 42)).rejects.toThrow("UnknownNode: no processor 42 (processor)");
    await expect(client.request(ipc.Body.Ping, new ipc.PingT(1n), 50)).rejects.toThrow(/did not answer Ping .* within 50 ms/);
  });

  it("hands telemetry on and fails pending commands when the engine goes away", async () => {
    const engine = await scriptedEngine((f, send, socket) => {
      if (f.bodyType === ipc.Body.Hello) return politeEngine(f, send, socket);
      if (f.bodyType === ipc.Body.Subscribe) {
        send(new ipc.FrameT(2n, f.seq, ipc.Body.Ack, new ipc.AckT()));
        send(new ipc.FrameT(3n, 0n, ipc.Body.Telemetry, new ipc.TelemetryT(4800n, new ipc.TransportStateT(true, false, 960n), 0.25, 1, [new ipc.MeterT(7, 0.5, 0.25, 0.1, 0.1)], [])));
      }
      if (f.bodyType === ipc.Body.Ping) socket.destroy();
    });
    closers.push(engine.close);
    const { client } = await EngineClient.connect(engine.path);
    const telemetry = new Promise<ipc.TelemetryT>((resolve) => client.once("telemetry", resolve));
    await engineCommands.subscribe(client);
    const t = await telemetry;
    expect(t.transport?.position).toBe(960n);
    expect(t.meters[0]?.peakLeft).toBe(0.5);
    await expect(client.request(ipc.Body.Ping, new ipc.PingT(1n))).rejects.toBeInstanceOf(EngineError);
    expect(client.isOpen).toBe(false);
  });
});
