#!/usr/bin/env python3
"""Writes an os-api-ref tree N times the size of nova's into OUT (OUT/api-ref/source and
OUT/doc/api_samples, the layout nova's literalinclude paths expect). Every .inc file, parameter
and sample is copied N times with renamed parameter keys, paths and sample folders, so the copies
are independent operations.
Usage: Benchmarks/make-synthetic-osapiref.py N NOVA_ROOT OUT   (NOVA_ROOT holds api-ref/ and doc/)"""
import os, re, shutil, sys

copies, nova, out = int(sys.argv[1]), sys.argv[2], sys.argv[3]
src = os.path.join(nova, "api-ref", "source")
samples = os.path.join(nova, "doc", "api_samples")
dst = os.path.join(out, "api-ref", "source")
shutil.rmtree(out, ignore_errors=True)
os.makedirs(dst)
os.makedirs(os.path.join(out, "doc", "api_samples"))

params = open(os.path.join(src, "parameters.yaml")).read()
with open(os.path.join(dst, "parameters.yaml"), "w") as f:
    for n in range(copies):
        f.write(re.sub(r"^([^\s#][^\s]*?):(\s*(?:&\S+)?\s*)$", lambda m: f"{m.group(1)}_c{n}:{m.group(2)}", params, flags=re.M))
        f.write("\n")

includes = []
index = open(os.path.join(src, "index.rst")).read()
for name in re.findall(r"^\.\. include:: (\S+)$", index, re.M):
    text = open(os.path.join(src, name)).read()
    for n in range(copies):
        copy = re.sub(r"^(\s*- [^\n]+?: )(\S+)\s*$", lambda m: f"{m.group(1)}{m.group(2)}_c{n}", text, flags=re.M)
        copy = re.sub(r"^(\.\. rest_method:: [A-Z]+ )/", lambda m: f"{m.group(1)}/c{n}/", copy, flags=re.M)
        copy = copy.replace("doc/api_samples/", f"doc/api_samples/c{n}/")
        target = name.replace(".inc", f"-c{n}.inc")
        open(os.path.join(dst, target), "w").write(copy)
        includes.append(target)
head = index.split(".. include::")[0]
open(os.path.join(dst, "index.rst"), "w").write(head + "".join(f".. include:: {i}\n" for i in includes))
for entry in os.listdir(src):
    if entry not in ("parameters.yaml", "index.rst") and not entry.endswith(".inc"):
        path = os.path.join(src, entry)
        (shutil.copytree if os.path.isdir(path) else shutil.copy)(path, os.path.join(dst, entry))
for n in range(copies):
    shutil.copytree(samples, os.path.join(out, "doc", "api_samples", f"c{n}"))
print(f"wrote {copies} copies of nova into {out}")
