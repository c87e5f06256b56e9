import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deflateRawSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultDownloadConfig, downloadSync } from "../../recipe/download.js";
import { extractArchive } from "../../recipe/extract.js";

// The attacker's loopback server: redirects to another host that refuses, to a URL with a
// password, and in a loop; a plain body at /ok.tar.gz.
const SERVER = String.raw`
const http = require("node:http");
const s = http.createServer((req, res) => {
  const port = s.address().port;
  if (req.url === "/redir-other") { res.writeHead(302, { location: "http://127.0.0.2:" + port + "/ok.tar.gz" }); return res.end(); }
  if (req.url === "/redir-userpw") { res.writeHead(302, { location: "http://user:secretpw@127.0.0.1:" + port + "/ok.tar.gz" }); return res.end(); }
  if (req.url === "/redir-loop") { res.writeHead(302, { location: "/redir-loop" }); return res.end(); }
  if (req.url === "/redir-gone") { res.writeHead(301, { location: "/gone.tar.gz" }); return res.end(); }
  if (req.url === "/redir-ok") { res.writeHead(307, { location: "/ok.tar.gz" }); return res.end(); }
  if (req.url === "/ok.tar.gz") { res.writeHead(200); return res.end("fine"); }
  res.writeHead(404); res.end();
});
s.listen(0, "127.0.0.1", () => process.stdout.write(s.address().port + "\n"));
`;

let server: ChildProcess;
let base = "";
let port = "";
const dir = mkdtempSync(join(tmpdir(), "attack8-l4-"));
beforeAll(async () => {
  server = spawn(process.execPath, ["-e", SERVER], { stdio: ["ignore", "pipe", "inherit"] });
  port = await new Promise<string>((r) => server.stdout?.once("data", (d) => r(String(d).trim())));
  base = `http://127.0.0.1:${port}`;
});
afterAll(() => {
  server.kill();
  rmSync(dir, { recursive: true, force: true });
});

const cfg = () => ({ ...defaultDownloadConfig(join(dir, "cache")), retries: 0, idleMs: 5000 });
let n = 0;
const fetchErr = (path: string): string => {
  try {
    downloadSync(`${base}${path}`, undefined, join(dir, `d${n++}`), cfg(), "x86_64");
  } catch (e) {
    return (e as Error).message;
  }
  return "(downloaded)";
};

/** Attacker 8, L4: download errors named the wrong host, or a "cors" error for a refused redirect. */
describe("attacker 8 L4: download messages say what happened", () => {
  it("a redirect to a host that refuses names that host, and where the redirect came from", () => {
    const m = fetchErr("/redir-other");
    expect(m).toContain(`127.0.0.2:${port} refused the connection`);
    expect(m).toContain(`redirected from ${base}/redir-other`);
    expect(m).not.toContain(`127.0.0.1:${port} refused`);
  }, 30_000);

  it("a redirect to user:password@ is refused as such, the password never shown", () => {
    const m = fetchErr("/redir-userpw");
    expect(m).toMatch(
      /redirects to http:\/\/\*\*\*@127\.0\.0\.1:\d+\/ok\.tar\.gz, a URL with a user name or password/,
    );
    expect(m).toContain("give the recipe a URL that needs none");
    expect(m).not.toContain("secretpw");
    expect(m).not.toContain("cors");
  }, 30_000);

  it("a redirect loop stops after 10 hops and says so", () => {
    expect(fetchErr("/redir-loop")).toContain("more than 10 redirects, starting at");
  }, 30_000);

  it("an HTTP error after a redirect names the URL that answered it", () => {
    const m = fetchErr("/redir-gone");
    expect(m).toContain(`HTTP 404 Not Found from ${base}/gone.tar.gz (redirected from ${base}/redir-gone)`);
  }, 30_000);

  it("an ordinary redirect is still followed", () => {
    expect(fetchErr("/redir-ok")).toBe("(downloaded)");
  }, 30_000);
});

/** One stored zip entry header pair, deflated, whose both headers declare `declared` bytes. */
function lyingZip(body: Buffer, declared: number): Buffer {
  const data = deflateRawSync(body);
  const name = Buffer.from("zeros.bin");
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(declared, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(declared, 24);
  central.writeUInt16LE(name.length, 28);
  const cdOffset = local.length + name.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}

const extractErr = (file: string): string => {
  try {
    extractArchive(file, "auto", join(dir, `x${n++}`));
  } catch (e) {
    return (e as Error).message;
  }
  return "(extracted)";
};

/** Attacker 8, L4: refused archives said "Cannot create a Buffer…" or "unknown type S". */
describe("attacker 8 L4: extract messages say what happened and what to do", () => {
  it("a zip entry that inflates past its declared size says so", () => {
    const f = join(dir, "lie.zip");
    writeFileSync(f, lyingZip(Buffer.alloc(4 << 20), 100));
    const m = extractErr(f);
    expect(m).toContain('zip entry "zeros.bin" inflates past the 100 bytes its header declares');
    expect(m).toContain("Get the archive again");
    expect(m).not.toContain("Cannot create a Buffer");
  });

  it("the same zip with its true size extracts (the check is the lie, not the size)", () => {
    const f = join(dir, "true.zip");
    writeFileSync(f, lyingZip(Buffer.alloc(4096), 4096));
    expect(extractErr(f)).toBe("(extracted)");
  });

  it.each([
    ["GNU", "gnu"],
    ["PAX", "posix"],
  ])("a %s sparse tar entry is refused as a sparse file", (_, format) => {
    const src = mkdtempSync(join(dir, "sparse-"));
    execFileSync("truncate", ["-s", "64M", join(src, "tool")]);
    writeFileSync(join(src, "tool"), "x", { flag: "r+" });
    const f = join(dir, `sparse-${format}.tar.gz`);
    execFileSync("tar", ["--sparse", `--format=${format}`, "-czf", f, "-C", src, "tool"]);
    expect(readFileSync(f).length).toBeLessThan(1 << 20);
    const m = extractErr(f);
    expect(m).toContain('archive entry "tool" is a sparse file (tar --sparse)');
    expect(m).toContain("made without --sparse");
    expect(m).not.toMatch(/unknown type|GNUSparseFile/);
  });
});
