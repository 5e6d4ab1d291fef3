//! Stage timings on the benchmark data: gazetteer load, automaton build, cleaning, matching.
//!
//! Run with `cargo bench --bench matcher -- BENCH_DIR CORPUS_FILE`, where BENCH_DIR holds
//! `gazetteer-conll-train.json` and `gazetteer-cities15000.json`, and CORPUS_FILE is a large
//! text such as the 100 MB corpus that `make-corpus.sh` builds. See `benches/README.md`.

use gazette::gazetteer::{Gazetteer, LayerSource};
use gazette::matcher::Matcher;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let Some(bench_dir) = args.first().map(PathBuf::from) else {
        eprintln!("usage: cargo bench --bench matcher -- BENCH_DIR [CORPUS_FILE]");
        return;
    };
    for name in ["gazetteer-conll-train.json", "gazetteer-cities15000.json"] {
        time_build(&bench_dir.join(name));
    }
    if let Some(corpus) = args.get(1) {
        time_scan(
            &bench_dir.join("gazetteer-conll-train.json"),
            Path::new(corpus),
        );
    }
}

fn load(path: &Path) -> (Gazetteer, Matcher, f64, f64) {
    let bytes = std::fs::read(path).expect("gazetteer readable");
    let start = Instant::now();
    let layer = LayerSource {
        label: path.display().to_string(),
        bytes,
    };
    let gazetteer = Gazetteer::load(&[layer]).expect("valid gazetteer");
    let loaded = start.elapsed().as_secs_f64();
    let matcher = Matcher::new(&gazetteer).expect("automaton builds");
    let built = start.elapsed().as_secs_f64() - loaded;
    (gazetteer, matcher, loaded, built)
}

fn time_build(path: &Path) {
    let (gazetteer, _matcher, loaded, built) = load(path);
    println!(
        "{}: {} surface forms: load {:.3} s, build {:.3} s, total {:.3} s",
        path.file_name().unwrap_or_default().to_string_lossy(),
        gazetteer.surfaces.len(),
        loaded,
        built,
        loaded + built
    );
}

/// CPU seconds this process has used (user + system), from /proc; 0 where there is none.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after_name = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks = |index: usize| {
        fields
            .get(index)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) / 100.0
}

fn time_scan(gazetteer: &Path, corpus: &Path) {
    let (gazetteer_loaded, matcher, _, _) = load(gazetteer);
    let start = Instant::now();
    let bytes = std::fs::read(corpus).expect("corpus readable");
    let read = start.elapsed().as_secs_f64();
    let cleaned = gazette::text::clean(&bytes);
    let clean = start.elapsed().as_secs_f64() - read;
    let cpu = cpu_seconds();
    let mentions = matcher.find(&cleaned.text);
    let find = start.elapsed().as_secs_f64() - read - clean;
    let find_cpu = cpu_seconds() - cpu;
    #[allow(clippy::cast_precision_loss)]
    let mb = bytes.len() as f64 / 1e6;
    let patterns: Vec<&str> = gazetteer_loaded
        .surfaces
        .iter()
        .map(|s| s.text.as_str())
        .collect();
    {
        let kind = None;
        let naive = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .kind(kind)
            .build(&patterns)
            .expect("builds");
        let start = Instant::now();
        let cpu = cpu_seconds();
        let count = naive.find_iter(&cleaned.text).count();
        println!(
            "peer: aho-corasick leftmost-longest find_iter (no boundary rules), one thread: {:.3} s ({:.2} s CPU), {count} matches",
            start.elapsed().as_secs_f64(),
            cpu_seconds() - cpu
        );
    }
    println!(
        "{:.0} MB: read {read:.3} s, clean {clean:.3} s, match {find:.3} s ({:.2} s CPU, {:.0} MB/s), {} mentions",
        mb,
        find_cpu,
        mb / find,
        mentions.len()
    );
}
