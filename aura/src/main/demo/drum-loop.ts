// Synthesises the demo's one-bar drum loop (kick, snare, hats) so the demo ships no
// recorded audio. Noise comes from a seeded generator: the same loop every time.

const STEPS = 16;
const KICKS = [0, 6, 8, 11];
const SNARES = [4, 12];
const HATS = [0, 2, 4, 6, 8, 10, 12, 14, 15];

function seededNoise(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 0x8000_0000 - 1;
  };
}

type Voice = (t: number, noise: () => number) => number;

const kick: Voice = (t) => {
  const phase = 2 * Math.PI * (45 * t + (75 / 18) * (1 - Math.exp(-18 * t)));
  return 0.9 * Math.sin(phase) * Math.exp(-7 * t);
};

const snare: Voice = (t, noise) =>
  0.45 * noise() * Math.exp(-16 * t) + 0.3 * Math.sin(2 * Math.PI * 185 * t) * Math.exp(-22 * t);

function hatVoice(): Voice {
  let previous = 0;
  return (t, noise) => {
    const white = noise();
    const bright = white - previous; // first difference: a cheap high-pass
    previous = white;
    return 0.18 * bright * Math.exp(-45 * t);
  };
}

/** Scales the channels together so that their peak is `peak`. */
function normalise(channels: Float32Array[], peak: number): void {
  let max = 0;
  for (const channel of channels) for (const v of channel) max = Math.max(max, Math.abs(v));
  if (max === 0) return;
  for (const channel of channels) for (let i = 0; i < channel.length; i++) channel[i]! *= peak / max;
}

export interface DrumLoop {
  left: Float32Array;
  right: Float32Array;
  seconds: number;
}

/** One 4/4 bar at `bpm`, stereo, hats panned slightly right. */
export function synthesiseDrumLoop(bpm: number, sampleRate: number): DrumLoop {
  const seconds = (4 * 60) / bpm;
  const frames = Math.round(seconds * sampleRate);
  const left = new Float32Array(frames);
  const right = new Float32Array(frames);
  const stepFrames = frames / STEPS;

  const place = (steps: number[], voice: Voice, seed: number, panRight: number) => {
    const noise = seededNoise(seed);
    for (const step of steps) {
      const start = Math.round(step * stepFrames);
      for (let i = start; i < frames; i++) {
        const t = (i - start) / sampleRate;
        if (t > 0.6) break;
        const v = voice(t, noise);
        left[i]! += v * (1 - panRight);
        right[i]! += v * (1 + panRight);
      }
    }
  };
  place(KICKS, kick, 1, 0);
  place(SNARES, snare, 2, -0.05);
  place(HATS, hatVoice(), 3, 0.3);
  normalise([left, right], 0.9);
  return { left, right, seconds };
}
