/**
 * attack3 C1 (model pull's side): a link planted at `<model>.part` or `<model>.part.json` is never
 * followed: not appended to on a resume, not rewritten with the transfer's record.
 */
import { createHash, randomBytes } from "node:crypto";
import { lstatSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { downloadResumable } from "../../agent/llm/resumableDownload.js";

const body = randomBytes(200_000);
let server: Server;
let url: string;

beforeEach(async () => {
  // Honours `Range: bytes=N-` (206), as a CDN does.
  server = createServer((req, res) => {
    const m = /^bytes=(\d+)-$/.exec(req.headers.range ?? "");
    const from = m ? Number(m[1]) : 0;
    res.writeHead(m ? 206 : 200, {
      "content-length": String(body.length - from),
      ...(m ? { "content-range": `bytes ${from}-${body.length - 1}/${body.length}` } : {}),
    });
    res.end(body.subarray(from));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/m.gguf`;
});
afterEach(() => server.close());

describe("attack3 C1: model pull never writes through a planted link", () => {
  it("a .part link to another file (with a record that would resume it) is dropped, not appended to", async () => {
    const dir = mkdtempSync(join(os.tmpdir(), "attack3-pull-"));
    const dest = join(dir, "m.gguf");
    const victim = join(dir, "victim");
    const victimMeta = join(dir, "victim-meta");
    writeFileSync(victim, body.subarray(0, 1000));
    const record = `${JSON.stringify({ url, size: body.length })}\n`;
    writeFileSync(victimMeta, record);
    symlinkSync(victim, `${dest}.part`);
    symlinkSync(victimMeta, `${dest}.part.json`);
    const notes: string[] = [];
    const r = await downloadResumable({
      url,
      dest,
      remote: { size: body.length },
      retries: 0,
      onNote: (l) => notes.push(l),
    });
    expect(r.sha256).toBe(createHash("sha256").update(body).digest("hex"));
    expect(r.resumedFrom).toBe(0);
    expect(readFileSync(victim)).toEqual(body.subarray(0, 1000));
    expect(readFileSync(victimMeta, "utf8")).toBe(record);
    expect(lstatSync(dest).isFile()).toBe(true);
    expect(notes.join("\n")).toMatch(/symbolic link/);
  });
});
