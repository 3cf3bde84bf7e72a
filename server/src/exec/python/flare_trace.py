"""FLARE's test tracer (standard library only).

Records, per test, the lines executed in the project's own files and, for each failing test, the
exception type and the traceback frames in project files. Two ways in:

  python -m flare_trace unittest [unittest args]   unittest with a tracing TestResult
  python -m pytest -p flare_trace [pytest args]    pytest with this module as a plugin

The folder holding this file must be on PYTHONPATH. Environment:
  FLARE_TRACE_ROOT  the project root (default: the working folder when the first test starts)
  FLARE_TRACE_OUT   where the JSON goes (default .flare-trace.json; relative = under the root)
  FLARE_TRACE_LINES "0" = record outcomes and tracebacks only, no executed lines (mutant runs)

Output: {"version": 1, "framework": "unittest"|"pytest", "tests": [{"id", "outcome", "lines",
"exception", "frames"}]}, written when the run ends (atexit is not enough: a forked runner may leave
through os._exit). Only frames of files under the root are traced: the global trace function returns
None for any other file, so library code runs without line events.
"""
import json
import os
import sys
import threading

VERSION = 1
_SKIP_PARTS = ("site-packages", "dist-packages", "__pycache__")

_state = {"root": None, "framework": None, "tests": [], "written": False}
_files = {}  # co_filename -> rel path, or None outside the project
_current = {}  # rel path -> set of lines, for the running test


def _root():
    if _state["root"] is None:
        _state["root"] = os.path.realpath(os.environ.get("FLARE_TRACE_ROOT") or os.getcwd())
    return _state["root"]


_HERE = os.path.realpath(__file__)


def _rel(filename):
    """Path relative to the root for a project file, else None."""
    if not filename or filename.startswith("<"):
        return None
    path = os.path.realpath(os.path.join(_root(), filename))
    root = _root()
    if path == _HERE or not path.startswith(root + os.sep):
        return None
    rel = path[len(root) + 1:]
    parts = rel.split(os.sep)
    if any(p in _SKIP_PARTS for p in parts) or os.path.exists(os.path.join(root, parts[0], "pyvenv.cfg")):
        return None
    return rel.replace(os.sep, "/")


def _lookup(filename):
    entry = _files.get(filename, False)
    if entry is False:
        rel = _rel(filename)
        entry = None if rel is None else rel
        _files[filename] = entry
    return entry


_locals = {}  # rel -> local trace function bound to the running test's set


def _local_for(rel):
    fn = _locals.get(rel)
    if fn is None:
        lines = _current.setdefault(rel, set())
        add = lines.add

        def fn(frame, event, arg):
            if event == "line":
                add(frame.f_lineno)
            return fn
        _locals[rel] = fn
    return fn


def _global(frame, event, arg):
    rel = _lookup(frame.f_code.co_filename)
    if rel is None:
        return None
    return _local_for(rel)


def start_test():
    _current.clear()
    _locals.clear()
    _root()
    if os.environ.get("FLARE_TRACE_LINES") == "0":
        return  # outcomes and tracebacks only (mutant runs)
    threading.settrace(_global)
    sys.settrace(_global)


def stop_test(test_id, outcome, exc=None):
    sys.settrace(None)
    threading.settrace(None)
    lines = {rel: sorted(s) for rel, s in _current.items() if s}
    _current.clear()
    _locals.clear()
    record = {"id": test_id, "outcome": outcome, "lines": lines, "exception": None, "frames": []}
    if exc is not None:
        etype, _value, tb = exc
        record["exception"] = getattr(etype, "__name__", str(etype))
        record["frames"] = _frames(tb)
    _state["tests"].append(record)


def _frames(tb):
    out = []
    while tb is not None:
        rel = _lookup(tb.tb_frame.f_code.co_filename)
        if rel is not None:
            out.append({"file": rel, "line": tb.tb_lineno})
        tb = tb.tb_next
    return out


def write():
    out = os.environ.get("FLARE_TRACE_OUT") or ".flare-trace.json"
    path = out if os.path.isabs(out) else os.path.join(_root(), out)
    data = {"version": VERSION, "framework": _state["framework"] or "unittest", "tests": _state["tests"]}
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(data, f)
    os.replace(tmp, path)
    _state["written"] = True


# ---------------------------------------------------------------- unittest

def _unittest_result_class():
    import unittest

    class TracingResult(unittest.TextTestResult):
        """A TextTestResult (same console output) that traces each test and records its outcome."""

        def startTest(self, test):
            self._flare = {"outcome": "pass", "exc": None}
            super().startTest(test)
            start_test()

        def _fail(self, outcome, err):
            st = getattr(self, "_flare", None)
            if st is not None and st["outcome"] not in ("fail", "error"):
                st["outcome"] = outcome
                st["exc"] = err

        def addFailure(self, test, err):
            self._fail("fail", err)
            super().addFailure(test, err)

        def addError(self, test, err):
            self._fail("error", err)
            super().addError(test, err)

        def addSubTest(self, test, subtest, err):
            if err is not None:
                failure = issubclass(err[0], test.failureException)
                self._fail("fail" if failure else "error", err)
            super().addSubTest(test, subtest, err)

        def addSkip(self, test, reason):
            self._fail("skip", None)
            super().addSkip(test, reason)

        def addUnexpectedSuccess(self, test):
            self._fail("fail", None)
            super().addUnexpectedSuccess(test)

        def stopTest(self, test):
            st = getattr(self, "_flare", None) or {"outcome": "pass", "exc": None}
            self._flare = None
            stop_test(test.id(), st["outcome"], st["exc"])
            super().stopTest(test)

        def stopTestRun(self):
            super().stopTestRun()
            write()

    return TracingResult


def main_unittest(argv):
    import unittest
    _state["framework"] = "unittest"
    runner = type("TracingRunner", (unittest.TextTestRunner,), {"resultclass": _unittest_result_class()})
    sys.argv = ["python -m unittest"] + list(argv)
    unittest.main(module=None, testRunner=runner)


# ---------------------------------------------------------------- pytest plugin

def pytest_configure(config):
    _state["framework"] = "pytest"


def _pytest_hookwrapper(fn):
    import pytest
    return pytest.hookimpl(hookwrapper=True)(fn)


if "pytest" in sys.modules:  # loaded as a pytest plugin (-p flare_trace)
    @_pytest_hookwrapper
    def pytest_runtest_protocol(item, nextitem):
        item._flare = {"outcome": "pass", "exc": None}
        start_test()
        try:
            yield
        finally:
            st = item._flare
            stop_test(item.nodeid, st["outcome"], st["exc"])

    @_pytest_hookwrapper
    def pytest_runtest_makereport(item, call):
        outcome = yield
        rep = outcome.get_result()
        st = getattr(item, "_flare", None)
        if st is None:
            return
        if rep.skipped and st["outcome"] == "pass":
            st["outcome"] = "skip"
        elif rep.failed and st["outcome"] not in ("fail", "error"):
            st["outcome"] = "fail" if rep.when == "call" else "error"
            if call.excinfo is not None:
                st["exc"] = (call.excinfo.type, call.excinfo.value, call.excinfo.tb)

    def pytest_sessionfinish(session, exitstatus):
        write()


def _at_exit():
    if not _state["written"] and _state["framework"]:
        try:
            write()
        except Exception:
            pass


import atexit  # noqa: E402
atexit.register(_at_exit)

if __name__ == "__main__":
    args = sys.argv[1:]
    if not args or args[0] != "unittest":
        sys.stderr.write("usage: python -m flare_trace unittest [args]\n")
        sys.exit(2)
    main_unittest(args[1:])
