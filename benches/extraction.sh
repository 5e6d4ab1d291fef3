#!/usr/bin/env bash
# Article extraction quality on saved news pages with hand-written article bodies.
# Usage: benches/extraction.sh AEB_DIR [GAZETTE]
#   AEB_DIR holds html/ID.html.gz, ground-truth.json and evaluate.py (the Article Extraction
#   Benchmark's layout); GAZETTE is the binary to measure (default: this tree's release build).
#   Extra NAME.json files (same shape as the ground truth) in $EXTRA_OUTPUTS, a folder, are
#   scored in the same run as peers; $KEEP_OUTPUT, a file, receives gazette's output.
# Scores what gazette shows as the article: the plain print of `gazette --color never PAGE`,
# without its `── ` header line, and without the first line when it is the article's title.
# `gazette` is that print (entities marked `[name|kind]` by the built-in gazetteer);
# `gazette-text` is the same with --no-default-gazetteer, the extracted text alone.
set -euo pipefail
aeb=${1:?usage: benches/extraction.sh AEB_DIR [GAZETTE]}
here=$(cd "$(dirname "$0")/.." && pwd)
gazette=${2:-}
if [[ -z $gazette ]]; then
  cargo build --release --manifest-path "$here/Cargo.toml" >/dev/null 2>&1
  gazette="$here/target/release/gazette"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$aeb/ground-truth.json" "$aeb/evaluate.py" "$work/"
mkdir -p "$work/pages" "$work/plain" "$work/output"
for page in "$aeb"/html/*.html.gz; do
  gunzip -c "$page" >"$work/pages/$(basename "$page" .gz)"
done
export GAZETTE_CONFIG_DIR="$work/no-config" GAZETTE_DATA_DIR="$work/no-data"

start=$(date +%s.%N)
for page in "$work"/pages/*.html; do
  "$gazette" --color never "$page" >"$work/plain/$(basename "$page" .html).txt"
done
end=$(date +%s.%N)
mkdir -p "$work/text"
for page in "$work"/pages/*.html; do
  "$gazette" --color never --no-default-gazetteer "$page" >"$work/text/$(basename "$page" .html).txt"
done
"$gazette" entities --format json "$work"/pages/*.html >"$work/entities.json" || true

score() {
python3 - "$work" "$1" "$2" <<'PY'
import json, pathlib, sys
work, folder, name = pathlib.Path(sys.argv[1]), sys.argv[2], sys.argv[3]
titles = {}
for article in json.loads((work / "entities.json").read_text()).get("articles", []):
    titles[pathlib.Path(article["file"]).name.removesuffix(".html")] = article["title"]
output = {}
for plain in sorted((work / folder).glob("*.txt")):
    lines = plain.read_text().split("\n")
    if lines and lines[0].startswith("── "):
        lines = lines[1:]
    if lines and lines[0].strip() == titles.get(plain.stem, "").strip():
        lines = lines[1:]
    output[plain.stem] = {"articleBody": "\n".join(lines).strip()}
(work / "output" / f"{name}.json").write_text(json.dumps(output))
PY
}
score plain gazette
score text gazette-text
if [[ -n ${KEEP_OUTPUT:-} ]]; then cp "$work/output/gazette-text.json" "${KEEP_OUTPUT%.json}-text.json"; fi
if [[ -n ${KEEP_OUTPUT:-} ]]; then
  cp "$work/output/gazette.json" "$KEEP_OUTPUT"
fi
if [[ -n ${EXTRA_OUTPUTS:-} ]]; then
  cp "$EXTRA_OUTPUTS"/*.json "$work/output/"
fi
(cd "$work" && python3 evaluate.py --n-bootstrap 200)
echo "gazette: $(ls "$work"/pages | wc -l) pages in $(echo "$end - $start" | bc) s (one process per page)"
