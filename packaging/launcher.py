"""The bundle's entry point: the same ``effnet-app`` as the pip install (no command:
the window; ``--selftest``; every command line function)."""

import multiprocessing
import sys

from effnet_app.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # DataLoader workers and spawn on Windows/macOS
    sys.exit(main())
