/**
 * The refinement engine's public surface, for the language server and the CLI.
 */
export {
  refine, RefineCancelled,
  type RefineRequest, type RefineHooks, type LineScorer, type RefineResult, type RefineStatus, type TestCounts,
} from './loop.js';
export type { RefineProgress, RefinePhase, ProgressListener } from './progress.js';
export {
  resolveSettings, ollamaHostFromEnv, settingsTable, SETTINGS, DEFAULT_OLLAMA_HOST,
  type RefineSettings, type ResolvedSettings, type GeneratorName,
} from './settings.js';
export type { Timings } from './clock.js';
export { unifiedDiff } from './diff.js';
export { topRegions, type Region } from './regions.js';
