import { describe, expect, it } from 'vitest';
import { nearestCode } from '../../models/gen/samples.js';

describe('training labels', () => {
  it('move from a comment or docstring line to the nearest code line, the earlier on a tie', () => {
    const code = Uint8Array.from([0, 1, 0, 0, 1, 0]);
    expect(nearestCode(code, 1)).toBe(1);
    expect(nearestCode(code, 2)).toBe(1);
    expect(nearestCode(code, 3)).toBe(4);
    expect(nearestCode(code, 0)).toBe(1);
    expect(nearestCode(code, 5)).toBe(4);
    expect(nearestCode(new Uint8Array(3), 1)).toBe(-1);
  });
});
