//! The plain print (no subcommand, output not a terminal): every article with its mentions
//! marked, coloured by kind or `[text|kind]` without colour.

use crate::corpus::Article;
use crate::gazetteer::Gazetteer;
use crate::index::Index;
use std::fmt::Write as _;
use std::io::{self, Write};

/// The articles with their mentions marked: coloured by kind, or `[text|kind]` without colour.
pub fn plain<W: Write>(
    out: &mut W,
    articles: &[Article],
    index: &Index,
    gazetteer: &Gazetteer,
    color: bool,
) -> io::Result<()> {
    for (number, article) in articles.iter().enumerate() {
        if number > 0 {
            writeln!(out)?;
        }
        let mut header = format!("── {} #{}", article.file, article.index);
        for field in [
            &article.metadata.outlet,
            &article.metadata.author,
            &article.metadata.date,
        ]
        .into_iter()
        .flatten()
        {
            write!(header, " · {field}").expect("writing to a String");
        }
        if color {
            writeln!(out, "\x1b[1m{header}\x1b[0m")?;
        } else {
            writeln!(out, "{header}")?;
        }
        let text = &article.text;
        let mut pos = 0;
        for mention in index.mentions(number) {
            out.write_all(&text.as_bytes()[pos..mention.start as usize])?;
            let surface = &text[mention.range()];
            let kind = gazetteer.entity(mention.entity).kind;
            if color {
                write!(out, "\x1b[{}m{surface}\x1b[0m", kind.sgr())?;
            } else {
                write!(out, "[{surface}|{kind}]")?;
            }
            pos = mention.end as usize;
        }
        out.write_all(&text.as_bytes()[pos..])?;
        writeln!(out)?;
    }
    Ok(())
}
