#!/usr/bin/env python3
"""Writes a synthetic native description N times the size of the demo (api-ref/) into OUT:
every page, definition and sample is copied N times with renamed keys, ids and paths, so the
copies are independent endpoints that check clean like the original.
Usage: scripts/make-synthetic.py N OUT"""
import os, re, shutil, sys

copies, out = int(sys.argv[1]), sys.argv[2]
src = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "api-ref")
shutil.rmtree(out, ignore_errors=True)
os.makedirs(os.path.join(out, "pages"))

params = open(os.path.join(src, "parameters.yaml")).read()
keys = re.findall(r"^([A-Za-z0-9_\-]+):\s*$", params, re.M)
project = open(os.path.join(src, "apiref.yaml")).read()
project = re.sub(r"\npages:\n(  - .*\n)+", "\n", project)  # default page order: pages/*.md
open(os.path.join(out, "apiref.yaml"), "w").write(project)

def rename_keys(text, suffix):
    return re.sub(r"(?<![A-Za-z0-9_\-])(" + "|".join(map(re.escape, sorted(keys, key=len, reverse=True))) + r")(?![A-Za-z0-9_\-])",
                  lambda m: m.group(1) + suffix, text)

with open(os.path.join(out, "parameters.yaml"), "w") as f:
    for n in range(copies):
        f.write(re.sub(r"^([A-Za-z0-9_\-]+):(\s*)$", lambda m: f"{m.group(1)}_c{n}:{m.group(2)}", params, flags=re.M))
        f.write("\n")

for page in sorted(os.listdir(os.path.join(src, "pages"))):
    text = open(os.path.join(src, "pages", page)).read()
    for n in range(copies):
        copy = text
        # Parameter lists: `- display: key` -> `- display: key_cN`.
        copy = re.sub(r"^(\s*- [^:\n]+: )([A-Za-z0-9_\-]+)$", lambda m: m.group(1) + m.group(2) + f"_c{n}", copy, flags=re.M)
        copy = copy.replace("path: /v1/", f"path: /v1/c{n}/").replace("samples/", f"samples/c{n}/")
        copy = re.sub(r"\]\(([a-z]+)\.md", lambda m: f"]({m.group(1)}-c{n}.md", copy)
        copy = re.sub(r"^id: (.+)$", lambda m: f"id: {m.group(1)}", copy, flags=re.M)
        open(os.path.join(out, "pages", page.replace(".md", f"-c{n}.md")), "w").write(copy)

for n in range(copies):
    shutil.copytree(os.path.join(src, "samples"), os.path.join(out, "samples", f"c{n}"))
print(f"wrote {copies} copies of the demo into {out}")
