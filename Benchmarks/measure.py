#!/usr/bin/env python3
"""Runs a command once and appends "wall_s user_s sys_s maxrss_kb" to a file.

Usage: measure.py TIMES_FILE STDERR_FILE COMMAND [ARG...]

The clock starts just before the process is spawned and stops when wait4 returns; the CPU
times and peak RSS are the child's own (wait4's rusage). Timing through /usr/bin/time added
its own exec and fork to every run (~2 ms: a few per cent of an apiref run, nothing of a
Sphinx one).
"""
import os
import subprocess
import sys
import time

times_file, stderr_file, command = sys.argv[1], sys.argv[2], sys.argv[3:]
with open(os.devnull, "wb") as out, open(stderr_file, "wb") as err:
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=out, stderr=err)
    _, _, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
process.returncode = 0  # reaped by wait4 above; keeps Popen from waiting again
with open(times_file, "a") as times:
    times.write(f"{wall:.6f} {usage.ru_utime:.3f} {usage.ru_stime:.3f} {usage.ru_maxrss}\n")
