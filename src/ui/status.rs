//! The status line: where the reader is, and the keys of the current mode.

use super::theme::Theme;
use crate::app::{App, Discovery, Mode, Purpose, Searching, keymap};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

/// Draws the status line into `area`.
pub fn render(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    buf.set_style(area, theme.status());
    let (left, style) = match (&app.notice, app.mode) {
        (_, Mode::Search) => (format!(" /{}▏", app.input), theme.status()),
        (_, Mode::Filter) => (format!(" find entity: {}▏", app.input), theme.status()),
        (_, Mode::Prompt) => (prompt(app), theme.notice()),
        (_, Mode::ReviewTyping) => (super::review::typing_line(app), theme.status()),
        (Some(notice), _) => (format!(" {notice} "), theme.notice()),
        (None, _) => (position(app), theme.status()),
    };
    let left_width = u16::try_from(left.width()).unwrap_or(u16::MAX);
    buf.set_stringn(area.x, area.y, &left, usize::from(area.width), style);
    let room = usize::from(area.width.saturating_sub(left_width.saturating_add(2)));
    let hints = hints(app, room);
    let hints_width = u16::try_from(hints.width()).unwrap_or(u16::MAX);
    let x = area.right().saturating_sub(hints_width);
    buf.set_stringn(x, area.y, &hints, usize::from(hints_width), theme.status());
}

/// Source i/n, outlet, position, selected entity, mention k of m, loading progress, and
/// whether names are being found or a search runs.
pub fn position(app: &App) -> String {
    let mut parts = Vec::new();
    let count = app.corpus.articles.len();
    if let Some(article) = app.current_article() {
        let outlet = article.outlet();
        if app.passages.is_some() {
            parts.push("passage view".to_owned());
        } else {
            parts.push(format!("{}/{count} {outlet}", app.article + 1));
        }
    }
    parts.push(line_position(app));
    if let Some(entity) = app.selected {
        parts.push(entity_position(app, entity));
    }
    if let Some(search) = &app.search {
        let more = if search.capped { "+" } else { "" };
        match app.search_position() {
            Some((k, m)) => parts.push(format!("“{}” {k} of {m}{more}", search.query)),
            None => parts.push(format!("“{}” {}{more} matches", search.query, search.total)),
        }
    }
    parts.extend(fetching(app));
    if let Some((done, total)) = app.progress {
        parts.push(format!("indexing {done}/{total}"));
    }
    if matches!(
        app.discovery,
        Discovery::Wanted(Purpose::Open) | Discovery::Running(_, Purpose::Open)
    ) {
        parts.push("finding the names the gazetteer lacks…".to_owned());
    }
    if matches!(app.review.finding, crate::app::Finding::Running(_)) {
        parts.push("finding suggestions…".to_owned());
    }
    if let Searching::Wanted(query) | Searching::Running(_, query) = &app.searching {
        parts.push(format!("searching for “{query}”…"));
    }
    format!(" {} ", parts.join(" │ "))
}

/// Where fetching from the web stands, while the background load fetches.
pub fn fetching(app: &App) -> Option<String> {
    app.fetching.map(|(done, total)| match total {
        0 => "fetching…".to_owned(),
        _ => format!("fetching {done}/{total}…"),
    })
}

fn line_position(app: &App) -> String {
    let rows = app.view.wrap.len().max(1);
    let bottom = (app.view.scroll + app.view.height).min(rows);
    let percent = bottom * 100 / rows;
    format!("line {}/{rows} {percent}%", app.view.scroll + 1)
}

fn entity_position(app: &App, entity: u32) -> String {
    let name = &app.gazetteer.entities[entity as usize].name;
    let list = app.corpus.index.of_entity(entity);
    let current = app
        .current
        .and_then(|i| app.doc_mentions().get(i))
        .filter(|m| m.entity == entity && app.passages.is_none())
        .and(app.current)
        .and_then(|mention| {
            let article = u32::try_from(app.article).ok()?;
            let at = crate::index::MentionRef {
                article,
                mention: u32::try_from(mention).ok()?,
            };
            list.binary_search(&at).ok()
        });
    match current {
        Some(k) => format!("{name}: mention {} of {}", k + 1, list.len()),
        None => format!("{name}: {} mentions", list.len()),
    }
}

/// The question before adding a name: the choices that apply.
fn prompt(app: &App) -> String {
    let Some(prompt) = &app.prompt else {
        return String::new();
    };
    let mut choices = vec!["p person, o organization, l place, m misc".to_owned()];
    if let Some(entity) = app.selected {
        let name = &app.gazetteer.entity(entity).name;
        choices.push(format!("s alias of {name}"));
    }
    if let Some(entity) = prompt.near.filter(|&near| Some(near) != app.selected) {
        let name = &app.gazetteer.entity(entity).name;
        choices.push(format!("n alias of {name}"));
    }
    format!(
        " add “{}” as: {} · Esc cancel ",
        prompt.name,
        choices.join(" · ")
    )
}

/// As many of the mode's hints as fit in `room` columns.
fn hints(app: &App, room: usize) -> String {
    let mut shown = String::new();
    for (keys, what) in keymap::hints(app.mode.scope()) {
        let hint = format!("{}:{what} ", keys.split(' ').next().unwrap_or(keys));
        if shown.width() + hint.width() > room {
            break;
        }
        shown.push_str(&hint);
    }
    shown
}
