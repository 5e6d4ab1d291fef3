//! The state machine without a terminal: keys in, state out.

use super::*;
use crate::app::GazetteerState;
use crate::gazetteer::LayerSource;
use crate::index::Index;
use crate::loader::LoadEvent;
use crate::matcher::Matcher;
use crate::search::search_articles;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The reader over the built-in seeds, at 120×40.
pub fn seeds_app(color: bool) -> App {
    let gazetteer = Gazetteer::load(&[LayerSource::built_in()]).unwrap();
    let matcher = Matcher::new(&gazetteer).unwrap();
    let (inputs, _) = crate::corpus::list_inputs(&[]);
    let (corpus, problems) =
        crate::loader::load_all(&inputs, &matcher, gazetteer.entities.len(), |_, _| {});
    assert!(problems.is_empty(), "{problems:?}");
    let mut app = App::new(gazetteer, corpus, color);
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    finish_jobs(&mut app);
    app
}

fn key_event(code: KeyCode) -> KeyEvent {
    let modifiers = match code {
        KeyCode::Char(c) if c.is_uppercase() => KeyModifiers::SHIFT,
        _ => KeyModifiers::NONE,
    };
    KeyEvent::new(code, modifiers)
}

/// Presses a key, then runs the jobs it asked for in place, as the event loop does for a small
/// corpus.
pub fn press(app: &mut App, code: KeyCode) -> Control {
    press_event(app, key_event(code))
}

/// Presses a key with Ctrl held.
pub fn press_ctrl(app: &mut App, c: char) -> Control {
    press_event(app, KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

/// Presses a key event, then runs the jobs it asked for.
pub fn press_event(app: &mut App, event: KeyEvent) -> Control {
    let control = match keymap::action_for(app.scope(), &event) {
        Some(action) => app.update(action),
        None => Control::Continue,
    };
    finish_jobs(app);
    control
}

/// Runs the jobs the app asked for, if any, and takes in their results.
pub fn finish_jobs(app: &mut App) {
    while let Some(job) = app.take_job() {
        app.absorb(job.run());
    }
}

/// Types each character of `keys` as a key press.
pub fn type_keys(app: &mut App, keys: &str) {
    for c in keys.chars() {
        press(app, KeyCode::Char(c));
    }
}

fn entity_id(app: &App, name: &str) -> EntityId {
    let index = app.gazetteer.entities.iter().position(|e| e.name == name);
    u32::try_from(index.unwrap()).unwrap()
}

fn current_mention(app: &App) -> Mention {
    app.doc_mentions()[app.current.expect("a current mention")]
}

fn visible(app: &App, offset: u32) -> bool {
    let row = app.view.wrap.row_of(offset);
    row >= app.view.scroll && row < app.view.scroll + app.view.height
}

#[test]
fn sources_step_with_brackets_and_stop_at_the_ends() {
    let mut app = seeds_app(true);
    assert_eq!(app.corpus.articles.len(), 6);
    type_keys(&mut app, "]]");
    assert_eq!(app.article, 2);
    type_keys(&mut app, "[");
    assert_eq!(app.article, 1);
    type_keys(&mut app, "]]]]]]]");
    assert_eq!(app.article, 5);
    assert_eq!(app.notice.as_deref(), Some("this is the last source"));
}

#[test]
fn filter_enter_jumps_to_the_first_mention_and_n_crosses_sources() {
    let mut app = seeds_app(true);
    let dermer = entity_id(&app, "Ron Dermer");
    type_keys(&mut app, "fDermer");
    assert_eq!(app.mode, Mode::Filter);
    assert_eq!(app.entities.rows, [dermer]);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode, Mode::Reading);
    assert_eq!(app.selected, Some(dermer));
    assert!(
        app.entities.filter.is_empty(),
        "the filter is left on Enter"
    );
    let first = app.corpus.index.of_entity(dermer).first().unwrap();
    assert_eq!(app.article, first.article as usize);
    assert_eq!(current_mention(&app).entity, dermer);
    assert!(visible(&app, current_mention(&app).start));

    let total = app.corpus.index.total(dermer);
    let mut articles = vec![app.article];
    for _ in 1..total {
        type_keys(&mut app, "n");
        assert_eq!(current_mention(&app).entity, dermer);
        assert!(visible(&app, current_mention(&app).start));
        assert!(app.notice.is_none());
        articles.push(app.article);
    }
    assert!(articles.windows(2).all(|w| w[0] <= w[1]));
    assert!(
        articles.first() != articles.last(),
        "n moved into another source"
    );
    type_keys(&mut app, "n");
    assert_eq!(app.article, articles[0]);
    assert!(app.notice.as_deref().unwrap().contains("back to the first"));
    type_keys(&mut app, "N");
    assert_eq!(app.article, *articles.last().unwrap());
    assert!(app.notice.as_deref().unwrap().contains("on to the last"));
}

#[test]
fn escape_leaves_the_filter_without_selecting() {
    let mut app = seeds_app(true);
    type_keys(&mut app, "fzzz");
    assert!(app.entities.rows.is_empty());
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.mode, Mode::Reading);
    assert!(app.selected.is_none());
    assert!(!app.entities.rows.is_empty());
}

#[test]
fn search_counts_highlights_and_steps() {
    let mut app = seeds_app(true);
    type_keys(&mut app, "/hostage");
    press(&mut app, KeyCode::Enter);
    let search = app.search.clone().unwrap();
    assert!(search.total > 10, "{}", search.total);
    assert!(app.notice.as_deref().unwrap().contains("matches"));
    assert_eq!(app.search_position(), Some((1, search.total)));
    assert!(!app.doc_matches().is_empty());
    type_keys(&mut app, "n");
    assert_eq!(app.search_position(), Some((2, search.total)));
    type_keys(&mut app, "NN");
    assert_eq!(app.search_position(), Some((search.total, search.total)));
    press(&mut app, KeyCode::Esc);
    assert!(app.search.is_none());
}

#[test]
fn smart_case_search() {
    let app = seeds_app(true);
    let lower = search_articles(&app.corpus.articles, "hamas");
    let exact = search_articles(&app.corpus.articles, "Hamas");
    let shout = search_articles(&app.corpus.articles, "HAMAS");
    assert!(lower.total >= exact.total && exact.total > 0);
    assert!(shout.total < exact.total);
}

#[test]
fn kind_toggles_hide_from_the_list_and_sort_cycles() {
    let mut app = seeds_app(true);
    let people = |app: &App| {
        app.entities
            .rows
            .iter()
            .filter(|&&id| app.kind_of(id) == Kind::Person)
            .count()
    };
    assert!(people(&app) > 0);
    type_keys(&mut app, "P");
    assert_eq!(people(&app), 0);
    assert!(app.is_hidden(Kind::Person));
    type_keys(&mut app, "P");
    assert!(people(&app) > 0);

    // Most mentioned first, the confirmed entities, then the suggestions.
    let totals: Vec<(bool, std::cmp::Reverse<usize>)> = app
        .entities
        .rows
        .iter()
        .map(|&id| {
            (
                app.is_suggested(id),
                std::cmp::Reverse(app.corpus.index.total(id)),
            )
        })
        .collect();
    assert!(totals.windows(2).all(|w| w[0] <= w[1]));
    assert!(
        totals.last().is_some_and(|last| last.0),
        "the seeds have suggestions"
    );
    type_keys(&mut app, "s");
    assert_eq!(app.entities.sort, Sort::Name);
    let names: Vec<(bool, String)> = app
        .entities
        .rows
        .iter()
        .map(|&id| {
            let name = app.gazetteer.entities[id as usize].name.to_lowercase();
            (app.is_suggested(id), name)
        })
        .collect();
    assert!(names.windows(2).all(|w| w[0] <= w[1]));
    type_keys(&mut app, "s");
    assert_eq!(app.entities.sort, Sort::FirstAppearance);
    type_keys(&mut app, "s");
    assert_eq!(app.entities.sort, Sort::Mentions);
}

#[test]
fn passage_view_shows_paragraphs_of_the_marked_entities_under_their_sources() {
    let mut app = seeds_app(true);
    type_keys(&mut app, "v");
    assert!(app.passages.is_none());
    assert!(app.notice.is_some());
    type_keys(&mut app, "fDermer");
    press(&mut app, KeyCode::Enter);
    type_keys(&mut app, "v");
    let passages = app.passages.clone().unwrap();
    let dermer = entity_id(&app, "Ron Dermer");
    assert_eq!(passages.sources, app.corpus.index.counts(dermer).len());
    assert_eq!(passages.headings.len(), passages.sources);
    assert!(passages.paragraphs >= passages.sources);
    assert!(passages.mentions.iter().any(|m| m.entity == dermer));
    for paragraph in passages
        .text
        .split("\n\n")
        .filter(|p| !p.starts_with("──") && !p.is_empty())
    {
        assert!(paragraph.contains("Dermer"), "{paragraph}");
    }
    type_keys(&mut app, "n");
    assert_eq!(current_mention(&app).entity, dermer);

    // Marks widen the view to every marked entity.
    type_keys(&mut app, "m");
    let hamas = entity_id(&app, "Hamas");
    app.select(hamas);
    type_keys(&mut app, "m");
    assert_eq!(app.entities.marked.len(), 2);
    let wider = app.passages.clone().unwrap();
    assert!(wider.paragraphs > passages.paragraphs);
    press(&mut app, KeyCode::Esc);
    assert!(app.passages.is_none());
}

#[test]
fn focus_cycles_and_lists_move() {
    let mut app = seeds_app(true);
    assert_eq!(app.focus, Focus::Text);
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.focus, Focus::Entities);
    type_keys(&mut app, "jj");
    assert_eq!(app.entities.cursor, 2);
    let third = app.entities.rows[2];
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.selected, Some(third));
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.focus, Focus::Sources);
    type_keys(&mut app, "G");
    assert_eq!(app.article, 5);
    press(&mut app, KeyCode::BackTab);
    assert_eq!(app.focus, Focus::Entities);
}

#[test]
fn text_scrolls_without_limits_and_clamps() {
    let mut app = seeds_app(true);
    type_keys(&mut app, "G");
    assert_eq!(app.view.scroll, app.view.wrap.len() - app.view.height);
    type_keys(&mut app, "g");
    assert_eq!(app.view.scroll, 0);
    press(&mut app, KeyCode::PageDown);
    assert_eq!(app.view.scroll, app.view.height - 2);
    type_keys(&mut app, "k");
    assert_eq!(app.view.scroll, app.view.height - 3);
}

#[test]
fn help_quit_and_later_keys() {
    let mut app = seeds_app(true);
    type_keys(&mut app, "?");
    assert_eq!(app.mode, Mode::Help);
    assert_eq!(press(&mut app, KeyCode::Char('q')), Control::Continue);
    assert_eq!(app.mode, Mode::Reading);
    type_keys(&mut app, "c");
    assert_eq!(app.mode, Mode::Panel);
    assert_eq!(press(&mut app, KeyCode::Char('q')), Control::Continue);
    assert_eq!(app.mode, Mode::Reading);
    assert_eq!(press(&mut app, KeyCode::Char('q')), Control::Quit);
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    type_keys(&mut app, "/");
    assert_eq!(
        app.update(keymap::action_for(app.scope(), &ctrl_c).unwrap()),
        Control::Quit
    );
}

#[test]
fn mouse_selects_entities_in_the_list_and_the_text() {
    let mut app = seeds_app(true);
    let panes = layout::panes(&app).unwrap();
    let list = panes.entities.unwrap();
    app.update(Action::Click {
        column: list.x + 3,
        row: list.y + 1,
    });
    assert_eq!(app.selected, Some(app.entities.rows[0]));
    assert_eq!(app.focus, Focus::Entities);
    // Click on the current mention in the text.
    let mention = current_mention(&app);
    let row = app.view.wrap.row_of(mention.start) - app.view.scroll;
    let line = app
        .view
        .wrap
        .row(app.view.wrap.row_of(mention.start))
        .unwrap();
    let column = app.doc_text()[line.start as usize..mention.start as usize]
        .chars()
        .count();
    app.selected = None;
    app.update(Action::Click {
        column: panes.text.x + u16::try_from(column).unwrap(),
        row: panes.text.y + u16::try_from(row).unwrap(),
    });
    assert_eq!(app.selected, Some(mention.entity));
    let before = app.view.scroll;
    app.update(Action::Wheel {
        column: panes.text.x,
        row: panes.text.y,
        down: true,
    });
    assert_eq!(app.view.scroll, before + 3);
    assert_eq!(app.focus, Focus::Text);
}

#[test]
fn any_size_is_safe() {
    let mut app = seeds_app(false);
    for (width, height) in [
        (0, 0),
        (1, 1),
        (39, 9),
        (40, 10),
        (60, 20),
        (79, 30),
        (300, 100),
    ] {
        app.update(Action::Resize { width, height });
        type_keys(&mut app, "jGg]f");
        press(&mut app, KeyCode::Esc);
        press(&mut app, KeyCode::Tab);
    }
}

#[test]
fn the_wrap_stays_small_at_any_size_and_after_a_resize_storm() {
    let mut app = seeds_app(false);
    let chars = app.doc_text().chars().count();
    let sizes = [
        (1, 1),
        (0, 0),
        (39, 9),
        (40, 10),
        (2, 200),
        (200, 60),
        (1, 50),
    ];
    for round in 0..50 {
        let (width, height) = sizes[round % sizes.len()];
        app.update(Action::Resize { width, height });
        let rows = app.view.wrap.len();
        assert!(
            rows * 10 < chars,
            "{width}x{height}: {rows} rows for {chars} characters"
        );
    }
}

#[test]
fn saved_positions_round_trip() {
    let mut app = seeds_app(true);
    type_keys(&mut app, "fDermer");
    press(&mut app, KeyCode::Enter);
    let saved = app.saved().unwrap();
    assert_eq!(saved.entity.as_deref(), Some("ron-dermer"));
    let mut fresh = seeds_app(true);
    fresh.restore(saved.clone());
    assert_eq!(fresh.article, app.article);
    assert_eq!(fresh.view.scroll, app.view.scroll);
    assert_eq!(fresh.selected, app.selected);
}

#[test]
fn background_loading_swaps_in_the_whole_corpus() {
    let full = seeds_app(true);
    let first = Corpus {
        articles: full.corpus.articles[..1].into(),
        index: Index::from_mentions(
            vec![full.corpus.index.mentions(0).to_vec()],
            full.gazetteer.entities.len(),
        )
        .into(),
        complete: false,
    };
    let mut app = App::new((*full.gazetteer).clone(), first, true);
    app.progress = Some((0, 5));
    type_keys(&mut app, "]");
    assert!(app.notice.as_deref().unwrap().contains("loading"));
    app.absorb(LoadEvent::Progress { done: 3, total: 5 });
    assert_eq!(app.progress, Some((3, 5)));
    let corpus = Corpus {
        articles: full.corpus.articles.clone(),
        index: full.corpus.index.clone(),
        complete: true,
    };
    app.absorb(LoadEvent::Done(Box::new(corpus), 0));
    assert!(app.progress.is_none());
    type_keys(&mut app, "]");
    assert_eq!(app.article, 1);
}

#[test]
fn coverage_moves_by_cell_and_enter_jumps_to_the_first_mention_there() {
    let mut app = seeds_app(true);
    type_keys(&mut app, "c");
    let Some(Panel::Coverage(view)) = &app.panel else {
        panic!("coverage is open");
    };
    assert_eq!(app.mode, Mode::Panel);
    assert_eq!((view.row, view.column), (0, 0));
    let rows = view.table.rows.clone();
    type_keys(&mut app, "jjll");
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Left);
    let Some(Panel::Coverage(view)) = &app.panel else {
        panic!("coverage is open");
    };
    assert_eq!((view.row, view.column), (2, 2));
    type_keys(&mut app, "hhhhhhhh");
    let Some(Panel::Coverage(view)) = &app.panel else {
        panic!("coverage is open");
    };
    assert_eq!(view.column, 0, "h stops at the first source");
    // Enter on a cell with mentions: that entity's first mention in that source.
    let (row, column) = rows
        .iter()
        .enumerate()
        .find_map(|(r, row)| (row.counts[3] > 0 && r > 0).then_some((r, 3)))
        .unwrap();
    type_keys(&mut app, "g");
    for _ in 0..row {
        type_keys(&mut app, "j");
    }
    type_keys(&mut app, "lll");
    press(&mut app, KeyCode::Enter);
    assert!(app.panel.is_none());
    assert_eq!(app.mode, Mode::Reading);
    assert_eq!(app.article, column);
    let entity = rows[row].entity;
    assert_eq!(app.selected, Some(entity));
    assert_eq!(current_mention(&app).entity, entity);
    assert!(visible(&app, current_mention(&app).start));
    let first_here = app.doc_mentions().iter().position(|m| m.entity == entity);
    assert_eq!(app.current, first_here);
    // c toggles, Esc closes.
    type_keys(&mut app, "c");
    assert!(app.panel.is_some());
    type_keys(&mut app, "c");
    assert!(app.panel.is_none());
    type_keys(&mut app, "c");
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.mode, Mode::Reading);
}

#[test]
fn coverage_enter_on_an_empty_cell_stays_and_says_so() {
    let mut app = seeds_app(true);
    type_keys(&mut app, "c");
    let Some(Panel::Coverage(view)) = &app.panel else {
        panic!("coverage is open");
    };
    let row = view
        .table
        .rows
        .iter()
        .position(|r| r.counts[0] == 0)
        .unwrap();
    for _ in 0..row {
        type_keys(&mut app, "j");
    }
    press(&mut app, KeyCode::Enter);
    assert!(app.panel.is_some());
    assert!(app.notice.as_deref().unwrap().contains("does not name"));
}

#[test]
fn concordance_lists_every_mention_and_enter_jumps_to_one() {
    let mut app = seeds_app(true);
    // Nothing selected: the entity under the list's cursor.
    type_keys(&mut app, "K");
    let Some(Panel::Concordance(view)) = &app.panel else {
        panic!("concordance is open");
    };
    assert_eq!(view.entity, app.entities.rows[0]);
    press(&mut app, KeyCode::Esc);
    let dermer = entity_id(&app, "Ron Dermer");
    type_keys(&mut app, "fDermer");
    press(&mut app, KeyCode::Enter);
    type_keys(&mut app, "K");
    let Some(Panel::Concordance(view)) = &app.panel else {
        panic!("concordance is open");
    };
    assert_eq!(view.entity, dermer);
    assert_eq!(view.mentions.len(), app.corpus.index.total(dermer));
    assert_eq!(view.cursor, 0, "starts at the current mention");
    assert!(view.naming.len() > 1);
    assert!(!view.cooccurring.is_empty());
    let fourth = view.mentions[3];
    type_keys(&mut app, "jjjj");
    type_keys(&mut app, "k");
    press(&mut app, KeyCode::Enter);
    assert!(app.panel.is_none());
    assert_eq!(app.article, fourth.article as usize);
    assert_eq!(app.current, Some(fourth.mention as usize));
    assert!(visible(&app, current_mention(&app).start));
    // Opening again starts at the current mention.
    type_keys(&mut app, "K");
    let Some(Panel::Concordance(view)) = &app.panel else {
        panic!("concordance is open");
    };
    assert_eq!(view.cursor, 3);
    type_keys(&mut app, "K");
    assert!(app.panel.is_none());
}

#[test]
fn a_cooccurring_entity_narrows_the_passages_to_paragraphs_with_both() {
    let mut app = seeds_app(true);
    let dermer = entity_id(&app, "Ron Dermer");
    type_keys(&mut app, "fDermer");
    press(&mut app, KeyCode::Enter);
    type_keys(&mut app, "K");
    press(&mut app, KeyCode::Tab);
    let Some(Panel::Concordance(view)) = &app.panel else {
        panic!("concordance is open");
    };
    assert!(view.on_others);
    let (other, shared) = view.cooccurring[1];
    type_keys(&mut app, "j");
    press(&mut app, KeyCode::Enter);
    let passages = app.passages.as_ref().expect("the passage view");
    assert!(passages.all);
    assert_eq!(passages.entities, [dermer, other]);
    assert_eq!(passages.paragraphs, shared as usize);
    let both = |range: std::ops::Range<u32>| {
        let inside: Vec<EntityId> = passages
            .mentions
            .iter()
            .filter(|m| range.contains(&m.start))
            .map(|m| m.entity)
            .collect();
        inside.contains(&dermer) && inside.contains(&other)
    };
    let mut start = 0u32;
    for paragraph in passages.text.split("\n\n") {
        let end = start + u32::try_from(paragraph.len()).unwrap();
        if !paragraph.is_empty() && !paragraph.starts_with("── ") {
            assert!(both(start..end), "{paragraph}");
        }
        start = end + 2;
    }
    type_keys(&mut app, "v");
    assert!(app.passages.is_none());
}

/// `a`, which finds the names and opens their list.
pub fn open_discovery(app: &mut App) {
    type_keys(app, "a");
    assert!(matches!(app.panel, Some(Panel::Discovery(_))));
}

#[test]
fn discovery_lists_names_and_enter_jumps_to_the_first_place() {
    let mut app = seeds_app(true);
    open_discovery(&mut app);
    let Some(Panel::Discovery(view)) = &app.panel else {
        panic!("discovery is open");
    };
    assert!(view.unlisted() > 0);
    let second = view.candidates[1].clone();
    type_keys(&mut app, "j");
    press(&mut app, KeyCode::Enter);
    assert!(app.panel.is_none());
    let first = second.locations[0];
    assert_eq!(app.article, first.article);
    assert!(visible(&app, u32::try_from(first.start).unwrap()));
    assert!(app.notice.as_deref().unwrap().contains(&second.text));
}

fn rebuilder(dir: &std::path::Path) -> crate::loader::Rebuilder {
    let path = dir.join("gazetteer.json");
    let file = path.clone();
    crate::loader::Rebuilder::new(
        Some(path),
        std::sync::Arc::new(move || {
            let user = LayerSource {
                label: "user".into(),
                bytes: std::fs::read(&file).unwrap(),
            };
            Ok(Gazetteer::load(&[LayerSource::built_in(), user])?)
        }),
    )
}

/// Starts the app's pending addition and takes in the result, then the names found again.
fn finish_addition(app: &mut App, rebuilder: &crate::loader::Rebuilder) {
    absorb_addition(app, rebuilder);
    finish_jobs(app);
}

/// Starts the app's pending addition and takes in the result.
fn absorb_addition(app: &mut App, rebuilder: &crate::loader::Rebuilder) {
    let addition = app.take_addition().expect("an addition");
    assert_eq!(app.gazetteer_state, GazetteerState::Changing);
    rebuilder.start(addition, &app.gazetteer, app.corpus.articles.clone());
    let message = rebuilder
        .receiver()
        .recv_timeout(std::time::Duration::from_secs(60))
        .unwrap();
    app.absorb(message);
    assert_eq!(app.gazetteer_state, GazetteerState::Ready);
}

#[test]
fn adding_a_name_as_a_person_matches_it_at_once_and_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let rebuilder = rebuilder(dir.path());
    let mut app = seeds_app(true);
    open_discovery(&mut app);
    let Some(Panel::Discovery(view)) = &app.panel else {
        panic!("discovery is open");
    };
    let name = view.candidates[0].text.clone();
    let count = view.candidates[0].locations.len();
    type_keys(&mut app, "a");
    assert_eq!(app.mode, Mode::Prompt);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.mode, Mode::Panel);
    assert!(app.take_addition().is_none());
    type_keys(&mut app, "ap");
    assert_eq!(app.mode, Mode::Panel);
    finish_addition(&mut app, &rebuilder);
    let notice = app.notice.clone().unwrap();
    assert!(
        notice.contains(&format!("“{name}” as a person")),
        "{notice}"
    );
    let added = app.gazetteer.lookup(&name)[0];
    assert!(app.corpus.index.total(added) >= count, "{notice}");
    assert!(app.entities.rows.contains(&added));
    let Some(Panel::Discovery(view)) = &app.panel else {
        panic!("discovery stays open");
    };
    assert!(view.candidates.iter().all(|c| c.text != name));
    // After a restart: the user layer has it.
    let reloaded = Gazetteer::load(&[
        LayerSource::built_in(),
        LayerSource {
            label: "user".into(),
            bytes: std::fs::read(dir.path().join("gazetteer.json")).unwrap(),
        },
    ])
    .unwrap();
    let entity = reloaded.entity(reloaded.lookup(&name)[0]);
    assert_eq!(entity.kind, Kind::Person);
}

#[test]
fn adding_a_name_as_an_alias_of_the_selected_entity() {
    let dir = tempfile::tempdir().unwrap();
    let rebuilder = rebuilder(dir.path());
    let mut app = seeds_app(true);
    type_keys(&mut app, "fDermer");
    press(&mut app, KeyCode::Enter);
    let dermer = entity_id(&app, "Ron Dermer");
    let before = app.corpus.index.total(dermer);
    open_discovery(&mut app);
    let Some(Panel::Discovery(view)) = &app.panel else {
        panic!("discovery is open");
    };
    let name = view.candidates[0].text.clone();
    type_keys(&mut app, "an");
    assert!(app.notice.as_deref().unwrap().contains("not a near-miss"));
    assert_eq!(app.mode, Mode::Prompt);
    type_keys(&mut app, "s");
    finish_addition(&mut app, &rebuilder);
    let dermer_now = app.gazetteer.find("ron-dermer").unwrap();
    assert_eq!(app.selected, Some(dermer_now));
    assert!(app.gazetteer.entity(dermer_now).aliases.contains(&name));
    assert!(app.corpus.index.total(dermer_now) > before);
}

#[test]
fn a_failed_addition_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("gazetteer.json"), "{oops").unwrap();
    let rebuilder = rebuilder(dir.path());
    let mut app = seeds_app(true);
    open_discovery(&mut app);
    type_keys(&mut app, "ap");
    finish_addition(&mut app, &rebuilder);
    let notice = app.notice.clone().unwrap();
    assert!(notice.starts_with("not added:"), "{notice}");
    assert!(notice.contains("gazetteer.json: line 1"), "{notice}");
    assert_eq!(
        std::fs::read(dir.path().join("gazetteer.json")).unwrap(),
        b"{oops"
    );
}

#[test]
fn a_click_on_a_cluster_where_a_mention_starts_selects_it() {
    // U+0600 joins the letter after it in one cluster, "\u{600}G"; "Gaza" starts inside it.
    let (articles, index, gazetteer) = crate::testing::indexed(
        r#"{"entities": [{"name": "Gaza", "kind": "place"}]}"#,
        &["\u{600}Gaza and more"],
    );
    let corpus = Corpus {
        articles: articles.into(),
        index: index.into(),
        complete: true,
    };
    let mut app = App::new(gazetteer, corpus, false);
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    let text = layout::panes(&app).unwrap().text;
    app.update(Action::Click {
        column: text.x + 1,
        row: text.y,
    });
    assert_eq!(app.selected, Some(0));
    assert_eq!(app.current, Some(0));
}

#[test]
fn discovery_runs_apart_and_only_the_awaited_result_opens() {
    let mut app = seeds_app(true);
    app.update(Action::Add);
    let stopped = app.take_job().expect("a job to run");
    assert!(app.panel.is_none());
    assert!(app.take_job().is_none(), "one run at a time");
    app.update(Action::Dismiss);
    assert_eq!(app.notice.as_deref(), Some("stopped finding names"));
    app.update(Action::Add);
    let awaited = app.take_job().expect("a new run");
    app.absorb(stopped.run());
    assert!(app.panel.is_none(), "a stopped run's result is dropped");
    app.absorb(awaited.run());
    assert!(matches!(app.panel, Some(Panel::Discovery(_))));
}

#[test]
fn a_search_runs_apart_and_only_the_last_one_typed_counts() {
    let mut app = seeds_app(true);
    let search = |app: &mut App, query: &str| {
        app.update(Action::EnterSearch);
        for c in query.chars() {
            app.update(Action::InsertChar(c));
        }
        app.update(Action::ConfirmInput);
        app.take_job().expect("a search to run")
    };
    let first = search(&mut app, "Doha");
    assert_eq!(
        app.searching,
        Searching::Running(first.number(), "Doha".into())
    );
    let second = search(&mut app, "Boehler");
    app.absorb(second.run());
    app.absorb(first.run());
    let shown = app.search.as_ref().expect("a search shown");
    assert_eq!(shown.query, "Boehler");
    assert_eq!(app.searching, Searching::Idle);
    let stopped = search(&mut app, "Hamas");
    app.update(Action::Dismiss);
    assert_eq!(app.notice.as_deref(), Some("stopped searching"));
    app.absorb(stopped.run());
    assert_eq!(app.search.as_ref().unwrap().query, "Boehler");
}

#[test]
fn a_list_closed_before_its_refresh_stays_closed() {
    let dir = tempfile::tempdir().unwrap();
    let rebuilder = rebuilder(dir.path());
    let mut app = seeds_app(true);
    open_discovery(&mut app);
    type_keys(&mut app, "ap");
    absorb_addition(&mut app, &rebuilder);
    let refresh = app.take_job().expect("the open list is found again");
    press(&mut app, KeyCode::Esc);
    assert!(app.panel.is_none());
    app.absorb(refresh.run());
    assert!(
        app.panel.is_none(),
        "the refresh does not open the list again"
    );
}

#[test]
fn when_loading_stops_early_the_reader_goes_on_with_what_it_has() {
    let mut app = seeds_app(true);
    app.corpus.complete = false;
    app.progress = Some((1, 5));
    type_keys(&mut app, "a");
    assert_eq!(
        app.notice.as_deref(),
        Some("the other sources are still loading")
    );
    assert!(app.loading_stopped());
    assert!(app.progress.is_none());
    assert!(app.notice.as_deref().unwrap().contains("failed"));
    type_keys(&mut app, "a");
    assert!(matches!(app.panel, Some(Panel::Discovery(_))));
    assert!(!app.loading_stopped(), "only once");
}

mod compare;
mod large;
mod quotes;
mod reader;
mod reuse;
pub(crate) mod review;
