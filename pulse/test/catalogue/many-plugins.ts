// A deterministic catalogue of thousands of plausible plugins, for search at realistic scale.
import type { ScannedPlugin } from "../../src/catalogue";
import { FORMAT_NAMES } from "../../src/catalogue";
import { scanned } from "./make-plugin";

const VENDORS = ["Acme Audio", "Blue Cat", "Calf Studio", "Dexed", "Eventide", "Fab Labs", "Glitchmachines", "Harrison",
  "iZotope", "Jamstix", "Kilohearts", "Lindell", "Melda", "Native Sounds", "Overloud", "Plugin Alliance", "Quikquak",
  "Rob Papen", "Soundtoys", "TAL", "u-he", "Voxengo", "Waves", "Xfer", "Yamaha", "Zynaptiq"];
const WORDS: [string, string][] = [
  ["Compressor", "Fx|Dynamics"], ["Limiter", "Fx|Dynamics"], ["Gate", "Fx|Dynamics"], ["Equalizer", "Fx|EQ"],
  ["Reverb", "Fx|Reverb"], ["Plate", "Fx|Reverb"], ["Delay", "Fx|Delay"], ["Echo", "Fx|Delay"], ["Chorus", "Fx|Modulation"],
  ["Phaser", "Fx|Modulation"], ["Saturator", "Fx|Distortion"], ["Analyzer", "Fx|Analyzer"], ["Synth", "Instrument|Synth"],
  ["Sampler", "Instrument|Sampler"], ["Drums", "Instrument|Drum"], ["Filter", "Fx|Filter"], ["Tuner", "Fx|Tools"],
];
const FLAVOURS = ["Vintage", "Pro", "Studio", "Micro", "Ultra", "Deluxe", "Classic", "Modern", "Tape", "Tube", "Space", "Air"];

const SYLLABLES = ["ka", "lo", "vex", "mi", "tor", "zu", "ra", "pel", "quin", "dor", "sy", "bri", "num", "fa", "gle", "xo"];

/** A made-up product word ("Kavexmi"), so the vocabulary grows with the catalogue as real ones do. */
function inventedWord(n: number): string {
  let word = "";
  for (let i = 0; i < 3; i++, n = Math.floor(n / SYLLABLES.length)) word += SYLLABLES[n % SYLLABLES.length];
  return word[0]!.toUpperCase() + word.slice(1);
}

/** `count` scanned binaries; each product is installed in one to three formats. */
export function manyPlugins(count: number, { inventedNames = false } = {}): ScannedPlugin[] {
  const result: ScannedPlugin[] = [];
  for (let product = 0; result.length < count; product++) {
    const model = (product % 5) + 1;
    const vendor = VENDORS[Math.floor(product / 5) % VENDORS.length]!;
    const [word, category] = WORDS[Math.floor(product / 130) % WORDS.length]!;
    const flavour = FLAVOURS[Math.floor(product / 2210) % FLAVOURS.length]!;
    for (let f = 0; f <= product % 3 && result.length < count; f++) {
      const format = FORMAT_NAMES[f]!;
      result.push(
        scanned({
          name: `${inventedNames ? `${inventedWord(product * 7919)} ` : ""}${flavour} ${word} ${model}`,
          vendor,
          format,
          category,
          isInstrument: category.startsWith("Instrument"),
          uid: `${format}:${product}`,
        }),
      );
    }
  }
  return result;
}
