// Keeps Signal's graph equal to Pulse's derived graph, commit by commit and in commit order:
// mixer-only commits (fader drags, mutes, send levels, and their undo/redo) become SetParameter
// changes batched per tick; anything else becomes a graph diff; a refused command or a diff
// Pulse cannot make falls back to the whole snapshot. Commands are written to the socket
// synchronously in commit order, so nothing overtakes anything, without waiting for replies.
import { ipc } from "@loophole/contract";
import type { ProjectPort } from "../project/project-port";
import { EngineError, type EngineClient } from "./engine-client";
import { engineCommands } from "./engine-commands";
import { mixerChangesOfDiff } from "./parameter-changes";
import { ParameterStream } from "./parameter-stream";

const { ChannelParam, SendParam, ErrorCode } = ipc;

export class EngineSync {
  private client: EngineClient | null = null;
  private stream: ParameterStream | null = null;
  /** The Pulse revision whose derived graph the engine holds (parameters included). */
  private contentRevision = -1;
  /** The revision the engine's graph is labelled with: parameter changes move the content but not
   *  this label, so a later diff is computed from contentRevision and labelled from this one. */
  private labelRevision = -1;
  /** The engine's channels as sent, by id: what mixer-only changes are measured against. */
  private readonly held = new Map<number, ipc.ChannelT>();
  private loopKey = "";
  /** Settles when Signal has answered the newest commands sent; replies come in command order, so
   *  then it has taken everything before them too. */
  private answered: Promise<void> = Promise.resolve();
  /** Counts of what went out, for tests and benchmarks. */
  readonly sent = { parameterChanges: 0, parameterFrames: 0, diffs: 0, snapshots: 0 };

  /** `onMediaRechecked`: Signal could not open a clip file Pulse had found readable, and Pulse has
   *  looked at the files again (the view should show the clip as missing). */
  constructor(private readonly project: ProjectPort, private readonly onMediaRechecked: () => void = () => {}) {}

  /** The Pulse revision the engine is in step with. */
  get revision(): number { return this.contentRevision; }

  /** Loads the whole graph and the loop into a fresh engine, then follows commits. */
  async attach(client: EngineClient): Promise<void> {
    this.detach();
    await this.loadSnapshot(client);
    this.loopKey = "";
    await this.sendLoop(client);
    this.client = client;
    this.stream = new ParameterStream((changes) => {
      this.sent.parameterFrames++;
      return engineCommands.setParameters(client, changes);
    }, () => void this.resync());
    await this.sync(); // commits that landed while the snapshot was on its way
  }

  /** Stops following commits (the engine is gone; the next attach replays everything). */
  detach(): void {
    this.stream?.close();
    this.stream = null;
    this.client = null;
    this.answered = Promise.resolve();
  }

  /** Sends what Pulse changed since the engine's revision; resolves when Signal has answered it
   *  (or, with nothing new to send, what was sent before). */
  sync(): Promise<void> {
    const client = this.client;
    if (!client || !this.stream || !client.isOpen) return Promise.resolve();
    if (this.contentRevision !== this.project.revision) this.answered = this.send(client, this.stream);
    return this.answered;
  }

  /** Sends parameter values ahead of the commit that will carry their net effect (a fader drag:
   *  every value reaches the engine, the model commits once a turn). The engine's channels as held
   *  here take the values, so that commit then finds nothing left to send. Call right before it. */
  streamAhead(changes: readonly ipc.SetParameterT[]): Promise<void> {
    const client = this.client;
    const stream = this.stream;
    if (!client || !stream || !client.isOpen || changes.length === 0) return Promise.resolve();
    this.sync(); // earlier commits first
    for (const c of changes) this.holdValue(c);
    this.sent.parameterChanges += changes.length;
    this.answered = stream.push(changes);
    return this.answered;
  }

  private holdValue(change: ipc.SetParameterT): void {
    const { node, param } = change.address!;
    const copy = <T extends object>(o: T, field: Partial<T>): T => Object.assign(Object.create(Object.getPrototypeOf(o) as object) as T, o, field);
    const channel = this.held.get(node);
    if (channel && param === ChannelParam.Gain) { this.held.set(node, copy(channel, { gain: change.value })); return; }
    if (channel && param === ChannelParam.Pan) { this.held.set(node, copy(channel, { pan: change.value })); return; }
    if (param !== SendParam.Gain) return;
    for (const [id, c] of this.held) {
      const i = c.sends.findIndex((send) => send.id === node);
      if (i < 0) continue;
      const sends = c.sends.slice();
      sends[i] = copy(sends[i]!, { gain: change.value });
      this.held.set(id, copy(c, { sends }));
      return;
    }
  }

  private send(client: EngineClient, stream: ParameterStream): Promise<void> {
    const loop = this.sendLoop(client);
    const diff = this.project.engineDiffSince(this.contentRevision);
    if (!diff) return this.resync();
    const changes = mixerChangesOfDiff(this.held, diff);
    if (changes) {
      this.accept(diff);
      this.sent.parameterChanges += changes.length;
      // Nothing left to send (values streamed ahead): settle with what was sent before.
      return Promise.all([loop, changes.length > 0 ? stream.push(changes) : this.answered]).then(() => {});
    }
    stream.flush();
    diff.fromRevision = BigInt(this.labelRevision);
    this.accept(diff);
    this.labelRevision = this.contentRevision;
    this.sent.diffs++;
    return Promise.all([loop, engineCommands.applyDiff(client, diff)]).then(() => {}, () => this.resync());
  }

  /** Brings the engine back to Pulse's state with the whole snapshot. */
  resync(): Promise<void> {
    const client = this.client;
    if (!client || !client.isOpen) return Promise.resolve(); // the supervisor replays everything on restart
    this.stream?.flush();
    // Refused twice: the engine keeps its old graph, and the next commit tries a snapshot again.
    this.answered = this.loadSnapshot(client).catch(() => { this.contentRevision = this.labelRevision = -1; });
    return this.answered;
  }

  /** Loads Pulse's whole graph. A clip file can vanish or change between Pulse's check and Signal
   *  opening it, and Signal then refuses the graph (IoFailure): Pulse looks at the files again and
   *  the graph without that clip goes once more, rather than the engine being restarted into the
   *  same refusal. */
  private async loadSnapshot(client: EngineClient): Promise<void> {
    const send = () => {
      const snapshot = this.project.engineSnapshot();
      this.hold(snapshot);
      this.sent.snapshots++;
      return engineCommands.loadGraph(client, snapshot);
    };
    try {
      await send();
    } catch (error) {
      if (!(error instanceof EngineError) || error.code !== ErrorCode.IoFailure) throw error;
      this.project.recheckMedia();
      this.onMediaRechecked();
      await send();
    }
  }

  private hold(snapshot: ipc.GraphSnapshotT): void {
    this.held.clear();
    for (const c of snapshot.channels) this.held.set(c.id, c);
    this.contentRevision = this.labelRevision = Number(snapshot.revision);
  }

  private accept(diff: ipc.GraphDiffT): void {
    for (const id of diff.removeChannels) this.held.delete(id);
    for (const c of diff.upsertChannels) this.held.set(c.id, c);
    this.contentRevision = Number(diff.toRevision);
  }

  /** Sends the loop when it differs from what the engine has (tempo changes move it in samples too). */
  private sendLoop(client: EngineClient): Promise<void> {
    const loop = this.project.loop();
    const start = this.project.beatToSample(loop.startBeat);
    const end = this.project.beatToSample(loop.endBeat);
    const key = `${loop.enabled}:${start}:${end}`;
    if (key === this.loopKey) return Promise.resolve();
    this.loopKey = key;
    this.stream?.flush();
    return engineCommands.setLoop(client, loop.enabled, start, end).then(() => {}, () => { this.loopKey = ""; });
  }
}
