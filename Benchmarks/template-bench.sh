#!/usr/bin/env bash
# Renders the template conformance corpus N times with `blueprint template --batch`
# (release build) and with Go's reference renderer `gorender -batch`, in the same run,
# and prints both wall times and their ratio. Each tool runs as one process over the
# whole input, so the numbers include JSON decoding, parsing and rendering.
#   Benchmarks/template-bench.sh [N] [SUBSET]
# N (default 20) is how many times the corpus is repeated; SUBSET is `all` (default)
# or `core` (only cases that call Go builtins, no sprig function).
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-20}"
subset="${2:-all}"
corpus=../shared/template-conformance/corpus.jsonl
gorender="${GORENDER:-${GORENDER_DIR:-$HOME/.cache/gorender}/src/gorender}"
if [ ! -x "$gorender" ]; then
  bash ../shared/template-conformance/build.sh >&2
fi
swift build -c release --product blueprint >&2
bin=.build/release/blueprint

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 - "$corpus" "$n" "$subset" "$work/in.jsonl" <<'EOF'
import json, re, sys
corpus, n, subset, out = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
builtins = {"and", "call", "html", "index", "slice", "js", "len", "not", "or", "print", "printf",
            "println", "urlquery", "eq", "ge", "gt", "le", "lt", "ne", "true", "false", "nil",
            "if", "else", "end", "range", "with", "define", "template", "block", "break", "continue"}
cases = []
for line in open(corpus):
    c = json.loads(line)
    if subset == "core":
        actions = re.findall(r"\{\{(.*?)\}\}", c["template"], re.S)
        words = set()
        for a in actions:
            a = re.sub(r'"(\\.|[^"\\])*"|`[^`]*`|\'(\\.|[^\'\\])*\'', " ", a)
            words |= set(re.findall(r"(?<![.$\w])[A-Za-z_]\w*", a))
        if words - builtins:
            continue
    cases.append({"id": c["id"], "template": c["template"], "data": c["data"]})
with open(out, "w") as f:
    for i in range(n):
        for c in cases:
            f.write(json.dumps(c, ensure_ascii=False) + "\n")
print(f"{len(cases)} cases x {n} = {len(cases) * n} renders ({subset})", file=sys.stderr)
EOF

time_of() {  # prints wall milliseconds of the command
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}
# Warm both binaries and the page cache once.
"$gorender" -batch "$work/in.jsonl" "$work/go.jsonl" >/dev/null 2>&1
"$bin" template --batch "$work/in.jsonl" "$work/swift.jsonl" >/dev/null 2>&1
go_ms=$(time_of "$gorender" -batch "$work/in.jsonl" "$work/go.jsonl")
swift_ms=$(time_of "$bin" template --batch "$work/in.jsonl" "$work/swift.jsonl")
renders=$(wc -l < "$work/in.jsonl")
same=$(python3 - "$work/go.jsonl" "$work/swift.jsonl" <<'EOF'
import json, sys
g = [json.loads(l) for l in open(sys.argv[1])]
s = [json.loads(l) for l in open(sys.argv[2])]
same = sum(1 for a, b in zip(g, s) if a.get("output") == b.get("output") and (a.get("error") is None) == (b.get("error") is None))
print(f"{same}/{len(g)}")
EOF
)
echo "renders: $renders; results agreeing with Go: $same"
echo "gorender -batch:           ${go_ms} ms"
echo "blueprint template --batch: ${swift_ms} ms"
python3 -c "import sys; g, s = int(sys.argv[1]), int(sys.argv[2]); print(f'ratio swift/go: {s / max(g, 1):.2f}')" "$go_ms" "$swift_ms"
