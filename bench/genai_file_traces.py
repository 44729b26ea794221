#!/usr/bin/env python3
"""Copies a file-store GenAI project (e.g. genai-file-3x) twice: one with N trace folders (default 100,000) under
mlruns/<experiment>/traces/, each a copy of one of the store's own traces (trace_info.yaml, tags, request metadata,
assessments, artifacts) with a new trace id, and one with every traces/ folder removed. Files that do not name the
trace id are hard-linked, not copied. The source store is only read.
usage: genai_file_traces.py <project-folder> <out-folder> [traces]"""
import glob, os, shutil, sys, uuid

src, out = sys.argv[1], sys.argv[2]
n = int(sys.argv[3]) if len(sys.argv) > 3 else 100_000

def copy(name):
    dst = os.path.join(out, name)
    if os.path.exists(dst):
        shutil.rmtree(dst)
    shutil.copytree(src, dst, symlinks=True)
    return dst

dst = copy("without-traces")
for folder in glob.glob(os.path.join(dst, "mlruns", "*", "traces")):
    shutil.rmtree(folder)

dst = copy("with-traces")
traces = sorted(glob.glob(os.path.join(dst, "mlruns", "*", "traces", "tr-*")))
made = 0
i = 0
while len(traces) + made < n:
    base = traces[i % len(traces)]
    i += 1
    old = os.path.basename(base)
    new = "tr-" + uuid.UUID(int=made + 1).hex
    target = os.path.join(os.path.dirname(base), new)
    for root, dirs, files in os.walk(base):
        rel = os.path.relpath(root, base)
        os.makedirs(os.path.join(target, rel), exist_ok=True)
        for f in files:
            path = os.path.join(root, f)
            to = os.path.join(target, rel, f)
            with open(path, "rb") as fh:
                data = fh.read()
            if old.encode() in data:
                data = data.replace(old.encode(), new.encode())
                if rel == "assessments":
                    to = os.path.join(target, rel, "a-" + uuid.uuid4().hex + ".yaml")
                    data = data.replace(f[:-5].encode(), os.path.basename(to)[:-5].encode())
                with open(to, "wb") as fh:
                    fh.write(data)
            else:
                os.link(path, to)
    made += 1
print({"trace folders": len(glob.glob(os.path.join(dst, "mlruns", "*", "traces", "tr-*")))})
