"""glibc's thresholds: large blocks go back to the system after each use, except while
fine-tuning, whose steps reuse them (core.memory). Checked in a fresh process, where a
4 MB block is either in the heap or a mapping of its own."""

import json
import subprocess
import sys

import pytest

PROBE = """
import ctypes, json
from effnet_app.core import memory

libc = ctypes.CDLL("libc.so.6")
libc.malloc.restype, libc.malloc.argtypes, libc.free.argtypes = ctypes.c_void_p, [ctypes.c_size_t], [ctypes.c_void_p]

def in_heap():
    block = libc.malloc(4 << 20)
    with open("/proc/self/maps") as maps:
        heap = [line.split()[0] for line in maps if line.rstrip().endswith("[heap]")]
    libc.free(block)
    return any(int(lo, 16) <= block < int(hi, 16) for lo, hi in (h.split("-") for h in heap))

with memory.blocks_kept():  # nothing fixed yet: nothing to change
    untouched = in_heap()
fixed = memory.keep_large_blocks_returnable()
before = in_heap()
with memory.blocks_kept():
    with memory.blocks_kept():
        pass
    within = in_heap()  # the inner context's end leaves the outer one's setting
print(json.dumps({"fixed": fixed, "before": before, "within": within, "after": in_heap(), "untouched": untouched}))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc")
def test_large_blocks_stay_in_the_heap_only_while_fine_tuning():
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60, check=True)
    seen = json.loads(out.stdout)
    assert seen["fixed"]
    assert seen["untouched"] is False, "a process that fixed nothing is left as glibc runs it"
    assert (seen["before"], seen["within"], seen["after"]) == (False, True, False)
