import type { Disk } from "../../facts/schema.js";
import { hasRoom } from "./diskRoom.js";

/**
 * "In the four-terabyte drive, a clearing lies empty", "Linux dans l'espace vide", "put it where
 * it's empty": emptiness said where no disk open to the install is blank. No whole disk can be
 * the empty thing then, so what is empty is a disk's free space (the install goes there, "free").
 *
 * Safety: the reading only ever turns an install into one that keeps every partition ("free"),
 * never into an erase; with several disks that have room the disk is still asked about (a reply
 * that lists them), and with a blank disk here the old reading (that disk) stands.
 */

/** Adjectives of emptiness, every form users wrote ("free" and "spare" are left out: "feel free"). */
const EMPTINESS = new Set([
  "empty",
  "emptied",
  "vacant",
  "unused",
  "unoccupied",
  "vide",
  "vides",
  "vacio",
  "vacia",
  "vuoto",
  "vuota",
  "vazio",
  "vazia",
  "leer",
  "leere",
  "leeren",
  "leeres",
  "lege",
  "khali",
  "khaali",
  "tyhja",
  "prazno",
  "kosong",
]);

/** Words that deny the emptiness just after them: "it's not empty", "no empty space". */
const DENIED = new Set([
  "not",
  "isnt",
  "no",
  "never",
  "nothing",
  "arent",
  "aint",
  "nicht",
  "pas",
  "kein",
  "keine",
]);

export function emptinessMeansRoom(w: readonly string[], eligible: readonly Disk[]): boolean {
  if (eligible.some((d) => (d.partitions?.length ?? 0) === 0)) return false;
  if (!eligible.some((d) => (d.partitions?.length ?? 0) > 0 && hasRoom(d))) return false;
  return w.some((x, i) => EMPTINESS.has(x) && !DENIED.has(w[i - 1] ?? "") && !DENIED.has(w[i - 2] ?? ""));
}

/** The tokenizer keeps an elided article on its noun ("l'espace", "dell'area"): the noun alone. */
export function withoutElision(w: string): string {
  return w.replace(/^(?:l|d|dell|nell|all|dall|sull|un|qu)['’]/, "");
}
