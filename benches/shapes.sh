#!/usr/bin/env bash
# Every shape of input in one run, each next to its peer: one huge file, one huge line, a huge
# gazetteer; the commands timed with hyperfine, the reader in a pseudo-terminal
# (benches/reader-timing.py), peak memory with /usr/bin/time. See benches/README.md.
# Usage: [GAZETTE=BINARY] benches/shapes.sh BENCH_DIR [OUT_DIR]
#   BENCH_DIR holds conll-train.txt, gazetteer-conll-train.json, gazetteer-cities15000.json
#   and make-corpus.sh; OUT_DIR (default /tmp/gazette-bench) receives the corpora.
set -euo pipefail
bench=${1:?usage: benches/shapes.sh BENCH_DIR [OUT_DIR]}
out=${2:-/tmp/gazette-bench}
here=$(cd "$(dirname "$0")/.." && pwd)
for tool in rg hyperfine python3; do
  command -v "$tool" >/dev/null || { echo "shapes.sh needs $tool (Debian: apt-get install ripgrep hyperfine)" >&2; exit 1; }
done
"$bench/make-corpus.sh" "$out" >/dev/null
# GAZETTE=BINARY measures another build (an older one, say) instead of building this one.
if [ -z "${GAZETTE:-}" ]; then
  cargo build --release --manifest-path "$here/Cargo.toml" >/dev/null 2>&1
fi
gazette=${GAZETTE:-$here/target/release/gazette}
timing="$here/benches/reader-timing.py"
export GAZETTE_CONFIG_DIR="$out/no-config" GAZETTE_DATA_DIR="$out/no-data"
conll="--no-default-gazetteer --gazetteer $bench/gazetteer-conll-train.json"
cities="--gazetteer $bench/gazetteer-cities15000.json"
corpus="$out/corpus-100mb.txt"

# 17.5 MB of the Reuters text: as it is, and with every line break a space (one line).
if [ ! -s "$out/one-line.txt" ]; then
  for _ in $(seq 16); do cat "$bench/conll-train.txt"; done >"$out/broken-lines.txt"
  tr '\n' ' ' <"$out/broken-lines.txt" >"$out/one-line.txt"
fi
python3 - "$bench/gazetteer-conll-train.json" >"$out/conll-patterns.txt" <<'PY'
import json, sys
for entity in json.load(open(sys.argv[1]))["entities"]:
    for surface in [entity["name"]] + entity.get("aliases", []):
        print(surface)
PY

# Mean seconds of each command of a hyperfine run, then `name a/b` ratios.
compare() {
  local json="$out/hyperfine.json"
  hyperfine --warmup 1 --runs 5 --style basic --export-json "$json" "$@" >/dev/null
  python3 - "$json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
first = results[0]
for r in results:
    print(f"  {r['mean']:.3f} s ± {r['stddev']:.3f}  {r['command'][:110]}")
for r in results[1:]:
    print(f"  ratio {r['mean'] / first['mean']:.2f} to the first ({first['mean'] / r['mean']:.2f}x)  {r['command'][:60]}")
PY
}

peak() {
  /usr/bin/time -f "  peak memory %M KB, %e s wall" "$@" >/dev/null
}

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "== entities over one 96 MB file, CoNLL gazetteer: rg -F -o -f, then json and table (goal: ratio <= 0.33)"
compare "rg -F -o -f $out/conll-patterns.txt $corpus" \
  "$gazette entities --format json $conll $corpus" \
  "$gazette entities $conll $corpus"
peak "$gazette" entities --format json $conll "$corpus"

echo "== annotate, 17.5 MB on one line against the same words in lines (goal: ratio <= 1.5)"
compare "$gazette annotate $out/broken-lines.txt" "$gazette annotate $out/one-line.txt"
peak "$gazette" annotate "$out/one-line.txt"

echo "== discover, the seeds and the cities gazetteer, against loading that gazetteer alone (goal: <= 1 s)"
: >"$out/empty.txt"
compare "$gazette annotate $cities $out/empty.txt" "$gazette discover $cities"
peak "$gazette" discover $cities

echo "== reader, one 96 MB file, CoNLL gazetteer (goals: first frame < 300 ms, every key < 16 ms)"
python3 "$timing" --settle 3 --keys "j*5 PgDn*3 G g Tab Enter v Esc n*5 N*3 K Esc ]" -- \
  "$gazette" $conll "$corpus"
echo "== reader, 17.5 MB article on one line"
python3 "$timing" --keys "j*3 G g Tab Enter K Esc n*5 N*3 v Esc" -- "$gazette" "$out/one-line.txt"
echo "== reader, the seeds and the cities gazetteer (356,643 aliases)"
python3 "$timing" --settle 2 --keys "j*3 a Esc ] [" -- "$gazette" $cities
