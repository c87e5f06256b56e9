/**
 * A plain absolute path: letters, digits and / _ . + - only. The install target is printed in
 * every command the plan shows (mkdir, cp, ln, recipe --root) and people paste those lines into
 * a shell; a path of these characters needs no quoting, so what is shown is what runs.
 */
export const PLAIN_PATH = /^\/[A-Za-z0-9/_.+-]*$/;

export const PLAIN_PATH_MESSAGE =
  "the target is a plain absolute path (letters, digits and / _ . + -, no spaces or shell characters) such as /mnt";
