//! The quotations in the reader: found once, set apart in the text, and the quotes view.

use super::*;

fn quotes_view(app: &App) -> &QuotesView {
    match &app.panel {
        Some(Panel::Quotes(view)) => view,
        other => panic!("the quotes view is open, not {other:?}"),
    }
}

#[test]
fn quotations_are_found_once_when_the_corpus_is_ready_and_not_on_keys() {
    let mut app = seeds_app(true);
    assert_eq!(app.quoting, Finding::Done);
    assert_eq!(app.quotes.article_count(), app.corpus.articles.len());
    assert!(!app.doc_quotes().is_empty(), "the first seed quotes Trump");
    assert_eq!(app.doc_quotes(), app.quotes.of_article(0));
    for key in ["]", "j", "Q", "Q", "c", "c", "v"] {
        type_keys(&mut app, key);
        assert_eq!(app.quoting, Finding::Done, "{key} finds nothing again");
        assert!(app.take_job().is_none(), "{key} asks for no job");
    }
}

#[test]
fn a_new_corpus_asks_for_its_quotations_and_an_old_result_is_dropped() {
    let mut app = seeds_app(true);
    app.want_quotes();
    let stale = app.take_job().expect("a quotes job");
    assert!(matches!(stale, Job::Quotes { .. }));
    app.want_quotes();
    let fresh = app.take_job().expect("a quotes job");
    app.absorb(stale.run());
    assert!(app.doc_quotes().is_empty(), "the stale run is dropped");
    assert!(matches!(app.quoting, Finding::Running(_)));
    app.absorb(fresh.run());
    assert_eq!(app.quoting, Finding::Done);
    assert!(!app.doc_quotes().is_empty());
    let corpus = Corpus {
        articles: app.corpus.articles.clone(),
        index: app.corpus.index.clone(),
        complete: true,
    };
    app.absorb(LoadEvent::Done(Box::new(corpus), 0));
    assert_eq!(app.quoting, Finding::Wanted);
    assert!(app.doc_quotes().is_empty());
}

#[test]
fn before_the_quotations_are_found_q_says_so() {
    let mut app = seeds_app(true);
    app.want_quotes();
    app.update(Action::ToggleQuotes);
    assert!(app.panel.is_none());
    assert!(app.notice.as_deref().unwrap().contains("quotations"));
}

#[test]
fn the_quotes_view_lists_the_selected_speaker_by_source_and_enter_reads_one_in_place() {
    let mut app = seeds_app(true);
    let witkoff = entity_id(&app, "Steve Witkoff");
    type_keys(&mut app, "fWitkoff");
    press(&mut app, KeyCode::Enter);
    type_keys(&mut app, "Q");
    assert_eq!(app.mode, Mode::Panel);
    let view = quotes_view(&app);
    assert_eq!(view.speaker, Some(witkoff));
    assert!(view.quotes.len() > 10, "Witkoff carries many quotations");
    assert!(view.quotes.windows(2).all(|w| w[0] < w[1]), "by source");
    let sources: BTreeSet<u32> = view.quotes.iter().map(|q| q.article).collect();
    assert!(sources.len() > 1, "quoted by several sources");
    for &at in &view.quotes {
        assert_eq!(app.quotes.piece(at).unwrap().speaker, Some(witkoff));
    }
    let fourth = view.quotes[3];
    type_keys(&mut app, "jjjjk");
    press(&mut app, KeyCode::Enter);
    assert!(app.panel.is_none());
    assert_eq!(app.mode, Mode::Reading);
    assert_eq!(app.article, fourth.article as usize);
    let piece = app.quotes.piece(fourth).unwrap();
    assert!(visible(&app, u32::try_from(piece.range().start).unwrap()));
    assert!(app.notice.as_deref().unwrap().starts_with("quoted: "));
}

#[test]
fn the_speakers_table_counts_words_per_source_and_enter_lists_a_speaker() {
    let mut app = seeds_app(true);
    type_keys(&mut app, "Q");
    let speakers = &app.quotes.speakers;
    let names: Vec<&str> = speakers
        .iter()
        .take(2)
        .map(|t| app.speaker_name(t.speaker))
        .collect();
    assert!(
        names.contains(&"Steve Witkoff") && names.contains(&"Donald Trump"),
        "{names:?}"
    );
    assert!(speakers.windows(2).all(|w| w[0].total >= w[1].total));
    for tally in speakers {
        let by_source: u32 = (0..app.corpus.articles.len())
            .map(|a| tally.words_in(a))
            .sum();
        assert_eq!(by_source, tally.total);
        assert_eq!(
            tally.pieces as usize,
            app.quotes.of_speaker(tally.speaker).len()
        );
    }
    let second = speakers[1].speaker;
    press(&mut app, KeyCode::Tab);
    assert!(quotes_view(&app).on_table);
    type_keys(&mut app, "gj");
    press(&mut app, KeyCode::Enter);
    let view = quotes_view(&app);
    assert!(!view.on_table);
    assert_eq!(view.speaker, second);
    assert_eq!(view.quotes, app.quotes.of_speaker(second));
    assert_eq!(app.selected, second);
    type_keys(&mut app, "q");
    assert!(app.panel.is_none());
    type_keys(&mut app, "Q");
    press(&mut app, KeyCode::Esc);
    assert!(app.panel.is_none());
    assert_eq!(app.mode, Mode::Reading);
}

#[test]
fn an_entity_never_quoted_opens_an_empty_list_and_enter_stays() {
    let mut app = seeds_app(true);
    type_keys(&mut app, "fGaza");
    press(&mut app, KeyCode::Enter);
    type_keys(&mut app, "Q");
    assert!(quotes_view(&app).quotes.is_empty());
    press(&mut app, KeyCode::Enter);
    assert!(quotes_view(&app).quotes.is_empty(), "still open");
}

/// Quotations past the corpus's budget are told in the status line when they arrive.
#[test]
fn quotations_left_out_are_told_in_the_status_line() {
    let mut app = seeds_app(true);
    app.want_quotes();
    let Some(Job::Quotes { run, .. }) = app.take_job() else {
        panic!("a quotes job");
    };
    let (articles, index, gazetteer) = (
        &app.corpus.articles,
        &app.corpus.index,
        app.gazetteer.as_ref(),
    );
    let cut = crate::quotes::Quotations::find_within(articles, index, gazetteer, 1);
    let message = cut
        .left_out_message()
        .expect("the seeds quote more than once");
    app.absorb(Background::Job(JobDone::Quoted(run, Ok(Box::new(cut)))));
    assert_eq!(app.notice.as_deref(), Some(message.as_str()));
    assert_eq!(app.quotes.of_article(0).len(), 1);
}
