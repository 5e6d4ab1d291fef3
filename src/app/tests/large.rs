//! A large article in the reader: its start shown at once, its whole wrap made as a job and
//! reused when the reader comes back to it. A large gazetteer: the sources shown before it is
//! built, their mentions when it comes.

use super::*;
use crate::app::GazetteerState;
use std::sync::Arc;

/// The reader over one article of `text`, at 120×40, with the jobs not yet run.
fn app_over(text: &str) -> App {
    let (articles, index, gazetteer) = crate::testing::indexed(
        r#"{"entities": [{"name": "Hamas", "kind": "organization"}]}"#,
        &[text],
    );
    let corpus = Corpus {
        articles: articles.into(),
        index: Arc::new(index),
        complete: true,
    };
    let mut app = App::new(gazetteer, corpus, true);
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    app
}

/// Runs the jobs asked for; whether one of them wrapped an article.
fn run_jobs(app: &mut App) -> bool {
    let mut wrapped = false;
    while let Some(job) = app.take_job() {
        wrapped |= matches!(job, Job::Wrap { .. });
        app.absorb(job.run());
    }
    wrapped
}

#[test]
fn a_large_article_shows_its_start_then_its_whole_wrap() {
    let text = "Officials said Hamas met envoys in Doha on Thursday.\n".repeat(40_000);
    let mut app = app_over(&text);
    let rows_at_once = app.view.wrap.len();
    assert!(rows_at_once < 5_000, "{rows_at_once} rows wrapped at once");
    // `G` before the whole wrap arrives: the end of the start, then the end.
    app.update(Action::GoBottom);
    assert!(app.view.scroll > 0 && app.view.scroll < 5_000);
    assert!(run_jobs(&mut app));
    assert!(app.view.wrap.len() > 70_000, "{} rows", app.view.wrap.len());
    assert_eq!(app.view.scroll, app.view.wrap.len() - app.view.height);
    // The passage view and back: the article's wrap is reused, not made again.
    app.select(0);
    press(&mut app, KeyCode::Char('v'));
    assert!(app.passages.is_some());
    press(&mut app, KeyCode::Esc);
    assert!(app.passages.is_none());
    assert!(!run_jobs(&mut app), "no second wrap job");
    assert!(app.view.wrap.len() > 70_000);
}

/// A storm of resizes sets one whole wrap going at a time: the next, at the last size, only
/// once the one at work has ended.
#[test]
fn a_storm_of_resizes_wraps_a_huge_article_once_at_a_time() {
    let text = "Officials said Hamas met envoys in Doha on Thursday.\n".repeat(40_000);
    let mut app = app_over(&text);
    // The other jobs run; the wrap jobs are kept back, as if still at work.
    let wraps = |app: &mut App| {
        let mut wraps = Vec::new();
        while let Some(job) = app.take_job() {
            match job {
                Job::Wrap { .. } => wraps.push(job),
                other => app.absorb(other.run()),
            }
        }
        wraps
    };
    let first = wraps(&mut app);
    assert_eq!(first.len(), 1, "the whole wrap is asked for");
    for width in 60..90 {
        app.update(Action::Resize { width, height: 30 });
        assert!(
            wraps(&mut app).is_empty(),
            "a second wrap while one is at work"
        );
    }
    for job in first {
        app.absorb(job.run());
    }
    let last = wraps(&mut app);
    assert_eq!(last.len(), 1, "the last size's wrap, once the first ended");
    for job in last {
        app.absorb(job.run());
    }
    assert!(app.view.wrap.len() > 70_000);
    assert_eq!(app.view.wrap.width, layout::text_area_size(&app).0);
}

/// The quotations and the suggestions each go over the whole corpus: they take turns, so that
/// their working memory does not add up.
#[test]
fn quotations_and_suggestions_take_turns() {
    let text = "Officials said Hamas met envoys in Doha on Thursday.\n".repeat(40_000);
    let mut app = app_over(&text);
    let over_the_corpus = |job: &Job| matches!(job, Job::Quotes { .. } | Job::Suggest { .. });
    let asked: Vec<Job> = std::iter::from_fn(|| app.take_job()).collect();
    let mut first: Vec<Job> = asked.into_iter().filter(over_the_corpus).collect();
    assert_eq!(first.len(), 1, "one job over the corpus at a time");
    let first = first.remove(0);
    let first_was_quotes = matches!(first, Job::Quotes { .. });
    assert!(
        app.take_job().is_none(),
        "the other waits while the first is at work"
    );
    app.absorb(first.run());
    let then: Vec<Job> = std::iter::from_fn(|| app.take_job())
        .filter(over_the_corpus)
        .collect();
    assert_eq!(then.len(), 1, "the other, once the first ended");
    assert_ne!(matches!(then[0], Job::Quotes { .. }), first_was_quotes);
}

/// Suggestions that add nothing leave the mentions as they were: the quotations are not
/// found a second time; suggestions that add names have them found again.
#[test]
fn quotations_are_found_again_only_when_suggestions_change_the_mentions() {
    let quotes_found = |text: &str| {
        let mut app = app_over(text);
        let mut quotes = 0;
        while let Some(job) = app.take_job() {
            quotes += usize::from(matches!(job, Job::Quotes { .. }));
            app.absorb(job.run());
        }
        quotes
    };
    let nothing_to_suggest = "“We will talk,” said the spokesman for Hamas.\n".repeat(50);
    assert_eq!(quotes_found(&nothing_to_suggest), 1);
    let a_name_to_suggest = "“We will talk,” said Adam Boehler of Hamas.\n".repeat(50);
    assert_eq!(quotes_found(&a_name_to_suggest), 2);
}

#[test]
fn a_wrap_that_arrives_after_the_reader_moved_on_is_not_used() {
    let text = "Officials said Hamas met envoys in Doha on Thursday.\n".repeat(40_000);
    let mut app = app_over(&text);
    let job = app.take_job().expect("the whole wrap is asked for");
    app.update(Action::Resize {
        width: 100,
        height: 40,
    });
    app.absorb(job.run());
    assert!(
        app.view.wrap.len() < 5_000,
        "the older width's wrap was left unused"
    );
    assert!(run_jobs(&mut app));
    assert_eq!(app.view.wrap.width, layout::text_area_size(&app).0);
}

#[test]
fn the_concordance_of_a_frequent_entity_fills_its_side_lists_from_a_job() {
    let mentions = crate::app::naming::SMALL_NAMING_MENTIONS + 1;
    let text = "Hamas said. ".repeat(mentions);
    let mut app = app_over(&text);
    run_jobs(&mut app);
    app.select(0);
    app.update(Action::ToggleConcordance);
    let Some(Panel::Concordance(view)) = &app.panel else {
        panic!("the concordance is open");
    };
    assert_eq!(view.mentions.len(), mentions);
    assert!(view.naming.is_empty(), "found on a thread, not on the key");
    run_jobs(&mut app);
    let Some(Panel::Concordance(view)) = &app.panel else {
        panic!("the concordance is still open");
    };
    assert_eq!(
        view.naming[0].forms,
        [("Hamas".to_owned(), u32::try_from(mentions).unwrap())]
    );
    // Left before the lists come: they are not used.
    app.update(Action::ClosePanel);
    app.update(Action::ToggleConcordance);
    app.update(Action::ClosePanel);
    run_jobs(&mut app);
    assert!(app.panel.is_none());
}

#[test]
fn jobs_share_the_gazetteer_rather_than_copy_it() {
    let mut app = app_over("Hamas said.");
    run_jobs(&mut app);
    app.update(Action::Add);
    match app.take_job() {
        Some(Job::Discovery { matched, .. }) => {
            assert!(Arc::ptr_eq(&matched.gazetteer, &app.gazetteer));
        }
        other => panic!("finding names is asked for, not {other:?}"),
    }
}

/// The seeds read before their gazetteer (a large one is built on the loader's thread): no
/// mentions, and nothing that needs the gazetteer started, until it comes; then the mentions,
/// the saved entity selected, and the suggestions found.
#[test]
fn the_sources_show_before_a_large_gazetteer_and_take_it_when_it_comes() {
    let full = seeds_app(true);
    let empty = Gazetteer::default();
    let matcher = Matcher::new(&empty).unwrap();
    let (inputs, _) = crate::corpus::list_inputs(&[]);
    let (corpus, _) = crate::loader::load_all(&inputs, &matcher, 0, |_, _| {});
    let mut app = App::new(empty, corpus, true);
    app.gazetteer_state = GazetteerState::Building;
    let saved = full.saved().map(|saved| crate::state::Saved {
        entity: Some("steve-witkoff".to_owned()),
        ..saved
    });
    app.restore(saved.unwrap());
    finish_jobs(&mut app);
    assert_eq!(app.corpus.index.mention_count(), 0);
    assert_eq!(
        app.review.first, None,
        "no suggestions without the gazetteer"
    );
    assert!(matches!(app.discovery, Discovery::Idle));
    type_keys(&mut app, "a");
    assert!(app.panel.is_none(), "names to add wait for the gazetteer");
    assert_eq!(
        app.saved().unwrap().entity.as_deref(),
        Some("steve-witkoff"),
        "a position saved meanwhile keeps the saved entity"
    );

    let index = Index::clone(&full.corpus.index);
    let built = Box::new(((*full.gazetteer).clone(), index));
    app.absorb(LoadEvent::Gazetteer(built));
    assert_eq!(app.gazetteer_state, GazetteerState::Ready);
    assert_eq!(
        app.corpus.index.mention_count(),
        full.corpus.index.mention_count()
    );
    assert_eq!(app.selected, Some(entity_id(&full, "Steve Witkoff")));
    finish_jobs(&mut app);
    assert!(
        app.review.first.is_some(),
        "the suggestions are found with it"
    );
    assert!(
        matches!(app.panel, Some(Panel::Discovery(_))),
        "the names to add open"
    );
}

/// A gazetteer that fails to build ends the reader with its error.
#[test]
fn a_gazetteer_that_fails_in_the_background_ends_the_reader_with_its_error() {
    let mut app = seeds_app(true);
    app.gazetteer_state = GazetteerState::Building;
    assert!(!app.must_end());
    let error = crate::error::Error::Usage("bad kind".to_owned());
    app.absorb(LoadEvent::GazetteerFailed(Box::new(error)));
    assert!(app.must_end());
    assert_eq!(app.gazetteer_state, GazetteerState::Ready);
    assert!(app.gazetteer_failed.is_some());
}

/// A corpus that leaves mentions out says so in the status line, whether it is read before
/// the first frame or arrives from the background load.
#[test]
fn mentions_left_out_are_told_in_the_status_line() {
    let (articles, _, gazetteer) = crate::testing::indexed(
        r#"{"entities": [{"name": "Hamas", "kind": "organization"}]}"#,
        &["Hamas and Hamas.\n_____\nHamas."],
    );
    let matcher = crate::matcher::Matcher::new(&gazetteer).unwrap();
    let cut = Arc::new(Index::build_within(&articles, &matcher, 1, 1));
    let message = cut.left_out_message().unwrap();
    assert!(
        message.starts_with("2 mentions left out past the first 1"),
        "{message}"
    );
    let corpus = |index: &Arc<Index>, complete| Corpus {
        articles: articles.clone().into(),
        index: Arc::clone(index),
        complete,
    };
    let app = App::new(gazetteer.clone(), corpus(&cut, true), true);
    assert_eq!(app.notice.as_deref(), Some(message.as_str()));

    let whole = Arc::new(Index::build(&articles, &matcher, 1));
    let mut app = App::new(gazetteer, corpus(&whole, false), true);
    assert_eq!(app.notice, None);
    app.absorb(LoadEvent::Done(Box::new(corpus(&cut, true)), 1));
    assert_eq!(app.notice.as_deref(), Some(message.as_str()));
}
