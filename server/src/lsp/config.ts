/**
 * The `flare` settings section: defaults, merging of the two sources (initializationOptions and
 * workspace/configuration) and validation. Pure functions; the server decides what to do with
 * the problems found (log unknown keys, warn once about invalid values). The refinement keys
 * (`refine.*`, `tests.*`, `ollama.*`) are validated by the engine's own table (refine/settings.ts).
 */
import { resolveSettings, SETTINGS, type RefineSettings } from '../refine/settings.js';

export type LogLevel = 'off' | 'error' | 'warn' | 'info' | 'debug';
export type Level = 'hint' | 'information' | 'warning';

/** Minimum score for each level above Hint; null switches the level off. */
export interface SeverityBands {
  warning: number | null;
  information: number | null;
}

export interface Settings {
  diagnostics: {
    enable: boolean;
    /** Lines scoring below this get no diagnostic; null: the model's own threshold (or FALLBACK_THRESHOLD). */
    threshold: number | null;
    maxPerFile: number;
    severity: SeverityBands;
    debounceMs: number;
  };
  model: {
    /** Model metadata file (.json); null: the bundled model. Relative paths start at the workspace root. */
    path: string | null;
  };
  maxFileBytes: number;
  logLevel: LogLevel;
  /** Refinement: the engine's settings, validated and with their defaults. */
  refine: RefineSettings;
}

/** Threshold used when neither the settings nor the model metadata give one. */
export const FALLBACK_THRESHOLD = 0.15;

export function defaultSettings(): Settings {
  return {
    diagnostics: {
      enable: true,
      threshold: null,
      maxPerFile: 5,
      severity: { warning: null, information: 0.4 },
      debounceMs: 200,
    },
    model: { path: null },
    maxFileBytes: 262_144,
    logLevel: 'info',
    refine: resolveSettings({}).settings,
  };
}

export interface ParsedSettings {
  settings: Settings;
  /** Dotted keys that are not settings (ignored). */
  unknown: string[];
  /** One line per invalid value (the default was used instead). */
  invalid: string[];
}

type Obj = Record<string, unknown>;

function isObj(x: unknown): x is Obj {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * The section's contents from initializationOptions: either the section itself
 * (`{"diagnostics": {...}}`, as Helix sends it) or wrapped in a top-level `flare` key.
 */
export function sectionOf(options: unknown): unknown {
  if (isObj(options) && isObj(options.flare)) return options.flare;
  return options;
}

/** Deep merge of plain objects; later sources win, other values replace whole. */
export function merge(...sources: unknown[]): Obj {
  const out: Obj = {};
  for (const s of sources) {
    if (!isObj(s)) continue;
    for (const [k, v] of Object.entries(s)) {
      out[k] = isObj(v) && isObj(out[k]) ? merge(out[k], v) : isObj(v) ? merge(v) : v;
    }
  }
  return out;
}

const LEVELS: Record<string, Level> = { hint: 'hint', information: 'information', info: 'information', warning: 'warning', warn: 'warning' };
const LOG_LEVELS: LogLevel[] = ['off', 'error', 'warn', 'info', 'debug'];

/** Validate raw section contents (already merged) into complete settings. */
export function parseSettings(raw: unknown): ParsedSettings {
  const s = defaultSettings();
  const unknown: string[] = [];
  const invalid: string[] = [];
  const bad = (key: string, value: unknown, want: string) =>
    invalid.push(`flare.${key}: ${JSON.stringify(value) ?? String(value)} is not ${want}; using the default`);
  const known = (obj: Obj, prefix: string, keys: string[]) => {
    for (const k of Object.keys(obj)) if (!keys.includes(k)) unknown.push(`flare.${prefix}${k}`);
  };
  const num = (key: string, v: unknown, min: number, max: number, int: boolean): number | undefined => {
    if (typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max && (!int || Number.isInteger(v))) return v;
    bad(key, v, `${int ? 'an integer' : 'a number'} from ${min} to ${max}`);
    return undefined;
  };

  if (raw === undefined || raw === null) return { settings: s, unknown, invalid };
  if (!isObj(raw)) {
    bad('', raw, 'an object');
    return { settings: s, unknown, invalid };
  }
  known(raw, '', ['diagnostics', 'model', 'maxFileBytes', 'logLevel', ...REFINE_GROUPS, ...Object.keys(SETTINGS)]);

  const d = raw.diagnostics;
  if (d !== undefined) {
    if (!isObj(d)) bad('diagnostics', d, 'an object');
    else {
      known(d, 'diagnostics.', ['enable', 'threshold', 'maxPerFile', 'severity', 'debounceMs']);
      if (d.enable !== undefined) {
        if (typeof d.enable === 'boolean') s.diagnostics.enable = d.enable;
        else bad('diagnostics.enable', d.enable, 'true or false');
      }
      if (d.threshold !== undefined && d.threshold !== null) {
        s.diagnostics.threshold = num('diagnostics.threshold', d.threshold, 0, 1, false) ?? null;
      }
      if (d.maxPerFile !== undefined) s.diagnostics.maxPerFile = num('diagnostics.maxPerFile', d.maxPerFile, 0, 100_000, true) ?? s.diagnostics.maxPerFile;
      if (d.debounceMs !== undefined) s.diagnostics.debounceMs = num('diagnostics.debounceMs', d.debounceMs, 0, 60_000, true) ?? s.diagnostics.debounceMs;
      if (d.severity !== undefined) s.diagnostics.severity = parseSeverity(d.severity, s.diagnostics.severity, bad, unknown);
    }
  }

  const m = raw.model;
  if (m !== undefined) {
    if (!isObj(m)) bad('model', m, 'an object');
    else {
      known(m, 'model.', ['path']);
      if (m.path !== undefined && m.path !== null && m.path !== '') {
        if (typeof m.path === 'string') s.model.path = m.path;
        else bad('model.path', m.path, 'a file path');
      }
    }
  }
  if (raw.maxFileBytes !== undefined) s.maxFileBytes = num('maxFileBytes', raw.maxFileBytes, 0, 1 << 30, true) ?? s.maxFileBytes;
  if (raw.logLevel !== undefined) {
    if (typeof raw.logLevel === 'string' && LOG_LEVELS.includes(raw.logLevel as LogLevel)) s.logLevel = raw.logLevel as LogLevel;
    else bad('logLevel', raw.logLevel, `one of ${LOG_LEVELS.join(', ')}`);
  }
  s.refine = parseRefine(raw, bad, unknown, invalid);
  return { settings: s, unknown, invalid };
}

const REFINE_GROUPS = ['refine', 'tests', 'ollama'];

/**
 * The refinement keys, nested (`{"refine": {"k": 3}}`) or dotted (`{"refine.k": 3}`), checked by
 * the engine's table; its warnings join the other invalid values.
 */
function parseRefine(
  raw: Obj, bad: (key: string, value: unknown, want: string) => void, unknown: string[], invalid: string[],
): RefineSettings {
  const input: Obj = {};
  for (const group of REFINE_GROUPS) {
    const v = raw[group];
    if (v === undefined) continue;
    if (!isObj(v)) {
      bad(group, v, 'an object');
      continue;
    }
    for (const k of Object.keys(v)) if (!(`${group}.${k}` in SETTINGS)) unknown.push(`flare.${group}.${k}`);
    input[group] = v;
  }
  for (const k of Object.keys(raw)) if (k in SETTINGS) input[k] = raw[k];
  const r = resolveSettings(input);
  invalid.push(...r.warnings);
  return r.settings;
}

/**
 * `diagnostics.severity` is either a level name (every diagnostic gets that level) or an object
 * `{ "warning": min, "information": min }` of minimum scores, null switching a level off.
 * A line gets the most severe level whose minimum it reaches, Hint otherwise.
 */
function parseSeverity(
  v: unknown, dflt: SeverityBands, bad: (key: string, value: unknown, want: string) => void, unknown: string[],
): SeverityBands {
  if (typeof v === 'string') {
    const level = LEVELS[v.toLowerCase()];
    if (!level) {
      bad('diagnostics.severity', v, 'hint, information or warning');
      return dflt;
    }
    return { warning: level === 'warning' ? 0 : null, information: level === 'information' ? 0 : null };
  }
  if (!isObj(v)) {
    bad('diagnostics.severity', v, 'a level name or an object of minimum scores');
    return dflt;
  }
  const out = { ...dflt };
  for (const [k, x] of Object.entries(v)) {
    if (k !== 'warning' && k !== 'information') {
      unknown.push(`flare.diagnostics.severity.${k}`);
      continue;
    }
    if (x === null || (typeof x === 'number' && Number.isFinite(x) && x >= 0 && x <= 1)) out[k] = x;
    else bad(`diagnostics.severity.${k}`, x, 'a number from 0 to 1 or null');
  }
  return out;
}

/** Severity level of a score under the bands. */
export function levelFor(score: number, bands: SeverityBands): Level {
  if (bands.warning !== null && score >= bands.warning) return 'warning';
  if (bands.information !== null && score >= bands.information) return 'information';
  return 'hint';
}
