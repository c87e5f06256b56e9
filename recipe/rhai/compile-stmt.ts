/** Statements: blocks, `let`/`const`, `break`/`continue`/`return`, `throw` and `try`/`catch`. */

import { isPlace } from "./access.js";
import type { Block, Stmt } from "./ast.js";
import { catchValue } from "./catch-value.js";
import type { CompilerCore, Ev } from "./compile-types.js";
import { RhaiError } from "./errors.js";
import { err } from "./ops.js";
import type { Cell, ModuleInstance } from "./runtime.js";
import { display, typeName, type Value } from "./values.js";

// Local copies: module bindings compiled by some loaders become getter calls on every use.
const CTL_NONE = 0;
const CTL_BREAK = 1;
const CTL_CONTINUE = 2;
const CTL_RETURN = 3;

export function block(comp: CompilerCore, b: Block, isFnBody = false): Ev {
  const sts = b.stmts.filter((s) => s.t !== "empty" && s.t !== "fn");
  const evs = sts.map((s, i) => stmt(comp, s, isFnBody && i === sts.length - 1));
  const offs = sts.map((s) => s.s);
  const n = evs.length;
  if (n === 0) return () => null;
  if (n === 1) {
    const e0 = evs[0] as Ev;
    const o0 = offs[0] as number;
    return (f) => {
      const rt = f.rt;
      if (++rt.ops > rt.maxOps) rt.checkpoint(comp.src, o0);
      rt.pos = o0;
      return e0(f);
    };
  }
  if (n === 2) {
    const e0 = evs[0] as Ev;
    const e1 = evs[1] as Ev;
    const o0 = offs[0] as number;
    const o1 = offs[1] as number;
    return (f) => {
      const rt = f.rt;
      if (++rt.ops > rt.maxOps) rt.checkpoint(comp.src, o0);
      rt.pos = o0;
      const v = e0(f);
      if (f.ctl !== CTL_NONE) return v;
      if (++rt.ops > rt.maxOps) rt.checkpoint(comp.src, o1);
      rt.pos = o1;
      return e1(f);
    };
  }
  return (f) => {
    const rt = f.rt;
    let v: Value = null;
    for (let i = 0; i < n; i++) {
      if (++rt.ops > rt.maxOps) rt.checkpoint(comp.src, offs[i] as number);
      rt.pos = offs[i] as number;
      v = (evs[i] as Ev)(f);
      if (f.ctl !== CTL_NONE) return v;
    }
    return v;
  };
}

export function stmt(comp: CompilerCore, st: Stmt, isLastOfFn: boolean): Ev {
  switch (st.t) {
    case "let": {
      if (st.exported) {
        const define = stmt(comp, { ...st, exported: false }, false);
        const get = comp.varGet({
          t: "var",
          name: st.name,
          s: st.nameS,
          e: st.nameS,
          res: { k: "local", decl: st.decl! },
        });
        const name = st.name;
        return (f) => {
          define(f);
          f.rt.exports?.set(name, () => get(f));
          return null;
        };
      }
      const d = st.decl!;
      const slot = d.slot;
      const val = st.value ? comp.valueOf(st.value) : () => null;
      const isTop = comp.isMainTop(st);
      if (d.isConst && isTop) {
        const name = st.name;
        return (f) => {
          const v = val(f);
          f.vars[slot] = d.boxed ? { v } : v;
          f.rt.globals.set(name, v);
          return null;
        };
      }
      if (d.boxed)
        return (f) => {
          f.vars[slot] = { v: val(f) } satisfies Cell;
          return null;
        };
      return (f) => {
        f.vars[slot] = val(f);
        return null;
      };
    }
    case "expr": {
      if (
        isLastOfFn &&
        isPlace(st.x) &&
        !(st.x.t === "var" && st.x.res?.k === "local" && !st.x.res.decl.boxed)
      )
        return comp.valueOf(st.x);
      return comp.expr(st.x);
    }
    case "break": {
      const val = st.value ? comp.valueOf(st.value) : null;
      return (f) => {
        f.cv = val ? val(f) : null;
        f.ctl = CTL_BREAK;
        return null;
      };
    }
    case "continue":
      return (f) => {
        f.ctl = CTL_CONTINUE;
        return null;
      };
    case "return": {
      const val = st.value ? comp.valueOf(st.value) : null;
      return (f) => {
        f.cv = val ? val(f) : null;
        f.ctl = CTL_RETURN;
        return null;
      };
    }
    case "throw": {
      const val = st.value ? comp.expr(st.value) : null;
      const pos = st.s;
      return (f) => {
        const v = val ? val(f) : null;
        throw new RhaiError("throw", `Exception thrown: ${v === null ? "()" : display(v)}`, "", 0, 0, v).at(
          comp.src,
          pos,
        );
      };
    }
    case "try": {
      const body = block(comp, st.body);
      const handler = block(comp, st.handler);
      const slot = st.errDecl?.slot ?? -1;
      const boxed = st.errDecl?.boxed ?? false;
      return (f) => {
        const depth = f.rt.depth;
        try {
          return body(f);
        } catch (e) {
          const re = comp.toRhaiError(e, f.rt);
          // Running out of operations or stack is not something a script may swallow.
          if (re.kind === "limit") throw re;
          f.rt.depth = depth;
          if (slot >= 0) {
            const v = catchValue(re);
            f.vars[slot] = boxed ? { v } : v;
          }
          try {
            return handler(f);
          } catch (again) {
            // `throw;` (a thrown `()`) in the handler re-throws the error it caught, as in Rhai.
            if (again instanceof RhaiError && again.kind === "throw" && (again.value ?? null) === null)
              throw re;
            throw again;
          }
        }
      };
    }
    case "import": {
      const path = comp.expr(st.path);
      const alias = st.alias;
      const pos = st.s;
      const ppos = st.path.s;
      return (f) => {
        const p = path(f);
        if (typeof p !== "string")
          throw comp.at(err(`A module path must be a string, found ${typeName(p)}`), ppos);
        const load = f.rt.host.importModule;
        if (!load) throw comp.at(err("Modules are not available in this sandbox"), pos);
        let m: ModuleInstance;
        try {
          m = load(p, comp.src.name);
        } catch (e) {
          throw comp.at(e, ppos);
        }
        if (alias !== null) f.rt.modules.set(alias, m);
        return null;
      };
    }
    case "export": {
      const items = st.items.map((i) => ({ alias: i.alias, get: comp.varGet(i.x) }));
      return (f) => {
        const ex = f.rt.exports;
        if (ex !== null) for (const { alias, get } of items) ex.set(alias, () => get(f));
        return null;
      };
    }
    case "fn":
    case "empty":
      return () => null;
  }
}
