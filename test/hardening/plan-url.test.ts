import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchPlan, MAX_PLAN_BYTES } from "../../agent/unattended/source.js";

let server: Server;
let base = "";
beforeAll(async () => {
  // No Content-Length: 64 KiB chunks for as long as the client reads.
  server = createServer((req, res) => {
    res.writeHead(200);
    if (req.url === "/small") return res.end('{"version":1}');
    const more = () => {
      while (res.write(Buffer.alloc(65536, 32)));
      res.once("drain", more);
    };
    more();
    req.socket.on("close", () => res.destroy());
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

/** Attack M10: a body without Content-Length was buffered whole (784 MB in 30 s), then called a timeout. */
describe("levitate.plan=http://: the body is capped while it streams (M10)", () => {
  it("an endless body is refused as soon as it passes 1 MiB", async () => {
    const t0 = Date.now();
    const before = process.memoryUsage().rss;
    await expect(fetchPlan({ kind: "url", url: `${base}/endless` }, { waitMs: 5000 })).rejects.toThrow(
      `${base}/endless sent more than a plan file's ${MAX_PLAN_BYTES} bytes: check the URL`,
    );
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  }, 30_000);

  it("a small plan is read", async () => {
    expect(await fetchPlan({ kind: "url", url: `${base}/small` }, { waitMs: 5000 })).toBe('{"version":1}');
  });
});
