/** `--name value` from the command line of the data and benchmark scripts; `def` when absent or empty. */
export function arg(name: string, def: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : def;
}

/** `--name N` as a whole number >= 0 (`def` when absent); anything else is an error naming the option. */
export function countArg(name: string, def: number): number {
  const raw = arg(name, String(def));
  const v = Number(raw);
  if (!Number.isInteger(v) || v < 0) throw new Error(`--${name} must be a whole number >= 0, not ${raw}`);
  return v;
}
