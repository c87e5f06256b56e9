import type { Reading } from "./types.js";

/**
 * "add user tom with sudo" - "sorry i meant without sudo": the note said "Kept: sorry without sudo"
 * (tester 7, WRONG W65). A word that only steers the conversation ("sorry", "oops", "actually",
 * "i meant") stands where a name would in "X without sudo", but it is nobody's name, and a kept
 * note about it misleads twice: it names a user who does not exist, and it hides that the refusal
 * was about the user just planned. Such a sudo keep is dropped from the reading (the refusal itself
 * is read by the request readers, which change tom's step). Applied at the end of
 * agent/safety/read.ts.
 */
const STEERING = new Set([
  "sorry",
  "soz",
  "oops",
  "whoops",
  "actually",
  "wait",
  "meant",
  "mean",
  "rather",
  "instead",
  "ok",
  "okay",
  "well",
  "hmm",
  "um",
  "uh",
  "no",
  "nope",
  "yes",
  "yeah",
  "please",
  "pls",
  "thanks",
  "correction",
  "scratch",
  "i",
  "im",
  "me",
]);

export function withoutSteeringNames(reading: Reading): Reading {
  const protect = reading.protect.filter(
    (p) => !(p.kind === "sudo" && STEERING.has(p.username.toLowerCase())),
  );
  return protect.length === reading.protect.length ? reading : { ...reading, protect };
}
