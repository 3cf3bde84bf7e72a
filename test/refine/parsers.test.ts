import { describe, expect, it } from 'vitest';
import { parseJunit } from '../../server/src/exec/junit.js';
import { parsePytestConsole } from '../../server/src/exec/pytest.js';
import { parseUnittest } from '../../server/src/exec/unittest.js';

const SEP = '='.repeat(70);
const DASH = '-'.repeat(70);

describe('unittest output', () => {
  it('reads verbose result lines, failure sections and the summary', () => {
    const out = [
      'test_a (pkg.test_m.T.test_a) ... ok',
      'test_b (pkg.test_m.T.test_b) ... FAIL',
      'test_c (pkg.test_m.T.test_c) ... ERROR',
      "test_d (pkg.test_m.T.test_d) ... skipped 'later'",
      'test_e (pkg.test_m.T.test_e)',
      'Docstring of e ... ok',
      '',
      SEP,
      'ERROR: test_c (pkg.test_m.T.test_c)',
      DASH,
      'Traceback (most recent call last):',
      '  File "/tmp/x/pkg/m.py", line 3, in f',
      '    return 1 / 0',
      'ZeroDivisionError: division by zero',
      '',
      SEP,
      'FAIL: test_b (pkg.test_m.T.test_b)',
      DASH,
      'Traceback (most recent call last):',
      '  File "/tmp/x/pkg/test_m.py", line 9, in test_b',
      '    self.assertEqual(f(), 2)',
      'AssertionError: 1 != 2',
      '',
      DASH,
      'Ran 5 tests in 0.003s',
      '',
      'FAILED (failures=1, errors=1, skipped=1)',
    ].join('\n');
    const p = parseUnittest(out);
    expect(p.granularity).toBe('per-test');
    expect(p).toMatchObject({ passed: 2, failed: 2, skipped: 1 });
    expect(p.outcomes.get('pkg.test_m.T.test_b')).toBe('failed');
    expect(p.outcomes.get('pkg.test_m.T.test_c')).toBe('error');
    const b = p.failures.find((f) => f.name === 'pkg.test_m.T.test_b')!;
    expect(b.message).toBe('AssertionError: 1 != 2');
    expect(b.traceback).toContain('test_m.py", line 9');
    expect(p.failures.find((f) => f.name.endsWith('test_c'))!.message).toBe('ZeroDivisionError: division by zero');
  });

  it('reads the -q form: failures and totals only', () => {
    const out = `${SEP}\nFAIL: test_x (t.T.test_x)\n${DASH}\nTraceback (most recent call last):\nAssertionError: False is not true\n\n${DASH}\nRan 4 tests in 0.010s\n\nFAILED (failures=1)\n`;
    const p = parseUnittest(out);
    expect(p.granularity).toBe('summary');
    expect(p).toMatchObject({ passed: 3, failed: 1 });
    expect(p.failures[0]).toMatchObject({ name: 't.T.test_x', kind: 'failure', message: 'AssertionError: False is not true' });
  });

  it('reads older ids (3.10 and before put only the class in parentheses)', () => {
    const p = parseUnittest(`test_y (t.T) ... ok\n\n${DASH}\nRan 1 test in 0.001s\n\nOK\n`);
    expect([...p.outcomes.keys()]).toEqual(['t.T.test_y']);
    expect(p.passed).toBe(1);
  });

  it('knows nothing from output that is not unittest\'s', () => {
    expect(parseUnittest('Segmentation fault').granularity).toBe('none');
  });
});

describe('pytest JUnit XML', () => {
  it('reads testcases with failures, errors and skips', () => {
    const xml = `<?xml version="1.0" encoding="utf-8"?><testsuites><testsuite name="pytest" errors="1" failures="1" skipped="1" tests="4">
<testcase classname="test_m" name="test_ok" time="0.001" />
<testcase classname="test_m" name="test_bad" time="0.002"><failure message="assert 1 == 2">def test_bad():
&gt;       assert f() == 2
E       assert 1 == 2

test_m.py:7: AssertionError</failure></testcase>
<testcase classname="test_m" name="test_err" time="0"><error message="failed on setup with &quot;boom&quot;">boom</error></testcase>
<testcase classname="test_m" name="test_skip" time="0"><skipped type="pytest.skip" message="later">later</skipped></testcase>
</testsuite></testsuites>`;
    const p = parseJunit(xml);
    expect(p).toMatchObject({ granularity: 'per-test', passed: 1, failed: 2, skipped: 1 });
    expect(p.failures[0]).toMatchObject({ name: 'test_m::test_bad', message: 'assert 1 == 2' });
    expect(p.failures[0].traceback).toContain('>       assert f() == 2');
    expect(p.failures[1].message).toBe('failed on setup with "boom"');
  });
});

describe('pytest console output', () => {
  it('reads the final counts and the short summary', () => {
    const p = parsePytestConsole('..F\nFAILED test_m.py::test_bad - assert 1 == 2\n1 failed, 2 passed in 0.05s\n');
    expect(p).toMatchObject({ granularity: 'summary', passed: 2, failed: 1 });
    expect(p.failures[0]).toMatchObject({ name: 'test_m.py::test_bad', message: 'assert 1 == 2' });
    expect(parsePytestConsole('==== 3 passed, 1 skipped in 1.20s ====').passed).toBe(3);
  });
});
