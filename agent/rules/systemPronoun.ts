/**
 * "put it on the drive", "install it onto the ssd", "throw it in the free space": "it" is the
 * object of the install verb, the system being installed, and the disk is the place after the
 * preposition. Such an "it" points at no disk, so a disk mentioned earlier in the turn ("not the
 * usb stick I booted from") is not what the install goes onto.
 *
 * Safety: this only stops a pronoun from choosing a disk; the disk is then chosen by what the
 * words name, or asked about, as for any request that names none.
 */
const PUT_VERBS = new Set([
  "put",
  "puts",
  "putting",
  "install",
  "installs",
  "installing",
  "stick",
  "throw",
  "slap",
  "drop",
  "place",
  "dump",
  "load",
  "get",
  "set",
]);
const PLACE_PREPOSITIONS = new Set(["on", "onto", "in", "into", "to", "at", "upon"]);

/** Every "it" of the turn sits between an install verb and a place preposition. */
export function itIsTheSystem(w: readonly string[]): boolean {
  const at = w.flatMap((x, i) => (x === "it" ? [i] : []));
  return (
    at.length > 0 &&
    at.every(
      (i) => PUT_VERBS.has(w[i - 1] ?? "") && PLACE_PREPOSITIONS.has(w[i + 1] ?? "") && w[i + 2] !== "it",
    )
  );
}
