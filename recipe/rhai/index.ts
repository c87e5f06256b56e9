/** Public entry of the Rhai interpreter. See docs/rhai.md. */

export { enableClock } from "./clock.js";
export {
  debugString,
  display,
  Engine,
  fromJs,
  type ModuleResolver,
  Scope,
  Script,
  type TopLevelLet,
  toJs,
} from "./engine.js";
export { RhaiError, type RhaiErrorKind, type Span } from "./errors.js";
export { DEFAULT_LIMITS, type Limits, NativeCallContext, type ParamType } from "./runtime.js";
export { FnPtr, RChar, RFloat, type RMap, RRange, typeName, type Value } from "./values.js";
