/**
 * A recipe under every limit but time: each `keys()` of a 9,000-key map (the map limit is 10,000)
 * is work the operations limit does not see, so loading it runs until the 5 s script-time deadline
 * (far longer on a loaded machine). The signal tests (attacker 8 M2) use it to hold a read open.
 */
export const SLOW_RECIPE = `let pkg = #{ name: "slow", version: "1.0", description: "d" };
let installed = false;
let installed_version = ();
let installed_files = [];
let installed_at = ();
fn install() { }
let m = #{};
for i in 0..9000 { m["k" + i] = i; }
let n = 0;
loop { n += m.keys().len(); }
`;
