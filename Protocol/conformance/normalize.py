#!/usr/bin/env python3
"""Command line of the conformance normaliser: JSON lines of identity records on stdin, one JSON
line of canonical fields per record on stdout. Same as `python3 -m mibarai_conformance.normalize`."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from mibarai_conformance.normalize import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
