// Parameter changes on their way to Signal, gathered for one turn of the event loop and sent as
// SetParameters frames in the order they were pushed. One frame per tick instead of one per
// change keeps a 10,000-changes-a-second drag from costing 10,000 frames, replies and timers.
import { ipc } from "@loophole/contract";

/** Sends one SetParameters frame; resolves on Ack, rejects when Signal refused any change. */
export type SendParameters = (changes: ipc.SetParameterT[]) => Promise<unknown>;

/** Bounds one frame, so a burst after a stall never becomes a multi-megabyte frame. */
export const MAX_CHANGES_PER_FRAME = 4096;

export class ParameterStream {
  private queued: ipc.SetParameterT[] = [];
  private waiting: (() => void)[] = [];
  private scheduled = false;
  private closed = false;

  /** `refused` hears of a frame Signal did not take completely: the engine has lost changes
   *  and must be brought back to Pulse's state. */
  constructor(private readonly send: SendParameters, private readonly refused: (error: Error) => void) {}

  /** Queues changes behind everything pushed before; resolves once Signal has answered the frame
   *  that carries them (whether it took them or not: a refusal goes to `refused`). */
  push(changes: readonly ipc.SetParameterT[]): Promise<void> {
    if (this.closed || changes.length === 0) return Promise.resolve();
    for (const c of changes) this.queued.push(c);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Sends what is queued now; call before any other command so nothing overtakes a change. */
  flush(): void {
    this.scheduled = false;
    if (this.queued.length === 0) return;
    const changes = this.queued;
    const waiting = this.waiting;
    this.queued = [];
    this.waiting = [];
    const frames: Promise<unknown>[] = [];
    for (let i = 0; i < changes.length; i += MAX_CHANGES_PER_FRAME) {
      frames.push(this.send(changes.slice(i, i + MAX_CHANGES_PER_FRAME)).catch((error: Error) => {
        if (!this.closed) this.refused(error);
      }));
    }
    void Promise.all(frames).then(() => { for (const done of waiting) done(); });
  }

  /** Drops what is queued (the engine is gone or about to get a full snapshot) and answers waiters. */
  close(): void {
    this.closed = true;
    this.queued = [];
    for (const done of this.waiting.splice(0)) done();
  }
}
