# The floor under the archive's write path: SQLite alone, from Python's sqlite3, inserting
# 50,000 rows shaped like the archive's versions (~1.2 KB of JSON, Chinese text), in one
# WAL transaction, with the indexes added one by one (docs/BENCHMARKS.md "Archive write path").
#   python3 bench/sqlite_floor.py
import json
import os
import random
import sqlite3
import time
rows = []
random.seed(1)
for i in range(50000):
    key = "admin_penalty:" + "粤穗能罚〔2025〕%06d号" % random.randrange(10**6) + str(i)
    rows.append((key, json.dumps({"f%02d"%k: "行政处罚内容"*3 for k in range(20)}, ensure_ascii=False)))
def run(name, schema, stmts, pragmas=()):
    p="/tmp/exp.db"
    for e in ("","-wal","-shm"):
        if os.path.exists(p+e): os.remove(p+e)
    db=sqlite3.connect(p, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL"); db.execute("PRAGMA synchronous=NORMAL")
    for pr in pragmas: db.execute(pr)
    db.executescript(schema)
    t=time.time()
    db.execute("BEGIN")
    for k,v in rows:
        for s,args in stmts:
            db.execute(s, args(k,v))
    t1=time.time()
    db.execute("COMMIT")
    t2=time.time()
    print(f"{name}: rows {t1-t:.2f}s commit {t2-t1:.2f}s  -> {50000/(t2-t):.0f} rows/s", flush=True)
base="CREATE TABLE version(entity TEXT NOT NULL, seq INTEGER NOT NULL, op TEXT NOT NULL, vals TEXT NOT NULL);"
ins=("INSERT INTO version(entity,seq,op,vals) VALUES (?,1,'inserted',?)", lambda k,v:(k,v))
ent=("INSERT OR IGNORE INTO entity(id,dataset,key) VALUES (?,'admin_penalty',?)", lambda k,v:(k,k[14:]))
head=("SELECT seq, op, vals FROM version WHERE entity = ? ORDER BY seq DESC LIMIT 1", lambda k,v:(k,))
E="CREATE TABLE entity(id TEXT PRIMARY KEY, dataset TEXT NOT NULL, key TEXT NOT NULL) WITHOUT ROWID;"
run("A version only", base, [ins])
run("B +unique(entity,seq)", base+"CREATE UNIQUE INDEX u ON version(entity,seq);", [ins])
run("C +seq index", base+"CREATE UNIQUE INDEX u ON version(entity,seq); CREATE INDEX s ON version(seq);", [ins])
run("D +entity", E+base+"CREATE UNIQUE INDEX u ON version(entity,seq); CREATE INDEX s ON version(seq);", [ent, ins])
run("E +head", E+base+"CREATE UNIQUE INDEX u ON version(entity,seq); CREATE INDEX s ON version(seq);", [head, ent, ins])
run("E +head cache64M", E+base+"CREATE UNIQUE INDEX u ON version(entity,seq); CREATE INDEX s ON version(seq);", [head, ent, ins], ["PRAGMA cache_size=-65536"])
