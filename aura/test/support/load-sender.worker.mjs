// The renderer side of the parameter-load test, in its own thread as the real renderer is in its
// own process: opens the channels WebSocket and sends setTrackGain edits at a fixed rate, paced by
// the clock (a late timer sends the backlog at once), without waiting for answers. Records when
// each edit went out and when its answer came back. Plain JS so a worker can run it unbundled.
import { parentPort, workerData } from "node:worker_threads";
import { performance } from "node:perf_hooks";
import WebSocket from "ws";

const { origin, token, tracks, rate, seconds, gesture, firstId } = workerData;
const total = Math.round(rate * seconds);
const sentAt = new Float64Array(total);
const answeredAt = new Float64Array(total);
const gains = new Float64Array(total);
let answered = 0;
const errors = [];

/** Edit i moves fader i % tracks: each walks -30 .. -0.1 dB in 0.1 dB steps, never the same value twice in a row. */
const gainOf = (i) => -30 + (Math.floor(i / tracks.length) % 300) / 10;

const ws = new WebSocket(`${origin.replace("http", "ws")}/channels?token=${token}`, { headers: { origin } });
ws.on("message", (data) => {
  const m = JSON.parse(data.toString());
  if (m.kind !== "response") return;
  const i = m.id - firstId;
  if (i < 0 || i >= total) return;
  answeredAt[i] = performance.now() + performance.timeOrigin;
  if (!m.ok && errors.length < 10) errors.push(`${i}: ${m.error}`);
  if (++answered === total) finish();
});
ws.on("error", (e) => { errors.push(`socket: ${e.message}`); finish(); });

function finish() {
  ws.close();
  parentPort.postMessage({ sentAt, answeredAt, gains, answered, errors }, [sentAt.buffer, answeredAt.buffer, gains.buffer]);
}

if (process.env.LOOPHOLE_LOAD_DEBUG) setInterval(() => console.error(`sender: answered ${answered}/${total}`), 2000).unref();
ws.on("open", () => {
  const start = performance.now();
  let sent = 0;
  const tick = () => {
    const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * rate));
    for (; sent < due; sent++) {
      const track = tracks[sent % tracks.length];
      gains[sent] = gainOf(sent);
      sentAt[sent] = performance.now() + performance.timeOrigin;
      ws.send(JSON.stringify({ kind: "request", id: firstId + sent, channel: "project.edit", params: { edit: { type: "setTrackGain", trackId: track, gainDb: gains[sent] }, gesture } }));
    }
    if (sent < total) setTimeout(tick, 2);
  };
  tick();
});
