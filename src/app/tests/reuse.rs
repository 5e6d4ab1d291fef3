//! The retold passages in the reader: found once, and the reuse view.

use super::*;

fn reuse_view(app: &App) -> ReuseView {
    match &app.panel {
        Some(Panel::Reuse(view)) => *view,
        other => panic!("the reuse view is open, not {other:?}"),
    }
}

#[test]
fn retold_passages_are_found_once_when_first_asked_and_grouped_by_pair_of_sources() {
    let mut app = seeds_app(true);
    assert_eq!(app.retelling, Finding::Idle, "not found before R asks");
    assert!(app.retellings.pairs.is_empty());
    type_keys(&mut app, "R");
    assert_eq!(app.retelling, Finding::Done);
    assert!(
        matches!(app.panel, Some(Panel::Reuse(_))),
        "opens once found"
    );
    press(&mut app, KeyCode::Esc);
    let retellings = &app.retellings;
    assert!(!retellings.sources.is_empty());
    let grouped: usize = retellings.sources.iter().map(|g| g.pairs.len()).sum();
    assert_eq!(grouped, retellings.pairs.len());
    assert!(
        retellings
            .sources
            .windows(2)
            .all(|w| w[0].pairs.len() >= w[1].pairs.len())
    );
    // 002 retells the second Axios article more than any other pair.
    let (a, b) = (retellings.sources[0].a, retellings.sources[0].b);
    assert!(app.corpus.articles[a].file.contains("002_"));
    assert_eq!(app.corpus.articles[b].outlet(), "Axios");
    for key in ["R", "j", "R"] {
        type_keys(&mut app, key);
        assert!(app.take_job().is_none(), "{key} asks for no job");
    }
}

#[test]
fn the_reuse_view_moves_between_pairs_and_enter_reads_either_side_in_place() {
    let mut app = seeds_app(true);
    type_keys(&mut app, "R");
    let view = reuse_view(&app);
    assert!(view.on_sources && view.later);
    type_keys(&mut app, "j");
    assert_eq!(reuse_view(&app).source_pair, 1);
    press(&mut app, KeyCode::Enter);
    let view = reuse_view(&app);
    assert!(
        !view.on_sources,
        "Enter on a pair of sources lists its sentences"
    );
    type_keys(&mut app, "j");
    let pair = app.retellings.of_sources(1)[1].clone();
    press(&mut app, KeyCode::Enter);
    assert!(app.panel.is_none());
    assert_eq!(app.article, pair.b.article, "the later source by default");
    assert!(visible(&app, u32::try_from(pair.b.range.start).unwrap()));
    assert!(app.notice.as_deref().unwrap().starts_with("retold: "));
    type_keys(&mut app, "R");
    press(&mut app, KeyCode::Tab);
    type_keys(&mut app, "h");
    assert!(!reuse_view(&app).later);
    let first = app.retellings.of_sources(0)[0].clone();
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.article, first.a.article, "h picks the earlier source");
    assert!(visible(&app, u32::try_from(first.a.range.start).unwrap()));
    type_keys(&mut app, "R");
    press(&mut app, KeyCode::Esc);
    assert!(app.panel.is_none());
}

#[test]
fn r_asks_for_the_retold_passages_and_the_view_opens_when_they_come() {
    let mut app = seeds_app(true);
    app.update(Action::ToggleReuse);
    assert!(app.panel.is_none());
    assert_eq!(app.notice.as_deref(), Some("finding the retold passages…"));
    let job = app.take_job().expect("a reuse job");
    app.update(Action::ToggleReuse);
    assert_eq!(
        app.notice.as_deref(),
        Some("still finding the retold passages…")
    );
    app.absorb(job.run());
    assert!(matches!(app.panel, Some(Panel::Reuse(_))));
    assert_eq!(app.notice, None, "the finding notice is answered");
    // A new corpus forgets them; a run still going is dropped, and nothing is found until
    // asked again.
    press(&mut app, KeyCode::Esc);
    app.want_retellings();
    assert!(app.take_job().is_none());
    assert!(app.retellings.pairs.is_empty());
    app.update(Action::ToggleReuse);
    let running = app.take_job().expect("a reuse job");
    app.want_retellings();
    app.absorb(running.run());
    assert!(
        app.retellings.pairs.is_empty(),
        "the dropped run is not taken"
    );
    assert!(app.panel.is_none());
}
