/** `--name value` from the command line of the data and benchmark scripts; `def` when absent or empty. */
export function arg(name: string, def: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : def;
}

/** `--name N` as a number that `ok` accepts (`def` when absent); anything else is an error naming the option. */
function numberArg(name: string, def: number, ok: (v: number, raw: string) => boolean, what: string): number {
  const raw = arg(name, String(def));
  const v = Number(raw);
  if (!ok(v, raw)) throw new Error(`--${name} must be ${what}, not ${raw}`);
  return v;
}

/** `--name N` as a whole number >= 0. */
export function countArg(name: string, def: number): number {
  return numberArg(name, def, (v) => Number.isInteger(v) && v >= 0, 'a whole number >= 0');
}

/** `--name P` as a share in 0..1. */
export function shareArg(name: string, def: number): number {
  return numberArg(name, def, (v, raw) => raw.trim() !== '' && v >= 0 && v <= 1, 'a share between 0 and 1');
}

/**
 * What is wrong with a script's command line: 'help' for --help or -h, a message for an option not in
 * `known` or one given without its value, or null. A value right after a known option is never read as
 * an option.
 */
export function optionProblem(argv: readonly string[], known: readonly string[]): string | null {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') return 'help';
    if (!a.startsWith('-')) return `unexpected argument ${a}`;
    if (!known.includes(a.replace(/^--/, ''))) return `unknown option ${a}`;
    if (i + 1 >= argv.length) return `${a} needs a value`;
    i++;
  }
  return null;
}

/**
 * Stop before any work with the usage (--help, exit 0) or a message and the usage (exit 2). The options
 * a script knows are the `--name`s its usage text lists, so the two cannot drift apart.
 */
export function checkOptions(usage: string, argv = process.argv.slice(2)): void {
  const known = [...usage.matchAll(/--([a-z][a-z-]*)/g)].map((m) => m[1]);
  const problem = optionProblem(argv, known);
  if (problem === 'help') {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  if (problem) {
    process.stderr.write(`${problem}\n${usage}\n`);
    process.exit(2);
  }
}
