#!/usr/bin/env bash
# Regenerates the generated references in README.md: the function reference
# from the declarations (`blueprint functions --output markdown`) and the
# catalog reference from blueprints/ (`blueprint catalog --output markdown`).
# A test fails when either is stale. Then deploy/catalog/ (the catalog as
# Blueprint objects: scripts/update-deploy-catalog.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product blueprint >&2
functions=$(.build/debug/blueprint functions --output markdown)
catalog=$(.build/debug/blueprint catalog --blueprints blueprints --output markdown)
python3 - "$functions" "$catalog" <<'PY'
import sys
text = open("README.md").read()
for section, ref in (("functions", sys.argv[1]), ("catalog", sys.argv[2])):
    begin, end = f"<!-- {section}:begin -->", f"<!-- {section}:end -->"
    i, j = text.index(begin) + len(begin), text.index(end)
    text = text[:i] + "\n" + ref.rstrip("\n") + "\n" + text[j:]
open("README.md", "w").write(text)
PY
scripts/update-deploy-catalog.sh
