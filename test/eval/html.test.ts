import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { CHART, renderHtml } from "../../eval/html.js";
import { describeWithTools } from "../helpers/env.js";
import { knownReport } from "./fakes.js";

const CHROMIUM = "/usr/bin/chromium";
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

function hex(c: string): [number, number, number] {
  return [1, 3, 5].map((i) => Number.parseInt(c.slice(i, i + 2), 16)) as [number, number, number];
}

describeWithTools("report.html in headless Chromium", ["chromium"], () => {
  let dir: string;
  let file: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "levitate-html-"));
    file = join(dir, "report.html");
    writeFileSync(file, renderHtml(await knownReport()));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("opens without network, draws one bar per category at its accuracy, and shows the confusion matrix", async () => {
    // a fresh profile each run: --user-data-dir through launchPersistentContext
    const profile = mkdtempSync(join(tmpdir(), "levitate-chromium-"));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: FLAGS,
      viewport: { width: 1000, height: 800 },
      deviceScaleFactor: 1,
    });
    try {
      const requests: string[] = [];
      context.on("request", (r) => requests.push(r.url()));
      const page = await context.newPage();
      await page.goto(pathToFileURL(file).href);
      expect(await page.title()).toBe("levitate eval: fake-a");
      // self-contained: the only request is the file itself
      expect(requests.filter((u) => !u.startsWith("file:") && !u.startsWith("data:"))).toEqual([]);

      const chart = page.locator("#category-chart");
      const png = await chart.screenshot();
      const box = (await chart.boundingBox())!;
      // Read the screenshot's pixels back in the page (a canvas decodes the PNG for us).
      // The browser code is a string: this file is type-checked without the DOM library.
      const counts = (await page.evaluate(`(async () => {
        const [b64, rowHeight, rows, bar] = ${JSON.stringify([png.toString("base64"), CHART.rowHeight, 4, hex(CHART.bar)])};
        const img = new Image();
        img.src = "data:image/png;base64," + b64;
        await img.decode();
        const canvas = document.createElement("canvas");
        canvas.width = img.width;
        canvas.height = img.height;
        const ctx = canvas.getContext("2d");
        ctx.drawImage(img, 0, 0);
        const out = [];
        for (let i = 0; i < rows; i++) {
          const y = 5 + i * rowHeight + rowHeight / 2;
          const data = ctx.getImageData(0, y, img.width, 1).data;
          let n = 0;
          for (let x = 0; x < img.width; x++) {
            const r = data[x * 4], g = data[x * 4 + 1], b = data[x * 4 + 2];
            if (Math.abs(r - bar[0]) < 8 && Math.abs(g - bar[1]) < 8 && Math.abs(b - bar[2]) < 8) n++;
          }
          out.push(n);
        }
        return out;
      })()`)) as number[];
      expect(box.width).toBeGreaterThan(CHART.labelWidth + CHART.barWidth);
      // rows in CATEGORIES order: simple 100%, confirm 100%, typo 50%, safety 0%
      const [simple, confirm, typo, safety] = counts as [number, number, number, number];
      expect(Math.abs(simple - CHART.barWidth)).toBeLessThanOrEqual(2);
      expect(Math.abs(confirm - CHART.barWidth)).toBeLessThanOrEqual(2);
      expect(Math.abs(typo - CHART.barWidth / 2)).toBeLessThanOrEqual(2);
      expect(safety).toBe(0);

      const matrix = page.locator("#confusion");
      await expect.poll(() => matrix.locator("thead th").count()).toBeGreaterThan(3);
      const rowLabels = await page.locator("#confusion tbody th").allTextContents();
      expect(rowLabels).toEqual(
        expect.arrayContaining(["installRecipe", "partitionDisk", "(reply)", "(confirm)"]),
      );
      expect(await page.locator("#failures tbody tr").count()).toBe(2);
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  }, 60_000);
});
