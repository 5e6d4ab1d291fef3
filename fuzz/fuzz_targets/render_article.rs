//! Any bytes as an article, drawn at any size: no panic, and no control, BiDi or invisible
//! character in any cell of the screen.

#![no_main]

use arbitrary::Arbitrary;
use gazette::app::{App, Corpus};
use gazette::app::action::Action;
use gazette::corpus::articles_of;
use gazette::gazetteer::{Gazetteer, LayerSource};
use gazette::index::Index;
use gazette::matcher::Matcher;
use gazette::text::is_unsafe_char;
use libfuzzer_sys::fuzz_target;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use std::sync::OnceLock;

#[derive(Debug, Arbitrary)]
struct Case {
    width: u8,
    height: u8,
    scroll: u8,
    article: Vec<u8>,
}

fn gazetteer() -> &'static (Gazetteer, Matcher) {
    static LOADED: OnceLock<(Gazetteer, Matcher)> = OnceLock::new();
    LOADED.get_or_init(|| {
        let gazetteer = Gazetteer::load(&[LayerSource::built_in()]).expect("built-in gazetteer");
        let matcher = Matcher::new(&gazetteer).expect("built-in gazetteer compiles");
        (gazetteer, matcher)
    })
}

fn is_safe(symbol: &str) -> bool {
    !symbol.chars().any(is_unsafe_char)
}

fuzz_target!(|case: Case| {
    let (gazetteer, matcher) = gazetteer();
    let articles = articles_of("fuzz.txt", &case.article);
    let mentions = articles.iter().map(|a| matcher.find(&a.text)).collect();
    let corpus = Corpus {
        index: Index::from_mentions(mentions, gazetteer.entities.len()).into(),
        articles: articles.into(),
        complete: true,
    };
    let mut app = App::new(gazetteer.clone(), corpus, true);
    let (width, height) = (u16::from(case.width), u16::from(case.height));
    app.update(Action::Resize { width, height });
    for _ in 0..case.scroll % 8 {
        app.update(Action::PageDown);
    }
    let area = Rect::new(0, 0, width, height);
    let mut buffer = Buffer::empty(area);
    (&app).render(area, &mut buffer);
    assert!(buffer.content().iter().all(|cell| is_safe(cell.symbol())));
});
