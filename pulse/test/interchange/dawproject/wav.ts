// A real PCM WAV file for tests: 16-bit, interleaved, a sine per channel.
export function makeWav(channels: number, sampleRate: number, seconds: number): Uint8Array {
  const frames = Math.round(sampleRate * seconds);
  const dataBytes = frames * channels * 2;
  const view = new DataView(new ArrayBuffer(44 + dataBytes));
  const ascii = (at: number, s: string) => [...s].forEach((c, i) => view.setUint8(at + i, c.charCodeAt(0)));
  ascii(0, "RIFF");
  view.setUint32(4, 36 + dataBytes, true);
  ascii(8, "WAVE");
  ascii(12, "fmt ");
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, channels, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * channels * 2, true);
  view.setUint16(32, channels * 2, true);
  view.setUint16(34, 16, true);
  ascii(36, "data");
  view.setUint32(40, dataBytes, true);
  for (let f = 0; f < frames; f++) {
    for (let c = 0; c < channels; c++) {
      view.setInt16(44 + (f * channels + c) * 2, Math.round(Math.sin((2 * Math.PI * 440 * (c + 1) * f) / sampleRate) * 12000), true);
    }
  }
  return new Uint8Array(view.buffer);
}
