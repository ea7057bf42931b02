#!/usr/bin/env python3
"""Checks a caseguard journal export: entry hashes and inclusion proofs up to the signed tree head's root, and that
each messages/<key>.eml has the SHA-256 its verified received or outbound-copy entry recorded."""
import base64, hashlib, json, os, sys

def node(left, right):
    return hashlib.sha256(b"\x01" + left + right).digest()

def root_from_path(index, size, leaf, path):  # RFC 9162 section 2.1.3.2
    if not 0 <= index < size:
        return None
    fn, sn, r = index, size - 1, leaf
    for p in path:
        if sn == 0:
            return None
        if fn & 1 or fn == sn:
            r = node(p, r)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            r = node(r, p)
        fn, sn = fn >> 1, sn >> 1
    return r if sn == 0 else None

export = sys.argv[1] if len(sys.argv) > 1 else "."
manifest = json.load(open(os.path.join(export, "manifest.json")))
head = manifest["treeHead"]
root = base64.b64decode(head["rootHash"])
failed = 0
for e in manifest["entries"]:
    name = e["file"]
    if os.path.isabs(name) or ".." in name.replace("\\", "/").split("/"):
        ok = False
    else:
        entry_hash = hashlib.sha256(open(os.path.join(export, name), "rb").read()).digest()
        leaf = hashlib.sha256(b"\x00" + entry_hash).digest()
        path = [base64.b64decode(p) for p in e["inclusionPath"]]
        ok = entry_hash == base64.b64decode(e["entryHash"]) and root_from_path(e["leafIndex"], head["treeSize"], leaf, path) == root
    print(("OK     " if ok else "FAILED ") + name)
    failed += not ok
recorded = {}
for e in manifest["entries"]:
    name = e["file"]
    if not (os.path.isabs(name) or ".." in name.replace("\\", "/").split("/")):
        try:
            entry = json.load(open(os.path.join(export, name), "rb"))
        except (OSError, ValueError):
            continue  # reported above, or an entry that records no message content
        if isinstance(entry, dict) and isinstance(entry.get("content"), dict):
            recorded[entry.get("key")] = entry["content"].get("sha256")
messages = os.path.join(export, "messages")
emls = sorted(f for f in os.listdir(messages) if f.endswith(".eml")) if os.path.isdir(messages) else []
for f in emls:
    ok = recorded.get(f[:-4]) == hashlib.sha256(open(os.path.join(messages, f), "rb").read()).hexdigest()
    print(("OK     " if ok else "FAILED ") + "messages/" + f)
    failed += not ok
message = "caseguard-journal-tree-head-v1\n%d\n%d\n%s\n" % (head["treeSize"], head["timestampMillis"], root.hex())
open(os.path.join(export, "tree-head.msg"), "wb").write(message.encode("ascii"))
open(os.path.join(export, "tree-head.sig"), "wb").write(base64.b64decode(head["signature"]))
print("%d entries, %d messages, %d failed; tree head of size %d, algorithm %s" % (len(manifest["entries"]), len(emls), failed, head["treeSize"], head["algorithm"]))
sys.exit(1 if failed else 0)
