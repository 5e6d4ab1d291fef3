#!/usr/bin/env bash
# Side-by-side benchmarks on the shared benchmark data (see benches/README.md).
# Usage: benches/compare.sh BENCH_DIR [OUT_DIR]
#   BENCH_DIR holds conll-train.txt, gazetteer-conll-train.json, gazetteer-cities15000.json
#   and make-corpus.sh; OUT_DIR (default /tmp/gazette-bench) receives the 100 MB corpora.
set -euo pipefail
bench=${1:?usage: benches/compare.sh BENCH_DIR [OUT_DIR]}
out=${2:-/tmp/gazette-bench}
here=$(cd "$(dirname "$0")/.." && pwd)
for tool in rg hyperfine python3; do
  command -v "$tool" >/dev/null || { echo "compare.sh needs $tool (Debian: apt-get install ripgrep hyperfine)" >&2; exit 1; }
done
"$bench/make-corpus.sh" "$out" >/dev/null
cargo build --release --manifest-path "$here/Cargo.toml" >/dev/null 2>&1
gazette="$here/target/release/gazette"
export GAZETTE_CONFIG_DIR="$out/no-config"

# The CoNLL gazetteer's surface forms, one per line, for rg -f.
python3 - "$bench/gazetteer-conll-train.json" >"$out/conll-patterns.txt" <<'PY'
import json, sys
for entity in json.load(open(sys.argv[1]))["entities"]:
    for surface in [entity["name"]] + entity.get("aliases", []):
        print(surface)
PY

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "== entities over 100 MB (one file), CoNLL gazetteer, against rg -F -o -f"
hyperfine --warmup 1 --runs 5 --style basic \
  "$gazette entities --no-default-gazetteer --gazetteer $bench/gazetteer-conll-train.json $out/corpus-100mb.txt" \
  "rg -F -o -f $out/conll-patterns.txt $out/corpus-100mb.txt"

echo "== entities over 100 MB (about 1,000 files), CoNLL gazetteer, against rg -F -o -f"
hyperfine --warmup 1 --runs 5 --style basic \
  "$gazette entities --no-default-gazetteer --gazetteer $bench/gazetteer-conll-train.json $out/dir-100mb" \
  "rg -F -o -f $out/conll-patterns.txt $out/dir-100mb"

echo "== cities gazetteer (356,643 aliases): load + build, peak memory"
: >"$out/empty.txt"
for _ in 1 2 3; do
  /usr/bin/time -f "%e s wall, %M KB peak" \
    "$gazette" annotate --no-default-gazetteer --gazetteer "$bench/gazetteer-cities15000.json" "$out/empty.txt"
done

echo "== stage timings and the plain aho-corasick peer"
cargo bench --manifest-path "$here/Cargo.toml" --bench matcher -- "$bench" "$out/corpus-100mb.txt" 2>/dev/null | grep -v '^$'
