#!/usr/bin/env python3
"""Interleaved A/B runs for bench/table.ts: reads {"runs": N, "warm": W, "cmds": [{"argv": [...], "env": {...},
"cwd": "..."}]} on stdin, runs every command once per round (round-robin, so load drifts hit all of them alike), and
prints per command the lists of wall ms, CPU ms (user + system from wait4) and peak RSS KB, plus exit codes.
"{run}" in an argument becomes the round's number (unique release names)."""
import json, os, sys, time

spec = json.load(sys.stdin)
cmds = spec["cmds"]
out = [{"wall": [], "cpu": [], "rss": [], "codes": []} for _ in cmds]
devnull = os.open(os.devnull, os.O_RDWR)
for i in range(spec.get("warm", 1) + spec["runs"]):
    for k, c in enumerate(cmds):
        env = dict(os.environ)
        env.update(c.get("env", {}))
        t = time.perf_counter()
        pid = os.fork()
        if pid == 0:
            try:
                os.dup2(devnull, 0)
                os.dup2(devnull, 1)
                os.dup2(devnull, 2)
                if c.get("cwd"):
                    os.chdir(c["cwd"])
                argv = [a.replace("{run}", str(i)) for a in c["argv"]]
                os.execvpe(argv[0], argv, env)
            finally:
                os._exit(127)
        _, status, ru = os.wait4(pid, 0)
        wall = (time.perf_counter() - t) * 1000
        if i >= spec.get("warm", 1):
            r = out[k]
            r["wall"].append(wall)
            r["cpu"].append((ru.ru_utime + ru.ru_stime) * 1000)
            r["rss"].append(ru.ru_maxrss)
            r["codes"].append(os.waitstatus_to_exitcode(status))
json.dump(out, sys.stdout)
