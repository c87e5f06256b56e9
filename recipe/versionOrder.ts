/**
 * Version order, as rpm compares versions (rpmvercmp): split into runs of digits and runs of
 * letters (every other character separates), digits compare as numbers and are newer than
 * letters, `~` sorts before everything (1.0~rc1 < 1.0), and with all runs equal the longer one
 * is newer. `recipe update` offers an upstream answer only when it is newer by this order, so a
 * check_update() that answers an older version never offers a downgrade as an update.
 */
export function compareVersions(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  const isAlnum = (c: string | undefined) => c !== undefined && /[0-9A-Za-z]/.test(c);
  while (i < a.length || j < b.length) {
    while (i < a.length && !isAlnum(a[i]) && a[i] !== "~") i++;
    while (j < b.length && !isAlnum(b[j]) && b[j] !== "~") j++;
    // `~` is older than anything, even the end of the string.
    if (a[i] === "~" || b[j] === "~") {
      if (a[i] !== "~") return 1;
      if (b[j] !== "~") return -1;
      i++;
      j++;
      continue;
    }
    if (i >= a.length || j >= b.length) break;
    const numeric = /[0-9]/.test(a[i] as string);
    const run = numeric ? /[0-9]/ : /[A-Za-z]/;
    let ie = i;
    let je = j;
    while (ie < a.length && run.test(a[ie] as string)) ie++;
    while (je < b.length && run.test(b[je] as string)) je++;
    const x = a.slice(i, ie);
    const y = b.slice(j, je);
    // A number where the other has letters: the number is newer.
    if (y === "") return numeric ? 1 : -1;
    if (numeric) {
      const xs = x.replace(/^0+/, "");
      const ys = y.replace(/^0+/, "");
      if (xs.length !== ys.length) return xs.length > ys.length ? 1 : -1;
      if (xs !== ys) return xs > ys ? 1 : -1;
    } else if (x !== y) return x > y ? 1 : -1;
    i = ie;
    j = je;
  }
  if (i >= a.length && j >= b.length) return 0;
  return i >= a.length ? -1 : 1;
}
