import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  Engine,
  type FnPtr,
  fromJs,
  RFloat,
  RhaiError,
  Scope,
  toJs,
  type Value,
} from "../../recipe/rhai/index.js";

function capture(engine: Engine): string[] {
  const out: string[] = [];
  engine.onPrint((t) => out.push(t));
  return out;
}

function errorOf(fn: () => unknown): RhaiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof RhaiError) return e;
    throw new Error(`expected a RhaiError, got ${String(e)}`);
  }
  throw new Error("expected an error");
}

describe("embedding API", () => {
  it("runs the top level into a scope and calls functions that see the scope", () => {
    const engine = new Engine();
    const out = capture(engine);
    const script = engine.compile(
      'let name = "ripgrep";\nlet version = "14.1.0";\nlet installed = false;\n' +
        // biome-ignore lint/suspicious/noTemplateCurlyInString: Rhai source, not a JS template
        "fn install(prefix) { print(`installing ${name} ${version} to ${prefix}`); installed = true; prefix.len() }\n" +
        "fn helper() { name }\n",
      "ripgrep.rhai",
    );
    const scope = new Scope();
    engine.run(script, scope);
    expect(scope.names().sort()).toEqual(["installed", "name", "version"]);
    expect(scope.get("name")).toBe("ripgrep");
    expect(engine.callFn(script, scope, "install", ["/usr"])).toBe(4);
    expect(out).toEqual(["installing ripgrep 14.1.0 to /usr"]);
    expect(scope.get("installed")).toBe(true);
    expect(script.functions().map((f) => `${f.name}/${f.arity}`)).toEqual(["install/1", "helper/0"]);
  });

  it("lets scripts read host-provided scope variables", () => {
    const engine = new Engine();
    const scope = new Scope();
    scope.set("pkg", fromJs({ name: "fd", deps: ["a", "b"] }));
    expect(engine.eval("pkg.name + pkg.deps.len()", "x.rhai", scope)).toBe("fd2");
    scope.set("ratio", 0.5 as unknown as number);
    expect(engine.eval("type_of(ratio)", "x.rhai", scope)).toBe("f64");
  });

  it("reports a missing function for callFn as a RhaiError", () => {
    const engine = new Engine();
    const script = engine.compile("fn a(x) { x }");
    const e = errorOf(() => engine.callFn(script, new Scope(), "a"));
    expect(e.message).toContain("Function not found: a with 0 argument(s)");
    expect(e.format()).toContain("defined: a(x)");
  });

  it("surfaces throw inside callFn as kind throw with the position and value", () => {
    const engine = new Engine();
    const script = engine.compile("fn build() {\n  throw #{ code: 2 };\n}\n", "b.rhai");
    const e = errorOf(() => engine.callFn(script, new Scope(), "build"));
    expect(e.kind).toBe("throw");
    expect([e.file, e.line, e.column]).toEqual(["b.rhai", 2, 3]);
    expect(toJs(e.value as Value)).toEqual({ code: 2 });
  });

  it("gives exact spans for top-level lets so they can be rewritten in place", () => {
    const src =
      'let name = "x";\nlet installed = false; // state\nconst N = 1 + 2;\nlet later;\n{ let inner = 1; }\n';
    const script = new Engine().compile(src);
    const lets = script.topLevelLets();
    expect(lets.map((l) => [l.name, l.kind])).toEqual([
      ["name", "let"],
      ["installed", "let"],
      ["N", "const"],
      ["later", "let"],
    ]);
    const inst = lets[1]!;
    expect(src.slice(inst.stmt.start, inst.stmt.end)).toBe("let installed = false;");
    expect(src.slice(inst.value!.start, inst.value!.end)).toBe("false");
    expect([inst.stmt.line, inst.stmt.column, inst.value!.line, inst.value!.column]).toEqual([2, 1, 2, 17]);
    expect(src.slice(lets[2]!.value!.start, lets[2]!.value!.end)).toBe("1 + 2");
    expect(lets[3]!.value).toBeNull();
    const rewritten = src.slice(0, inst.value!.start) + "true" + src.slice(inst.value!.end);
    const scope = new Scope();
    new Engine().run(new Engine().compile(rewritten), scope);
    expect(scope.get("installed")).toBe(true);
  });
});

describe("native functions", () => {
  it("registers typed functions, overloaded by arity and type", () => {
    const engine = new Engine();
    engine.registerFn("twice", ["int"], ([x]) => (x as number) * 2);
    engine.registerFn("twice", ["string"], ([s]) => `${s as string}${s as string}`);
    engine.registerFn("join3", ["string", "string", "string"], (a) => a.join("-"));
    expect(engine.eval('twice(21).to_string() + twice("ab") + "ab".twice()')).toBe("42abababab");
    expect(engine.eval('join3("a", "b", "c")')).toBe("a-b-c");
  });

  it("names the function and its signatures when argument types are wrong", () => {
    const engine = new Engine();
    engine.registerFn("download", ["string", "string"], () => null);
    const e = errorOf(() => engine.eval("download(1, true)", "d.rhai"));
    expect(e.message).toContain("Function not found: download (i64, bool)");
    expect(e.format()).toContain("download(string, string)");
    expect([e.line, e.column]).toEqual([1, 1]);
  });

  it("wraps JS errors from natives into RhaiError at the call site", () => {
    const engine = new Engine();
    engine.registerFn("explode", [], () => {
      throw new TypeError("boom");
    });
    const e = errorOf(() => engine.eval("let x = 1;\n  explode();", "n.rhai"));
    expect(e.kind).toBe("runtime");
    expect(e.message).toContain("Error in function 'explode': boom");
    expect([e.line, e.column]).toEqual([2, 3]);
  });

  it("lets natives call back into script closures and converts JS return values", () => {
    const engine = new Engine();
    engine.registerFn("apply", ["fnptr", "any"], ([f, x], ctx) => ctx.call(f as FnPtr, [x as Value]));
    engine.registerFn("info", [], () => fromJs({ size: 1.5, tags: ["a"] }));
    expect(engine.eval("apply(|x| x * 3, 14)")).toBe(42);
    expect(engine.eval("info().size")).toEqual(new RFloat(1.5));
  });

  it("sees host functions registered after a script already ran (call-site caches follow the registry)", () => {
    const engine = new Engine();
    const script = engine.compile("let a = [1, 2]; let n = 0; for i in 0..3 { n += a.len() + len(a); } n");
    expect(engine.run(script)).toBe(12);
    engine.registerFn("len", ["array"], () => 100);
    expect(engine.run(script)).toBe(600);
    // The same script in another engine uses that engine's functions.
    expect(new Engine().run(script)).toBe(12);
  });

  it("gives each native call its own position through a reused call context", () => {
    const engine = new Engine();
    const seen: string[] = [];
    engine.registerFn("where", ["int"], (_a, ctx) => {
      const p = ctx.position;
      seen.push(`${ctx.fnName}@${p.line}:${p.column}`);
    });
    engine.eval("for i in 0..2 { where(i); }\n 5.where();", "w.rhai");
    expect(seen).toEqual(["where@1:17", "where@1:17", "where@2:4"]);
  });

  it("hands out copies from get, values and extract, never aliases into the container", () => {
    const engine = new Engine();
    const out = capture(engine);
    engine.eval(
      "let a = [[1]]; let b = a.get(0); b.push(2); print(a);\n" +
        'let m = #{x: [1]}; let y = m.get("x"); y.push(3); let v = m.values(); v[0].push(4); print(m);\n' +
        "let e = a.extract(0); e[0].push(5); print(a);",
    );
    expect(out).toEqual(["[[1]]", '#{"x": [1]}', "[[1]]"]);
  });

  it("converts between JS and Rhai values", () => {
    const v = fromJs({ a: 1, b: [true, "s", 2.5, null] });
    expect(toJs(v)).toEqual({ a: 1, b: [true, "s", 2.5, null] });
    expect(() => fromJs(new Date())).toThrow(RhaiError);
    expect(() => fromJs(2 ** 60)).toThrow(RhaiError);
  });
});

describe("sandbox limits", () => {
  it("stops endless loops with a limit error", () => {
    const e = errorOf(() =>
      new Engine({ maxOperations: 10_000 }).eval("let x = 0; loop { x += 1; }", "l.rhai"),
    );
    expect(e.kind).toBe("limit");
    expect(e.message).toContain("Too many operations");
  });

  it("limits call depth, string length, array and map size", () => {
    expect(errorOf(() => new Engine({ maxCallDepth: 10 }).eval("fn f(n) { f(n + 1) } f(0)")).kind).toBe(
      "limit",
    );
    expect(
      errorOf(() => new Engine({ maxStringLength: 100 }).eval('let s = ""; loop { s += "x"; }')).message,
    ).toContain("String length exceeds");
    expect(
      errorOf(() => new Engine({ maxArrayLength: 50 }).eval("let a = []; loop { a.push(1); }")).message,
    ).toContain("Array size exceeds");
    expect(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Rhai source, not a JS template
      errorOf(() => new Engine({ maxMapSize: 5 }).eval("let m = #{}; for i in 0..10 { m[`k${i}`] = i; }"))
        .message,
    ).toContain("Object map size exceeds");
    expect(
      errorOf(() => new Engine({ maxStringLength: 100 }).eval('let s = "a"; s.pad(1000000000, "x");')).kind,
    ).toBe("limit");
  });

  it("does not let try/catch swallow a limit", () => {
    const e = errorOf(() => new Engine({ maxOperations: 1000 }).eval("try { loop { } } catch { print(1) }"));
    expect(e.kind).toBe("limit");
  });

  it("turns deep data recursion into an engine error, not a JS RangeError", () => {
    const e = errorOf(() =>
      new Engine({ maxOperations: 50_000_000 }).eval(
        "let a = []; for i in 0..5000 { a = [a]; } to_string(a)",
      ),
    );
    expect(e).toBeInstanceOf(RhaiError);
  });

  it("turns JS stack exhaustion from script recursion into a limit error when maxCallDepth is raised", () => {
    const engine = new Engine({ maxCallDepth: 1_000_000, maxOperations: 100_000_000 });
    const src = "fn f(n) { if n == 0 { 0 } else { 1 + f(n - 1) } }\n";
    expect(engine.eval(`${src}f(500)`)).toBe(500);
    for (const depth of [100_000, 200_000]) {
      const e = errorOf(() => engine.eval(`${src}f(${depth})`, "deep.rhai"));
      expect(e.kind).toBe("limit");
      expect(e.message).toContain("Stack overflow");
      expect(e.format()).toContain("deep.rhai:1:");
    }
  });

  it("charges copies of big values to the operations limit", () => {
    const e = errorOf(() =>
      new Engine({ maxOperations: 1_000_000 }).eval("let a = []; a.pad(100000, 0); loop { let b = a; }"),
    );
    expect(e.kind).toBe("limit");
  });

  it("has no access to the host", () => {
    for (const src of ['eval("1")', 'import "fs" as fs;', "process.exit(1)", 'require("fs")']) {
      expect(() => new Engine().eval(src)).toThrow(RhaiError);
    }
  });
});

describe("error reports", () => {
  it("names file, line and column, shows the source line with a caret and what was expected", () => {
    const e = errorOf(() => new Engine().compile("let a = 1;\nlet b = (a + ;\n", "p.rhai"));
    expect(e.kind).toBe("parse");
    expect([e.file, e.line, e.column]).toEqual(["p.rhai", 2, 14]);
    expect(e.format()).toBe(
      "error: syntax error: Expecting an expression, found ';'\n --> p.rhai:2:14\n  |\n2 | let b = (a + ;\n  |              ^",
    );
  });

  it("shows the call chain for errors inside functions", () => {
    const e = errorOf(() =>
      new Engine().eval("fn inner(x) { x.foo }\nfn outer() { inner(1) }\nouter();", "c.rhai"),
    );
    expect(e.format()).toContain("note: in call to function 'inner' at c.rhai:2:14");
    expect(e.format()).toContain("note: in call to function 'outer' at c.rhai:3:1");
  });
});

describe("rhai-run CLI", () => {
  const dir = mkdtempSync(join(tmpdir(), "rhai-run-"));
  const cli = join(import.meta.dirname, "../../cli/rhai-run.ts");
  const tsx = join(import.meta.dirname, "../../node_modules/.bin/tsx");

  it("prints to stdout and exits 0", () => {
    const f = join(dir, "ok.rhai");
    writeFileSync(f, 'print("hello");\nprint([1, 2, 3]);\nprint(#{a: 1, b: true});\n');
    expect(execFileSync(tsx, [cli, f], { encoding: "utf8" })).toBe(
      'hello\n[1, 2, 3]\n#{"a": 1, "b": true}\n',
    );
  });

  it("writes the formatted error to stderr and exits 1", () => {
    const f = join(dir, "bad.rhai");
    writeFileSync(f, 'print("before");\nlet x = y;\n');
    const r = spawnSync(tsx, [cli, f], { encoding: "utf8" });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("before\n");
    expect(r.stderr).toContain(`error: runtime error: Variable not found: y\n --> ${f}:2:9`);
    expect(r.stderr).toContain("2 | let x = y;");
  });

  it("applies no limits unless a flag asks for one, like Rhai's rhai-run", () => {
    const f = join(dir, "big.rhai");
    // Over the sandbox's default array limit (1 000 000) and map limit (100 000).
    writeFileSync(
      f,
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Rhai source, not a JS template
      "let a = []; a.pad(1_500_000, 0); let m = #{}; for i in 0..150_000 { m[`k${i}`] = i; } print(`${a.len()} ${m.len()}`);\n",
    );
    expect(execFileSync(tsx, [cli, f], { encoding: "utf8" })).toBe("1500000 150000\n");
    const limited = spawnSync(tsx, [cli, "--max-array-size", "1000", f], { encoding: "utf8" });
    expect(limited.status).toBe(1);
    expect(limited.stderr).toContain("Array size exceeds the limit of 1000 elements");
    const ops = spawnSync(tsx, [cli, "--max-operations", "1000", f], { encoding: "utf8" });
    expect(ops.status).toBe(1);
    expect(ops.stderr).toContain("Too many operations");
    const bad = spawnSync(tsx, [cli, "--max-map-size", "lots", f], { encoding: "utf8" });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("--max-map-size needs a positive integer");
  });
});

describe("the recipe sandbox keeps what rhai-run opens up", () => {
  it("has no modules, no clock and its limits on", () => {
    const engine = new Engine();
    expect(errorOf(() => engine.compile('import "loop" as m;')).message).toContain(
      "modules are disabled in this sandbox",
    );
    expect(errorOf(() => engine.compile("let x = m::foo;")).message).toContain("modules are disabled");
    expect(errorOf(() => engine.eval("timestamp()")).message).toContain("Function not found: timestamp");
    expect(errorOf(() => engine.eval("let a = []; a.pad(1_000_001, 0);")).kind).toBe("limit");
  });
});
