// Remembers where the transport was, from telemetry and from our own commands, so a restarted
// engine can resume playing from the same place.
export class TransportMemory {
  playing = false;
  position = 0n;

  observe(playing: boolean, position: bigint): void {
    this.playing = playing;
    this.position = position;
  }
}
