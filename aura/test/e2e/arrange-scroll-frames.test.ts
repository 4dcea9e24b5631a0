// The arrange can paint a scroll by moving the previous frame's pixels and painting only what the
// move cannot explain (ArrangeFramePainter.reusePixels; off in the app, where it measured no
// cheaper). This checks, in Debian's Chromium, that the result is the picture a whole repaint of
// the same view gives: after diagonal scrolls, at a fractional zoom, with selected clips, clips
// cut by the left edge (their names stick to it), automation lanes and a moving playhead, at one
// and two device pixels per CSS pixel. Tolerance: none, every pixel must match.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "esbuild";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import type { FrameComparison } from "../support/arrange-frame-page";

let browser: Browser;
let bundle: string;

beforeAll(async () => {
  const out = join(mkdtempSync(join(tmpdir(), "aura-arrange-frames-")), "page.js");
  await build({ entryPoints: [resolve(import.meta.dirname, "../support/arrange-frame-page.ts")], bundle: true, format: "iife", target: "chrome110", outfile: out, logLevel: "silent" });
  bundle = readFileSync(out, "utf8");
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"], headless: true });
});
afterAll(async () => { await browser?.close(); });

async function openArrange(deviceScaleFactor: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 700 }, deviceScaleFactor });
  page.on("pageerror", (e) => console.error(`renderer error: ${e.message}`));
  await page.setContent("<!doctype html><html><body></body></html>");
  await page.addStyleTag({ path: resolve(import.meta.dirname, "../../src/renderer/styles.css") });
  await page.addScriptTag({ content: bundle });
  await page.evaluate(() => (window as any).arrangeFramePage.open(1200, 700, 60, 3000));
  return page;
}

const compare = (page: Page) => page.evaluate(() => (window as any).arrangeFramePage.compareWithWholeRepaint() as FrameComparison);

describe("arrange frames that move the previous pixels", () => {
  for (const scale of [1, 2]) {
    it(`match a whole repaint after scrolling (device pixel ratio ${scale})`, async () => {
      const page = await openArrange(scale);
      await page.evaluate(() => {
        const p = (window as any).arrangeFramePage;
        p.decorate();
        p.scroll(25, 18, 30);   // right and down, past clips cut by the left edge
        p.scroll(-15, -30, 12); // back left and up: names stuck to the edge come back into place
        p.movePlayhead(0.75);
        p.zoom(500, 1.07, 5);   // a fractional zoom, then scroll again
        p.scroll(-7, 11, 20);
        p.scroll(31, 0, 10);
        p.scroll(0, -23, 10);
      });
      const result = await compare(page);
      // Most frames moved pixels (only the selection, the playhead-only frame's start and the zooms repaint whole).
      expect(result.shiftedFrames).toBeGreaterThan(70);
      expect(result, JSON.stringify(result)).toMatchObject({ differingPixels: 0, largestChannelDifference: 0 });
      await page.close();
    });
  }
});
