//! The status line: where the reader is, and the keys of the current view.
//!
//! The line never cuts a number: when it is short of room it shortens names first (the
//! source, the entity, the query), then leaves out the percentage and the line, and only then
//! cuts names further. The hints are those of the keymap table for the current scope; the
//! ways out and `?` stay whatever the width, the others come while there is room.

use super::theme::Theme;
use crate::app::{App, CoverageView, Discovery, Mode, Panel, Passages, Purpose, Searching, keymap};
use crate::gazetteer::EntityId;
use crate::report::{truncate, truncate_left};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

/// How much of the position to show: the widest a name may be, and whether the line and its
/// percentage show.
#[derive(Debug, Clone, Copy)]
pub struct Detail {
    name: usize,
    line: bool,
    percent: bool,
    /// Whether counts are written short (`20/24` for “mention 20 of 24”) and the source's
    /// label left out.
    compact: bool,
}

/// From the most to the least detailed.
const DETAILS: &[Detail] = &[
    Detail::new(usize::MAX, true, true),
    Detail::new(28, true, true),
    Detail::new(18, true, true),
    Detail::new(12, true, true),
    Detail::new(12, true, false),
    Detail::new(8, true, false),
    Detail::new(8, false, false),
    Detail::new(5, false, false),
    Detail::compact(12),
    Detail::compact(8),
    Detail::compact(5),
    Detail::compact(2),
];

impl Detail {
    const fn compact(name: usize) -> Detail {
        Detail {
            compact: true,
            ..Detail::new(name, false, false)
        }
    }

    const fn new(name: usize, line: bool, percent: bool) -> Detail {
        Detail {
            name,
            line,
            percent,
            compact: false,
        }
    }
}

/// Draws the status line into `area`.
pub fn render(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    buf.set_style(area, theme.status());
    let width = usize::from(area.width);
    let (essential, optional) = hints(app);
    let tail = essential.join(" ");
    let room = width.saturating_sub(tail.width() + 2);
    let (left, style) = match (&app.notice, app.mode) {
        (_, Mode::Search) => (typing(" /", &app.input, room), theme.status()),
        (_, Mode::Filter) => (typing(" find entity: ", &app.input, room), theme.status()),
        (_, Mode::Prompt) => (
            format!("{} ", truncate(&prompt(app, room.saturating_sub(1)), room)),
            theme.notice(),
        ),
        (_, Mode::ReviewTyping) => (
            format!(
                "{} ",
                truncate(super::review::typing_line(app).trim_end(), room)
            ),
            theme.status(),
        ),
        (Some(notice), _) => (
            format!(" {} ", truncate(notice, room.saturating_sub(2))),
            theme.notice(),
        ),
        (None, Mode::Compare) if app.compare.is_some() => {
            let view = app.compare.as_ref().expect("the side by side view is open");
            let status = super::compare::status(app, view);
            (
                format!("{} ", truncate(status.trim_end(), room)),
                theme.status(),
            )
        }
        (None, _) => (fitted_position(app, room), theme.status()),
    };
    buf.set_stringn(area.x, area.y, &left, width, style);
    let mut shown = String::new();
    let spare = width.saturating_sub(left.width() + tail.width() + 2);
    for hint in optional {
        if shown.width() + hint.width() + 1 > spare {
            break;
        }
        shown.push_str(&hint);
        shown.push(' ');
    }
    shown.push_str(&tail);
    shown.push(' ');
    let shown_width = u16::try_from(shown.width()).unwrap_or(u16::MAX);
    let x = area.right().saturating_sub(shown_width).max(area.x);
    buf.set_stringn(x, area.y, &shown, width, theme.status());
}

/// What is being typed, its end kept in view.
fn typing(prompt: &str, input: &str, room: usize) -> String {
    let room = room.saturating_sub(prompt.width() + 1).max(1);
    format!("{prompt}{}▏", truncate_left(input, room))
}

/// The position at the most detail that fits in `room` columns.
pub fn fitted_position(app: &App, room: usize) -> String {
    let mut text = String::new();
    for &detail in DETAILS {
        text = position(app, detail);
        if text.width() <= room {
            break;
        }
    }
    text
}

/// Source i/n, its label, position, selected entity, mention k of m, loading progress, and
/// whether names are being found or a search runs.
pub fn position(app: &App, detail: Detail) -> String {
    let name = |text: &str| shorten(text, detail.name);
    if let Some(Panel::Coverage(view)) = &app.panel {
        return format!(" {} ", coverage_cell(app, view, &name, detail.compact));
    }
    let mut parts = Vec::new();
    let count = app.corpus.articles.len();
    if let Some(passages) = &app.passages {
        let names = name(&app.passage_names(passages));
        parts.push(match passage_mention(app, passages) {
            Some((k, m)) if detail.compact => format!("{names} {k}/{m}"),
            Some((k, m)) => format!("passages: {names}: mention {k} of {m}"),
            None => format!("passages: {names}"),
        });
    } else if app.current_article().is_some() && detail.compact {
        parts.push(format!("{}/{count}", app.article + 1));
    } else if app.current_article().is_some() {
        let label = app.label(app.article);
        parts.push(format!("{}/{count} {}", app.article + 1, name(label)));
    }
    if detail.line {
        parts.push(line_position(app, detail.percent));
    }
    if let Some(entity) = app.selected.filter(|_| app.passages.is_none()) {
        parts.push(entity_position(app, entity, &name, detail.compact));
    }
    if let Some(search) = &app.search {
        let more = if search.capped { "+" } else { "" };
        let query = name(&search.query);
        match app.search_position() {
            Some((k, m)) => parts.push(format!("“{query}” {k} of {m}{more}")),
            None => parts.push(format!("“{query}” {}{more} matches", search.total)),
        }
    }
    parts.extend(fetching(app));
    if app.is_building_gazetteer() {
        parts.push("building the gazetteer…".to_owned());
    }
    if let Some((done, total)) = app.progress {
        parts.push(format!("indexing {done}/{total}"));
    }
    if matches!(
        app.discovery,
        Discovery::Wanted(Purpose::Open) | Discovery::Running(_, Purpose::Open)
    ) {
        parts.push("finding names…".to_owned());
    }
    if matches!(app.review.finding, crate::app::Finding::Running(_)) {
        parts.push("finding suggestions…".to_owned());
    }
    if let Searching::Wanted(query) | Searching::Running(_, query) = &app.searching {
        parts.push(format!("searching for “{}”…", name(query)));
    }
    format!(" {} ", parts.join(" │ "))
}

/// The coverage cell under the cursor in words, and the sources that leave its entity out.
fn coverage_cell(
    app: &App,
    view: &CoverageView,
    name: &dyn Fn(&str) -> String,
    compact: bool,
) -> String {
    let Some(row) = view.table.rows.get(view.row) else {
        return String::new();
    };
    let entity = name(&app.gazetteer.entity(row.entity).name);
    let count = row.counts.get(view.column).copied().unwrap_or(0);
    let mentions = match (count, compact) {
        (n, true) => n.to_string(),
        (0, false) => "not named".to_owned(),
        (1, false) => "1 mention".to_owned(),
        (n, false) => format!("{n} mentions"),
    };
    // Compact, sources go by their numbers, as the narrow grid's header shows them.
    let source = |article: usize| {
        if compact {
            format!("{}", article + 1)
        } else {
            format!("{} {}", article + 1, name(app.label(article)))
        }
    };
    let cell = format!("{entity} in {}: {mentions}", source(view.column));
    let missing: Vec<String> = (0..row.counts.len())
        .filter(|&article| row.counts[article] == 0)
        .map(source)
        .collect();
    if missing.is_empty() {
        format!("{cell} │ every source names it")
    } else {
        let by = if compact { "not in" } else { "not named by" };
        format!("{cell} │ {by} {}", missing.join(", "))
    }
}

/// `text` cut to `width` columns with an ellipsis, which never follows a space.
fn shorten(text: &str, width: usize) -> String {
    let cut = truncate(text, width);
    match cut.strip_suffix('…') {
        Some(kept) if kept.ends_with(' ') => format!("{}…", kept.trim_end()),
        _ => cut.into_owned(),
    }
}

/// The current mention's number among the passage view's mentions of its entities, and
/// how many there are.
fn passage_mention(app: &App, passages: &Passages) -> Option<(usize, usize)> {
    let current = app.current?;
    let wanted = |i: &usize| passages.entities.contains(&passages.mentions[*i].entity);
    if !wanted(&current) {
        return None;
    }
    let all = 0..passages.mentions.len();
    let before = (0..current).filter(wanted).count();
    Some((before + 1, all.filter(wanted).count()))
}

/// Where fetching from the web stands, while the background load fetches.
pub fn fetching(app: &App) -> Option<String> {
    app.fetching.map(|(done, total)| match total {
        0 => "fetching…".to_owned(),
        _ => format!("fetching {done}/{total}…"),
    })
}

fn line_position(app: &App, percent: bool) -> String {
    let (line, lines) = app.line_position();
    if !percent {
        return format!("line {line}/{lines}");
    }
    let rows = app.view.wrap.len().max(1);
    let bottom = (app.view.scroll + app.view.height).min(rows);
    format!("line {line}/{lines} {}%", bottom * 100 / rows)
}

fn entity_position(app: &App, entity: u32, name: &dyn Fn(&str) -> String, compact: bool) -> String {
    let name = name(&app.gazetteer.entities[entity as usize].name);
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
    match (current, compact) {
        (Some(k), false) => format!("{name}: mention {} of {}", k + 1, list.len()),
        (Some(k), true) => format!("{name} {}/{}", k + 1, list.len()),
        (None, _) => format!("{name}: {} mentions", list.len()),
    }
}

/// The question before adding a name, with the choices that apply, in the most words that
/// fit in `room` columns.
fn prompt(app: &App, room: usize) -> String {
    let Some(prompt) = &app.prompt else {
        return String::new();
    };
    let alias_of =
        |entity: EntityId, width: usize| shorten(&app.gazetteer.entity(entity).name, width);
    let near = prompt.near.filter(|&near| Some(near) != app.selected);
    let mut text = String::new();
    for (kinds, width, verb) in [
        (
            "p person, o organization, l place, m misc",
            usize::MAX,
            "add ",
        ),
        ("p person · o org · l place · m misc", 14, "add "),
        ("p/o/l/m person/org/place/misc", 8, ""),
        ("p o l m", 3, ""),
    ] {
        let mut choices = vec![kinds.to_owned()];
        choices.extend(
            app.selected
                .map(|e| format!("s alias of {}", alias_of(e, width))),
        );
        choices.extend(near.map(|e| format!("n alias of {}", alias_of(e, width))));
        let name = shorten(&prompt.name, width.max(12));
        let ask = if verb.is_empty() { ":" } else { " as:" };
        text = format!(" {verb}“{name}”{ask} {}", choices.join(" · "));
        if text.width() <= room {
            break;
        }
    }
    text
}

/// The hints of the current scope, as `KEY:what`: those that always show, and the others in
/// the table's order.
pub fn hints(app: &App) -> (Vec<String>, Vec<String>) {
    let mut essential = Vec::new();
    let mut optional = Vec::new();
    for binding in keymap::hints(app.scope()) {
        let keys = binding.label.split(' ').next().unwrap_or(binding.label);
        let hint = format!("{keys}:{}", binding.hint.unwrap_or_default());
        if binding.essential() {
            essential.push(hint);
        } else {
            optional.push(hint);
        }
    }
    (essential, optional)
}
