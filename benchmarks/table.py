"""Render the JSON lines of a `make bench` run as a Markdown table.

python -m benchmarks > bench.jsonl
python -m benchmarks.table < bench.jsonl
"""

import json
import sys


def rows(lines):
    for line in lines:
        line = line.strip()
        if line.startswith("{"):
            yield json.loads(line)


def render(figures):
    out = [
        "| figure | size | value | unit | compared with | ratio |",
        "| --- | ---: | ---: | --- | --- | ---: |",
    ]
    for f in figures:
        value = f["value"]
        shown = f"{value:,.1f}" if isinstance(value, float) else f"{value:,}"
        ratio = "" if f["ratio"] is None else f"{f['ratio']:.2f}"
        out.append(
            f"| {f['name']} | {f['size']:,} | {shown} | {f['unit']} | "
            f"{f['compared_with'] or ''} | {ratio} |"
        )
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    sys.stdout.write(render(rows(sys.stdin)))
