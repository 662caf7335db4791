#!/usr/bin/env bash
# Regenerates the function reference in README.md from the declarations
# (`blueprint functions --output markdown`). A test fails when it is stale.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product blueprint >&2
reference=$(.build/debug/blueprint functions --output markdown)
python3 - "$reference" <<'PY'
import sys, re
ref = sys.argv[1]
text = open("README.md").read()
begin, end = "<!-- functions:begin -->", "<!-- functions:end -->"
i, j = text.index(begin) + len(begin), text.index(end)
open("README.md", "w").write(text[:i] + "\n" + ref.rstrip("\n") + "\n" + text[j:])
PY
