"""Entry point of `make bench`."""

import sys

if __name__ == "__main__":
    sys.stdout.write("no benchmarks yet\n")
