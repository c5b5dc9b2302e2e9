#!/usr/bin/env python3
"""Maps mailsift reports over a Maildir or eml-dir corpus back to the generator's message numbers.

usage: reindex_by_file.py CORPUS_DIR TRUTH.jsonl RUN.ndjson > RUN.reindexed.ndjson

In those forms every message is its own file (source.index 0); the truth file names each
message's file, relative to the corpus folder. Reports whose file the truth does not know are
an error.
"""
import json, os, sys

root, truth_path, run_path = sys.argv[1:4]
index = {}
for line in open(truth_path, encoding="utf-8"):
    t = json.loads(line)
    index[os.path.normpath(os.path.join(root, t["file"]))] = t["index"]
for line in open(run_path, encoding="utf-8"):
    r = json.loads(line)
    path = os.path.normpath(r["source"]["path"])
    if path not in index:
        sys.exit("reindex_by_file: report for a file the truth does not know: " + path)
    r["source"]["index"] = index[path]
    print(json.dumps(r, ensure_ascii=False))
