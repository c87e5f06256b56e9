/** What a call site remembers between calls: the inline cache of the native it resolved. */

import {
  argsMatch,
  type CompiledFn,
  type NativeCallContext,
  type NativeFn,
  type NativeRegistry,
} from "./runtime.js";
import type { Value } from "./values.js";

/** What a call site remembers between calls. */
export interface CallSite {
  name: string;
  /** Registry key of the native: `name/arity` counting the receiver of a method call. */
  nkey: string;
  script: CompiledFn | null;
  /** Inline cache: the native this site resolved to last time, valid for `reg` at version `ver`. */
  cache: NativeFn | null;
  reg: NativeRegistry | null;
  ver: number;
  ctx: NativeCallContext | null;
  pos: number;
}

export function newSite(name: string, nativeArity: number, script: CompiledFn | null, pos: number): CallSite {
  return {
    name,
    nkey: `${name}/${nativeArity}`,
    script,
    cache: null,
    reg: null,
    ver: -1,
    ctx: null,
    pos,
  };
}

/** The native for these arguments, from the site's cache when it still applies. */
export function resolveNative(site: CallSite, natives: NativeRegistry, args: Value[]): NativeFn | null {
  const c = site.cache;
  if (c !== null && site.reg === natives && site.ver === natives.version && argsMatch(c, args)) return c;
  const nf = natives.find(site.nkey, args);
  if (nf) {
    if (nf !== c) site.ctx = null;
    site.cache = nf;
    site.reg = natives;
    site.ver = natives.version;
  }
  return nf;
}
