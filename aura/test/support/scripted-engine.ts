// A scripted peer on a Unix socket that speaks real contract frames, for testing the engine client's
// protocol handling (handshake, reply matching, timeouts) without an engine. Not a Signal substitute.
import { createServer, type Server, type Socket } from "node:net";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ipc, encodeFrame, decodeFrame, FrameReader } from "@loophole/contract";

export type Responder = (frame: ipc.FrameT, send: (f: ipc.FrameT) => void, socket: Socket) => void;

export async function scriptedEngine(respond: Responder): Promise<{ path: string; server: Server; received: ipc.FrameT[]; close: () => Promise<void> }> {
  const path = join(mkdtempSync(join(tmpdir(), "aura-test-")), "engine.sock");
  const received: ipc.FrameT[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    const reader = new FrameReader();
    const send = (f: ipc.FrameT) => socket.write(encodeFrame(f));
    socket.on("data", (chunk) => {
      reader.append(chunk as Buffer);
      for (let wire = reader.next(); wire; wire = reader.next()) {
        const frame = decodeFrame(wire).unpack();
        received.push(frame);
        respond(frame, send, socket);
      }
    });
    socket.on("error", () => {});
  });
  await new Promise<void>((resolve) => server.listen(path, resolve));
  return {
    path, server, received,
    close: () => new Promise<void>((resolve) => { for (const s of sockets) s.destroy(); server.close(() => resolve()); }),
  };
}

export const welcome = (major = 1, minor = 0) => new ipc.WelcomeT(major, minor, "scripted 0", 1, 48000, 256, "offline");

/** Answers Hello with Welcome and every other command with Ack. */
export const politeEngine: Responder = (frame, send) => {
  const body = frame.bodyType === ipc.Body.Hello ? welcome() : new ipc.AckT();
  send(new ipc.FrameT(900n + frame.seq, frame.seq, frame.bodyType === ipc.Body.Hello ? ipc.Body.Welcome : ipc.Body.Ack, body));
};
