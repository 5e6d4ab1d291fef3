//! Suggested entities in the reader and their review: keys in, decisions written, the
//! suggestions found again.

use super::*;
use crate::additions::rejected;
use crate::app::GazetteerState;
use std::path::Path;

/// A story no gazetteer knows: three short articles.
pub(crate) const STORY: [&str; 3] = [
    "Dock workers at the Port of Rotterdam walked out on Monday after talks with the Dutch \
     Ministry of Infrastructure broke down, union leader Maria Lindqvist said.\n\
     Lindqvist said the strike would last. \"We have waited long enough,\" she told reporters \
     in Rotterdam.\n\
     Transport minister Pieter Janssen said he would meet the union on Wednesday in The Hague.\n",
    "The dock strike that began in Rotterdam spread to Antwerp on Tuesday, as the Belgian \
     Transport Workers Union joined the walkout.\n\
     Maria Lindqvist, who leads the Dutch dockers, said the unions would act together. Janssen \
     said the talks in The Hague would go ahead.\n",
    "Transport minister Pieter Janssen offered new talks on Thursday, after a week in which the \
     Port of Rotterdam stood still.\n\
     Lindqvist said the union would study the offer. Ships were moved to Hamburg and Bremen.\n",
];

/// The layers as a reader on a story folder reads them: the story gazetteer only.
fn story_layers(path: &Path) -> Gazetteer {
    let layers: Vec<LayerSource> = std::fs::read(path)
        .ok()
        .map(|bytes| LayerSource {
            label: "gazette.json".into(),
            bytes,
        })
        .into_iter()
        .collect();
    Gazetteer::load(&layers).unwrap()
}

/// The reader on the story with nothing confirmed, its decisions going to `dir/gazette.json`,
/// and the rebuilder that writes them; the suggestions found.
pub(crate) fn story_app(dir: &Path) -> (App, crate::loader::Rebuilder) {
    story_app_with(dir, r#"{"entities": []}"#, true)
}

/// The same with the entities of `confirmed` (JSON) confirmed, in colour or not.
pub(crate) fn story_app_with(
    dir: &Path,
    confirmed: &str,
    color: bool,
) -> (App, crate::loader::Rebuilder) {
    let path = dir.join("gazette.json");
    let (articles, index, gazetteer) = crate::testing::indexed(confirmed, &STORY);
    let corpus = crate::loader::Corpus {
        articles: articles.into(),
        index: std::sync::Arc::new(index),
        complete: true,
    };
    let mut app = App::new(gazetteer, corpus, color);
    app.review.gazetteer = Some(path.clone());
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    finish_jobs(&mut app);
    let file = path.clone();
    let rebuilder =
        crate::loader::Rebuilder::new(None, std::sync::Arc::new(move || Ok(story_layers(&file))))
            .with_review(Some(path));
    (app, rebuilder)
}

/// The suggestion named `name`, with the review's cursor on it.
fn point_at(app: &mut App, name: &str) -> EntityId {
    let rows = app.review_rows();
    let at = rows
        .iter()
        .position(|&id| app.gazetteer.entity(id).name == name)
        .unwrap_or_else(|| panic!("{name} is suggested: {:?}", names_of(app, &rows)));
    app.review.cursor = at;
    rows[at]
}

fn names_of(app: &App, ids: &[EntityId]) -> Vec<String> {
    ids.iter()
        .map(|&id| app.gazetteer.entity(id).name.clone())
        .collect()
}

/// The confirmed entity named `name`, if any.
fn confirmed(app: &App, name: &str) -> Option<Entity> {
    let id = app
        .gazetteer
        .lookup(name)
        .into_iter()
        .find(|&id| !app.is_suggested(id))?;
    Some(app.gazetteer.entity(id).clone())
}

use crate::gazetteer::Entity;

#[test]
fn suggestions_show_from_the_start_after_the_confirmed_ones_and_the_pane_says_how_to_review() {
    let dir = tempfile::tempdir().unwrap();
    let (app, _) = story_app(dir.path());
    assert_eq!(app.review.finding, Finding::Done);
    assert_eq!(
        app.review.first,
        Some(0),
        "nothing confirmed: every entity is suggested"
    );
    let lindqvist = app.gazetteer.lookup("Lindqvist")[0];
    assert!(app.is_suggested(lindqvist));
    assert_eq!(app.kind_of(lindqvist), Kind::Person);
    assert_eq!(
        app.corpus.index.total(lindqvist),
        4,
        "every form is matched"
    );
    assert!(app.entities.rows.contains(&lindqvist), "listed");
    assert_eq!(app.confirmed_mentioned(), 0);
}

#[test]
fn a_capital_letter_key_accepts_every_suggestion_of_one_kind() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, rebuilder) = story_app(dir.path());
    type_keys(&mut app, "S");
    assert_eq!(app.mode, Mode::Review);
    type_keys(&mut app, "P");
    assert_eq!(app.review.only, Some(Kind::Person));
    let people = names_of(&app, &app.review_rows());
    assert!(people.contains(&"Maria Lindqvist".to_owned()), "{people:?}");
    assert!(people.contains(&"Pieter Janssen".to_owned()), "{people:?}");
    type_keys(&mut app, "A");
    let Some(crate::additions::Addition::Accept(accepted)) = &app.addition else {
        panic!("accepting all people: {:?}", app.addition);
    };
    assert_eq!(accepted.len(), people.len());
    finish_addition(&mut app, &rebuilder);

    let written = std::fs::read_to_string(dir.path().join("gazette.json")).unwrap();
    assert!(
        written.contains(r#""name":"Maria Lindqvist","kind":"person","aliases":["Lindqvist"],"description":"union leader""#),
        "{written}"
    );
    let maria = confirmed(&app, "Maria Lindqvist").expect("confirmed");
    assert_eq!(maria.id, "maria-lindqvist");
    assert!(app.review_rows().is_empty(), "no people left to review");
    assert!(
        app.review.first.is_some(),
        "the other suggestions are found again"
    );
    type_keys(&mut app, "P");
    assert!(
        !app.review_rows().is_empty(),
        "the other kinds are still suggested"
    );
    assert!(app.confirmed_mentioned() >= 2);
}

#[test]
fn accept_one_as_it_is_or_as_another_kind() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, rebuilder) = story_app(dir.path());
    type_keys(&mut app, "S");
    point_at(&mut app, "Antwerp");
    type_keys(&mut app, "a");
    finish_addition(&mut app, &rebuilder);
    assert_eq!(confirmed(&app, "Antwerp").unwrap().kind, Kind::Place);
    assert!(
        app.notice
            .as_deref()
            .unwrap()
            .contains("“Antwerp” as a place")
    );

    let hamburg = point_at(&mut app, "Hamburg");
    assert_eq!(app.kind_of(hamburg), Kind::Place);
    type_keys(&mut app, "o");
    finish_addition(&mut app, &rebuilder);
    assert_eq!(confirmed(&app, "Hamburg").unwrap().kind, Kind::Organization);
    assert!(
        !names_of(&app, &app.review_rows()).contains(&"Hamburg".to_owned()),
        "accepted: no longer suggested"
    );
}

#[test]
fn rename_edits_the_name_in_place_and_keeps_the_old_one_as_an_alias() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, rebuilder) = story_app(dir.path());
    type_keys(&mut app, "S");
    point_at(&mut app, "Pieter Janssen");
    type_keys(&mut app, "r");
    assert_eq!(app.mode, Mode::ReviewTyping);
    assert_eq!(app.review.editing.as_ref().unwrap().text, "Pieter Janssen");
    for _ in "Janssen".chars() {
        press(&mut app, KeyCode::Backspace);
    }
    type_keys(&mut app, "J. Janssen");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode, Mode::Review);
    finish_addition(&mut app, &rebuilder);
    let renamed = confirmed(&app, "Pieter J. Janssen").expect("accepted under the new name");
    assert_eq!(renamed.kind, Kind::Person);
    assert!(
        renamed.aliases.contains(&"Pieter Janssen".to_owned()),
        "{renamed:?}"
    );
    assert!(
        renamed.aliases.contains(&"Janssen".to_owned()),
        "{renamed:?}"
    );

    // Esc while typing leaves the suggestion as it was.
    point_at(&mut app, "Antwerp");
    type_keys(&mut app, "r");
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.mode, Mode::Review);
    assert!(app.addition.is_none() && app.review.editing.is_none());
}

#[test]
fn merge_into_a_confirmed_entity_or_into_another_suggestion() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, rebuilder) = story_app(dir.path());
    type_keys(&mut app, "S");
    // Into another suggestion: that one is accepted, with the forms as aliases.
    point_at(&mut app, "Port of Rotterdam");
    type_keys(&mut app, "=");
    type_keys(&mut app, "rotterdam");
    assert_eq!(
        app.merge_target(app.review.editing.as_ref().unwrap().entity, "rotterdam")
            .map(|id| app.gazetteer.entity(id).name.clone())
            .as_deref(),
        Some("Rotterdam"),
        "a name as typed, letter case aside, wins over a longer one"
    );
    press(&mut app, KeyCode::Enter);
    finish_addition(&mut app, &rebuilder);
    let rotterdam = confirmed(&app, "Rotterdam").expect("accepted");
    assert!(rotterdam.aliases.contains(&"Port of Rotterdam".to_owned()));

    // Into a confirmed entity: the forms are written as its aliases.
    point_at(&mut app, "Bremen");
    type_keys(&mut app, "=Rotter");
    press(&mut app, KeyCode::Enter);
    finish_addition(&mut app, &rebuilder);
    let rotterdam = confirmed(&app, "Rotterdam").unwrap();
    assert!(
        rotterdam.aliases.contains(&"Bremen".to_owned()),
        "{rotterdam:?}"
    );
    assert!(
        app.notice
            .as_deref()
            .unwrap()
            .contains("as aliases of Rotterdam")
    );

    // A name no entity has merges nothing.
    point_at(&mut app, "Hamburg");
    type_keys(&mut app, "=Nowhere at all");
    press(&mut app, KeyCode::Enter);
    assert!(app.addition.is_none());
    assert!(app.notice.as_deref().unwrap().contains("no other entity"));
}

#[test]
fn a_rejected_suggestion_is_never_suggested_again_even_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, rebuilder) = story_app(dir.path());
    type_keys(&mut app, "S");
    point_at(&mut app, "Maria Lindqvist");
    type_keys(&mut app, "x");
    finish_addition(&mut app, &rebuilder);
    let gazetteer = dir.path().join("gazette.json");
    assert_eq!(
        rejected::read(&gazetteer).unwrap(),
        ["Maria Lindqvist", "Lindqvist"]
    );
    assert!(
        app.gazetteer.lookup("Lindqvist").is_empty(),
        "no longer suggested"
    );
    assert!(
        app.notice
            .as_deref()
            .unwrap()
            .contains("to the rejected names")
    );

    let (again, _) = story_app(dir.path());
    assert!(again.gazetteer.lookup("Maria Lindqvist").is_empty());
    assert!(!again.gazetteer.lookup("Pieter Janssen").is_empty());
}

#[test]
fn a_decision_waits_for_the_last_one_and_a_stale_suggestion_run_is_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = story_app(dir.path());
    type_keys(&mut app, "Sa");
    assert_eq!(app.gazetteer_state, GazetteerState::Changing);
    let pending = app.take_addition();
    type_keys(&mut app, "a");
    assert!(app.addition.is_none(), "one decision at a time");
    assert!(app.notice.as_deref().unwrap().contains("wait a moment"));
    drop(pending);

    app.want_suggestions();
    let stale = app.take_job().expect("a suggestion run");
    app.want_suggestions();
    let current = app.take_job().expect("a newer run");
    app.absorb(stale.run());
    assert!(app.review.first.is_none(), "the older run is dropped");
    app.absorb(current.run());
    assert!(app.review.first.is_some());
}

#[test]
fn the_review_opens_and_closes_and_enter_reads_the_first_mention() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = story_app(dir.path());
    type_keys(&mut app, "S");
    assert!(app.review.open);
    type_keys(&mut app, "?");
    assert_eq!(app.mode, Mode::Help);
    type_keys(&mut app, "?");
    assert_eq!(app.mode, Mode::Review, "the help goes back to the review");
    let janssen = point_at(&mut app, "Pieter Janssen");
    press(&mut app, KeyCode::Enter);
    assert!(!app.review.open);
    assert_eq!(app.mode, Mode::Reading);
    assert_eq!(app.selected, Some(janssen));
    assert_eq!(current_mention(&app).entity, janssen);
    type_keys(&mut app, "S");
    assert!(app.review.open);
    assert_eq!(
        app.review_cursor_entity(),
        Some(janssen),
        "the cursor stayed"
    );
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.mode, Mode::Reading);
}

#[test]
fn suggestions_wait_for_the_whole_corpus() {
    let (articles, index, gazetteer) = crate::testing::indexed(r#"{"entities": []}"#, &STORY);
    let corpus = crate::loader::Corpus {
        articles: articles.into(),
        index: std::sync::Arc::new(index),
        complete: false,
    };
    let mut app = App::new(gazetteer, corpus, true);
    while let Some(job) = app.take_job() {
        assert!(
            !matches!(job, Job::Suggest { .. }),
            "not before the corpus is read"
        );
    }
    type_keys(&mut app, "S");
    assert!(!app.review.open);
    assert!(app.notice.as_deref().unwrap().contains("still loading"));
}

#[test]
fn suggestions_arriving_late_keep_the_current_mention_and_the_selection() {
    let maria = r#"{"entities": [{"name": "Maria Lindqvist", "kind": "person", "aliases": ["Lindqvist"]}]}"#;
    let (articles, index, gazetteer) = crate::testing::indexed(maria, &STORY);
    let corpus = crate::loader::Corpus {
        articles: articles.into(),
        index: std::sync::Arc::new(index),
        complete: true,
    };
    let mut app = App::new(gazetteer, corpus, true);
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    app.select_and_jump(0);
    app.update(Action::NextMention);
    let before = current_mention(&app);
    assert_eq!(app.review.first, None, "not found yet");
    finish_jobs(&mut app);
    assert!(app.review.first.is_some());
    assert_eq!(app.selected, Some(0));
    assert_eq!(current_mention(&app), before, "still on the same mention");
}

#[test]
fn a_name_added_as_an_alias_of_a_suggestion_accepts_the_suggestion_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, rebuilder) = story_app(dir.path());
    let janssen = app.gazetteer.lookup("Pieter Janssen")[0];
    app.select(janssen);
    app.prompt = Some(AddPrompt {
        name: "P. Janssen".to_owned(),
        near: None,
    });
    app.mode = Mode::Prompt;
    app.update(Action::AddAliasOfSelected);
    finish_addition(&mut app, &rebuilder);
    let accepted = confirmed(&app, "Pieter Janssen").expect("accepted");
    assert!(
        accepted.aliases.contains(&"P. Janssen".to_owned()),
        "{accepted:?}"
    );
    let written = std::fs::read_to_string(dir.path().join("gazette.json")).unwrap();
    assert!(
        !written.contains("\"?"),
        "no suggestion's id is written: {written}"
    );
}

/// The reader as it is when the suggestions arrive withheld (`withheld` of them): the text
/// too dense with mentions to match again. Returns the confirmed index it keeps.
pub(crate) fn withhold(app: &mut App, confirmed: &str, withheld: usize) -> Arc<Index> {
    let (_, index, gazetteer) = crate::testing::indexed(confirmed, &STORY);
    let index = Arc::new(index);
    app.review.finding = Finding::Running(99);
    let shown = crate::suggest::shown::Shown {
        gazetteer,
        index: Arc::clone(&index),
        first: 1,
        withheld,
    };
    app.absorb(crate::app::JobDone::Suggested(99, Ok(Box::new(shown))));
    index
}

/// Suggestions withheld (a text too dense with mentions to match again within its memory)
/// leave the entities and mentions as they were; the status line and the review say how many
/// there were and where to list them.
#[test]
fn withheld_suggestions_leave_the_matches_and_are_told() {
    let dir = tempfile::tempdir().unwrap();
    let confirmed = r#"{"entities": [{"name": "Maria Lindqvist", "kind": "person"}]}"#;
    let (mut app, _) = story_app_with(dir.path(), confirmed, true);
    let index = withhold(&mut app, confirmed, 4);
    assert_eq!(app.gazetteer.entities.len(), 1, "no suggestion is shown");
    assert!(Arc::ptr_eq(&app.corpus.index, &index));
    let told = "4 suggested names not shown";
    assert!(
        app.notice.as_deref().unwrap_or("").starts_with(told),
        "{:?}",
        app.notice
    );
    assert!(app.review_rows().is_empty());
    app.notice = None;
    type_keys(&mut app, "S");
    assert!(app.review.open);
    type_keys(&mut app, "a");
    assert!(
        app.notice.as_deref().unwrap_or("").starts_with(told),
        "{:?}",
        app.notice
    );
}
