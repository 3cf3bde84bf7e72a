import { describe, expect, it } from 'vitest';
import { ollamaHostFromEnv, resolveSettings, settingsTable, SETTINGS } from '../../server/src/refine/settings.js';

describe('refine settings', () => {
  it('has defaults for everything', () => {
    const { settings, warnings } = resolveSettings({}, {});
    expect(warnings).toEqual([]);
    expect(settings.refine).toMatchObject({ generator: 'auto', k: 5, rounds: 3, autoApply: false });
    expect(settings.refine.parallel).toBeGreaterThanOrEqual(1);
    expect(settings.tests).toMatchObject({ command: '', timeoutSec: 60 });
    expect(settings.ollama).toMatchObject({ host: 'http://127.0.0.1:11434', model: 'qwen2.5-coder:7b', numCtx: 8192, keepAlive: '30m' });
  });

  it('accepts nested and dotted keys and reports invalid values', () => {
    const { settings, warnings } = resolveSettings({ refine: { k: 3, generator: 'magic' }, 'tests.command': 'make test', 'refine.rounds': 99, ollama: { temperature: '0.5' } }, {});
    expect(settings.refine.k).toBe(3);
    expect(settings.refine.generator).toBe('auto');
    expect(settings.refine.rounds).toBe(3);
    expect(settings.tests.command).toBe('make test');
    expect(settings.ollama.temperature).toBe(0.5);
    expect(warnings).toHaveLength(2);
    expect(warnings.join('\n')).toMatch(/flare\.refine\.generator/);
    expect(warnings.join('\n')).toMatch(/flare\.refine\.rounds: 99 is above the maximum 10/);
  });

  it('caps k at 10', () => {
    expect(resolveSettings({ refine: { k: 11 } }, {}).settings.refine.k).toBe(5);
    expect(resolveSettings({ refine: { k: 10 } }, {}).settings.refine.k).toBe(10);
  });

  it('takes the Ollama host from OLLAMA_HOST when not set', () => {
    expect(ollamaHostFromEnv({ OLLAMA_HOST: '0.0.0.0' })).toBe('http://127.0.0.1:11434');
    expect(ollamaHostFromEnv({ OLLAMA_HOST: 'gpu-box:8080' })).toBe('http://gpu-box:8080');
    expect(ollamaHostFromEnv({ OLLAMA_HOST: 'https://ollama.example' })).toBe('https://ollama.example');
    expect(resolveSettings({}, { OLLAMA_HOST: '127.0.0.1:9999' }).settings.ollama.host).toBe('http://127.0.0.1:9999');
    expect(resolveSettings({ ollama: { host: 'http://h:1' } }, { OLLAMA_HOST: 'x:2' }).settings.ollama.host).toBe('http://h:1');
  });

  it('documents every key (the settings rows of README.md come from the same table)', () => {
    const table = settingsTable();
    for (const key of Object.keys(SETTINGS)) expect(table).toContain(`flare.${key}`);
  });
});
