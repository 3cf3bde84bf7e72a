/**
 * Source of the Python fork server (written to the scratch area and run with the project's Python).
 * It imports the test runner once, then for every request forks a child that becomes its own process
 * group, moves into the run folder, sends its output to files and runs `python -m <module> <args>`
 * exactly as the command line would (runpy, `__main__`, sys.path[0] = the folder). Protocol: JSON
 * lines; requests {id, cwd, module, args, stdout, stderr, limits?} on stdin (limits: {cpu, as, fsize, nproc},
 * set in the child before it runs anything); replies {ready, modules} once,
 * then {id, pid} when a child starts and {id, exit} or {id, signal} when it ends; {kill: id} kills that
 * run's process group (its pid may belong to a PID namespace the parent cannot see). EOF on stdin ends it.
 * It is loaded by FORKSERVER_BOOT (not run as __main__, so that __main__ stays a clean namespace).
 */
export const FORKSERVER_BOOT = 'import importlib.util as u, sys; s = u.spec_from_file_location("flare_forkserver", sys.argv[1]); '
  + 'm = u.module_from_spec(s); s.loader.exec_module(m); m._main(sys.argv[2:])';

export const FORKSERVER_PY = String.raw`
import json, os, resource, select, signal, sys

def _main(preload):
    # --pidns: the server runs in a PID namespace of its own; what finished runs leave behind is killed.
    pidns = "--pidns" in preload
    preload = [p for p in preload if p != "--pidns"]
    for name in preload:
        try:
            __import__(name)
        except Exception:
            pass
    if "pytest" in preload:
        _preload_pytest_plugins()
    import runpy  # noqa: F401  (imported before any fork)
    rd, wr = os.pipe()
    os.set_blocking(rd, False)
    os.set_blocking(wr, False)
    signal.set_wakeup_fd(wr)
    signal.signal(signal.SIGCHLD, lambda *a: None)
    proto = os.fdopen(os.dup(1), "w", buffering=1)

    def send(obj):
        proto.write(json.dumps(obj) + "\n")
        proto.flush()

    send({"ready": True, "modules": sorted({m.split(".")[0] for m in sys.modules})})
    children = {}

    def reap():
        while children:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            rid = children.pop(pid, None)
            if rid is None:
                continue
            try:
                os.killpg(pid, signal.SIGKILL)  # whatever the run left behind in its group
            except OSError:
                pass
            if os.WIFSIGNALED(status):
                send({"id": rid, "signal": os.WTERMSIG(status)})
            else:
                send({"id": rid, "exit": os.WEXITSTATUS(status)})

    buf = b""
    while True:
        try:
            ready, _, _ = select.select([0, rd], [], [])
        except InterruptedError:
            continue
        if rd in ready:
            try:
                while os.read(rd, 4096):
                    pass
            except BlockingIOError:
                pass
        if 0 in ready:
            data = os.read(0, 65536)
            if not data:
                # The parent is gone (or done): runs still going are stopped with it.
                for pid in list(children):
                    try:
                        os.killpg(pid, signal.SIGKILL)
                    except OSError:
                        pass
                break
            buf += data
            while b"\n" in buf:
                line, buf = buf.split(b"\n", 1)
                if not line.strip():
                    continue
                req = json.loads(line)
                if "kill" in req:
                    # Pids are the server's own (maybe a PID namespace's): it kills for the parent.
                    for pid, rid in list(children.items()):
                        if rid == req["kill"]:
                            try:
                                os.killpg(pid, signal.SIGKILL)
                            except OSError:
                                pass
                    continue
                pid = os.fork()
                if pid == 0:
                    _child(req, rd, wr, proto)
                children[pid] = req["id"]
                send({"id": req["id"], "pid": pid})
        reap()
        if pidns:
            _sweep(children)

def _sweep(children):
    # Processes that no live run leads to (a finished run's daemons, forks that left their group via
    # setsid) are orphans here: kill them. Only sound in a PID namespace that holds nothing else.
    me = os.getpid()
    try:
        if int(os.readlink("/proc/self")) != me:
            return  # /proc shows another PID namespace: its numbers are not ours
    except (OSError, ValueError):
        return
    parents = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % name) as f:
                st = f.read()
            parents[int(name)] = int(st[st.rindex(")") + 2:].split()[1])
        except (OSError, ValueError, IndexError):
            pass
    for pid in parents:
        if pid in (1, me) or pid in children:
            continue
        p, steps = pid, 0
        while p in parents and p not in children and p != me and steps < 4096:
            p, steps = parents[p], steps + 1
        if p not in children:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass

def _preload_pytest_plugins():
    # pytest imports its own plugins on each run; importing them here once makes each forked run
    # start with them loaded. Installed plugins (entry points) are left alone: pytest rewrites their
    # asserts on import and warns about modules that were imported before it.
    import importlib
    try:
        from _pytest.config import default_plugins
        for name in default_plugins:
            try:
                importlib.import_module("_pytest." + name)
            except Exception:
                pass
    except Exception:
        pass

_RLIMITS = {"cpu": resource.RLIMIT_CPU, "as": resource.RLIMIT_AS, "fsize": resource.RLIMIT_FSIZE, "nproc": resource.RLIMIT_NPROC}

def _limit(limits):
    for name, value in (limits or {}).items():
        res = _RLIMITS.get(name)
        if res is None:
            continue
        try:
            resource.setrlimit(res, (int(value), int(value)))
        except (ValueError, OSError):
            pass
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

def _child(req, rd, wr, proto):
    _exit = os._exit
    try:
        os.setpgid(0, 0)
        _limit(req.get("limits"))
        signal.set_wakeup_fd(-1)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        os.close(rd)
        os.close(wr)
        proto.close()
        os.chdir(req["cwd"])
        null = os.open(os.devnull, os.O_RDONLY)
        out = os.open(req["stdout"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        err = os.open(req["stderr"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(null, 0)
        os.dup2(out, 1)
        os.dup2(err, 2)
        for fd in (null, out, err):
            os.close(fd)
        sys.path[0] = os.getcwd()
        sys.argv = ["-m"] + list(req["args"])
        import runpy
        # __main__ is the bootstrap's small namespace; runpy fills it like "python -m" does.
        main = sys.modules["__main__"].__dict__
        builtins = main.get("__builtins__")
        main.clear()
        main["__builtins__"] = builtins
        code = 0
        try:
            runpy._run_module_as_main(req["module"], alter_argv=True)
        except SystemExit as e:
            if e.code is None:
                code = 0
            elif isinstance(e.code, int):
                code = e.code
            else:
                print(e.code, file=sys.stderr)
                code = 1
        except BaseException:
            import traceback
            traceback.print_exc()
            code = 1
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except BaseException:
            pass
        _exit(code & 0xFF)
    except BaseException:
        _exit(70)
`;
