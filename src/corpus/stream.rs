//! Reading many files with flat memory: a batch of files at a time, read and worked on by
//! every core, then handed on in input order before the next batch is read.

use super::{Article, Input, LoadedFile, Problem, SourcesCache, load, load_articles};

/// How many files are read at once before they are handed on.
const BATCH: usize = 64;

/// Whether the files handed on keep the bytes they were read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bytes {
    /// Kept, for line and column numbers and the original spelling of a mention.
    Keep,
    /// Dropped once the text is clean (a file in plain ASCII then takes its size once).
    Drop,
}

/// Reads `inputs` a batch at a time, computes `per_article` for every article of each file on
/// every core, and hands each file with its results to `emit`, in input order. Returns the
/// inputs' problems (a file's warnings, and the files that could not be read).
pub fn for_each_file<T, E>(
    inputs: &[Input],
    bytes: Bytes,
    per_article: impl Fn(&Article) -> T + Sync,
    mut emit: impl FnMut(&LoadedFile, &[T]) -> Result<(), E>,
) -> Result<Vec<Problem>, E>
where
    T: Send,
{
    let sources = SourcesCache::default();
    let mut problems = Vec::new();
    for batch in inputs.chunks(BATCH) {
        let loaded = crate::work::parallel_map(batch, |input| {
            let file = match bytes {
                Bytes::Keep => load(input, &sources),
                Bytes::Drop => load_articles(input, &sources),
            };
            file.map(|file| {
                let found: Vec<T> = file.articles.iter().map(&per_article).collect();
                (file, found)
            })
        });
        for result in loaded {
            match result {
                Ok((file, found)) => {
                    problems.extend(file.warnings.iter().cloned());
                    emit(&file, &found)?;
                }
                Err(problem) => problems.push(problem),
            }
        }
    }
    Ok(problems)
}
