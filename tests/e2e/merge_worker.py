"""Run by the kill-mid-merge test in another process: ``python merge_worker.py DB EXPORT`` merges the
export into DB, and once the patients are written (inside the merge's transaction) says ``halfway``
and waits, to be killed there."""

from __future__ import annotations

import sys

from ayni.core import open_store
from ayni.core.storage import merge


def main(db: str, export: str) -> None:
    table_merger = merge._Merge._merge_table

    def merge_table_then_wait(self, table):
        done = table_merger(self, table)
        if table == "patients":
            print("halfway", flush=True)
            sys.stdin.readline()  # killed here, the transaction open
        return done

    merge._Merge._merge_table = merge_table_then_wait
    store = open_store(db, user="coordinadora", create=False)
    merge.merge(store, export)
    print("merged", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
