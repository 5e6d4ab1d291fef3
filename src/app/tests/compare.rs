//! Two sources side by side: opening from reading and from the retold passages, `n`/`N`
//! moving both sides, `]`/`[` and `Tab` changing a side's source, the diff cache, leaving.

use super::*;
use crate::app::compare::{Origin, Side};

fn compare_view(app: &App) -> &CompareView {
    assert_eq!(app.mode, Mode::Compare);
    app.compare.as_ref().expect("the side by side view is open")
}

/// The reader with Steve Witkoff selected (at his first mention), then `|`.
fn compare_witkoff() -> (App, EntityId) {
    let mut app = seeds_app(true);
    let entity = entity_id(&app, "Steve Witkoff");
    type_keys(&mut app, "fWitkoff");
    press(&mut app, KeyCode::Enter);
    type_keys(&mut app, "|");
    (app, entity)
}

/// The side's mention is one of `entity`'s, and its row is on screen.
fn assert_at_mention(app: &App, side: &Side, entity: EntityId) {
    let mention = side.mention.expect("a side at a mention");
    let found = app.corpus.index.mentions(side.article)[mention];
    assert_eq!(found.entity, entity);
    let row = side.wrap.row_of(found.start);
    assert!(
        (side.scroll..side.scroll + side.height).contains(&row),
        "row {row} not within {}+{}",
        side.scroll,
        side.height
    );
    let passage = side.passage.clone();
    assert!(passage.start <= found.start as usize && found.end as usize <= passage.end);
    for mark in &side.marks {
        assert!(passage.start <= mark.start as usize && mark.end as usize <= passage.end);
    }
}

/// The mention numbers of `entity` in `article`.
fn mention_numbers(app: &App, entity: EntityId, article: usize) -> Vec<usize> {
    app.corpus
        .index
        .of_entity(entity)
        .in_article(article)
        .iter()
        .map(|m| m.mention as usize)
        .collect()
}

#[test]
fn bar_sets_this_source_beside_the_next_that_names_the_entity_at_its_mentions() {
    let (app, witkoff) = compare_witkoff();
    let view = compare_view(&app);
    assert_eq!(view.origin, Origin::Entity(witkoff));
    let sources: Vec<usize> = app
        .corpus
        .index
        .counts(witkoff)
        .iter()
        .map(|&(a, _)| a as usize)
        .collect();
    assert_eq!(
        view.sides[0].article, app.article,
        "this source on the left"
    );
    assert_eq!(
        view.sides[1].article, sources[1],
        "the next naming it on the right"
    );
    assert_eq!(
        view.sides[0].mention, app.current,
        "the left side at the current mention"
    );
    for side in &view.sides {
        assert_at_mention(&app, side, witkoff);
        assert!(!side.marks.is_empty(), "two different paragraphs differ");
        assert_eq!(
            side.wrap.width, 57,
            "half of 120 columns, less borders and gutter"
        );
    }
    assert_eq!(view.diffs_computed, 1);
    assert_eq!(view.active, 1, "] and [ change the right side at first");
}

#[test]
fn n_and_shift_n_move_both_sides_and_a_diff_is_computed_once_per_pair() {
    let (mut app, witkoff) = compare_witkoff();
    let before = compare_view(&app).sides.clone();
    type_keys(&mut app, "n");
    let after = compare_view(&app).sides.clone();
    for (old, new) in before.iter().zip(&after) {
        let list = mention_numbers(&app, witkoff, old.article);
        let at = list.iter().position(|&m| Some(m) == old.mention).unwrap();
        assert_eq!(new.article, old.article, "n keeps each side's source");
        assert_eq!(new.mention, Some(list[(at + 1) % list.len()]));
        assert_at_mention(&app, new, witkoff);
    }
    assert_eq!(compare_view(&app).diffs_computed, 2);
    type_keys(&mut app, "N");
    let back = compare_view(&app);
    assert_eq!(
        back.sides.iter().map(|s| s.mention).collect::<Vec<_>>(),
        before.iter().map(|s| s.mention).collect::<Vec<_>>()
    );
    assert_eq!(back.sides[0].marks, before[0].marks);
    assert_eq!(
        back.diffs_computed, 2,
        "the first pair's diff came from the cache"
    );
    // j and k scroll both sides and diff nothing.
    let scrolls: Vec<usize> = back.sides.iter().map(|s| s.scroll).collect();
    type_keys(&mut app, "jj");
    let view = compare_view(&app);
    assert_eq!(view.sides[0].scroll, scrolls[0] + 2);
    assert_eq!(view.sides[1].scroll, scrolls[1] + 2);
    assert_eq!(view.diffs_computed, 2);
    app.update(Action::Wheel {
        column: 10,
        row: 20,
        down: false,
    });
    let view = compare_view(&app);
    assert_eq!(
        view.sides[0].scroll,
        scrolls[0] + 1,
        "the wheel scrolls both sides"
    );
    assert_eq!(view.sides[1].scroll, scrolls[1] + 1);
}

#[test]
fn brackets_change_the_chosen_side_source_and_tab_chooses_the_side() {
    let (mut app, witkoff) = compare_witkoff();
    let left = compare_view(&app).sides[0].article;
    let sources: Vec<usize> = app
        .corpus
        .index
        .counts(witkoff)
        .iter()
        .map(|&(a, _)| a as usize)
        .collect();
    assert!(sources.len() >= 4, "{sources:?}");
    type_keys(&mut app, "]");
    let view = compare_view(&app);
    assert_eq!(view.sides[0].article, left, "the left side stays");
    assert_eq!(view.sides[1].article, sources[2]);
    assert_at_mention(&app, &view.sides[1], witkoff);
    type_keys(&mut app, "[[");
    let view = compare_view(&app);
    assert_eq!(
        view.sides[1].article,
        *sources.last().unwrap(),
        "round the ends, never the other side's source"
    );
    press(&mut app, KeyCode::Tab);
    assert_eq!(compare_view(&app).active, 0);
    type_keys(&mut app, "]");
    let view = compare_view(&app);
    assert_eq!(view.sides[0].article, sources[1]);
    assert_ne!(view.sides[0].article, view.sides[1].article);
    assert_at_mention(&app, &view.sides[0], witkoff);
}

#[test]
fn esc_q_and_bar_go_back_to_reading_and_enter_reads_the_chosen_side() {
    for key in [KeyCode::Esc, KeyCode::Char('q'), KeyCode::Char('|')] {
        let (mut app, _) = compare_witkoff();
        let article = app.article;
        press(&mut app, key);
        assert_eq!(app.mode, Mode::Reading, "{key:?}");
        assert!(app.compare.is_none());
        assert_eq!(
            app.article, article,
            "{key:?} leaves the reader where it was"
        );
    }
    let (mut app, witkoff) = compare_witkoff();
    let right = compare_view(&app).sides[1].clone();
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode, Mode::Reading);
    assert_eq!(app.article, right.article);
    assert_eq!(app.current, right.mention);
    assert_eq!(app.selected, Some(witkoff));
    assert!(visible(&app, current_mention(&app).start));
}

#[test]
fn the_help_goes_back_to_the_side_by_side_view() {
    let (mut app, _) = compare_witkoff();
    type_keys(&mut app, "?");
    assert_eq!(app.mode, Mode::Help);
    type_keys(&mut app, "?");
    assert_eq!(app.mode, Mode::Compare);
    assert!(app.compare.is_some());
}

#[test]
fn with_nothing_selected_the_entity_under_the_list_cursor_is_compared_but_one_source_is_not_enough()
{
    let mut app = seeds_app(true);
    let under_cursor = app.entities.rows[app.entities.cursor];
    type_keys(&mut app, "|");
    assert_eq!(compare_view(&app).origin, Origin::Entity(under_cursor));
    type_keys(&mut app, "q");
    let ynet = entity_id(&app, "Ynet");
    assert_eq!(app.corpus.index.counts(ynet).len(), 1);
    app.select(ynet);
    type_keys(&mut app, "|");
    assert_eq!(app.mode, Mode::Reading);
    assert_eq!(
        app.notice.as_deref(),
        Some("no two sources name Ynet: nothing to set side by side")
    );
}

#[test]
fn a_retold_pair_opens_side_by_side_from_the_retold_passages_and_esc_goes_back_there() {
    let mut app = seeds_app(true);
    type_keys(&mut app, "R");
    press(&mut app, KeyCode::Enter);
    type_keys(&mut app, "j|");
    let pairs = app.retellings.of_sources(0).to_vec();
    let view = compare_view(&app);
    assert_eq!(
        view.origin,
        Origin::Retold {
            source_pair: 0,
            cursor: 1
        }
    );
    assert_eq!(view.sides[0].passage, pairs[1].a.range);
    assert_eq!(view.sides[1].passage, pairs[1].b.range);
    assert_eq!(view.sides[0].article, pairs[1].a.article);
    assert_eq!(view.sides[1].article, pairs[1].b.article);
    for side in &view.sides {
        let row = side.wrap.row_of(u32::try_from(side.passage.start).unwrap());
        assert!((side.scroll..side.scroll + side.height).contains(&row));
        assert!(!side.marks.is_empty());
    }
    type_keys(&mut app, "n");
    let view = compare_view(&app);
    assert_eq!(
        view.sides[0].passage, pairs[2].a.range,
        "n: the next retold pair"
    );
    type_keys(&mut app, "]");
    let next = app.retellings.of_sources(1)[0].clone();
    let view = compare_view(&app);
    assert_eq!(
        view.origin,
        Origin::Retold {
            source_pair: 1,
            cursor: 0
        },
        "]: the next pair of sources"
    );
    assert_eq!(view.sides[1].passage, next.b.range);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.mode, Mode::Panel);
    match &app.panel {
        Some(Panel::Reuse(back)) => {
            assert_eq!((back.source_pair, back.cursor), (1, 0));
            assert!(!back.on_sources);
        }
        other => panic!("back in the retold passages, not {other:?}"),
    }
    // Enter reads the chosen side's sentence in place: after Tab, the earlier source's.
    type_keys(&mut app, "|");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode, Mode::Reading);
    assert!(app.panel.is_none() && app.compare.is_none());
    assert_eq!(app.article, next.a.article);
    assert!(visible(&app, u32::try_from(next.a.range.start).unwrap()));
}

#[test]
fn bar_in_another_view_says_where_it_works() {
    let mut app = seeds_app(true);
    type_keys(&mut app, "c|");
    assert!(matches!(app.panel, Some(Panel::Coverage(_))));
    assert_eq!(app.mode, Mode::Panel);
    assert!(app.notice.as_deref().unwrap().contains("retold passages"));
}

#[test]
fn a_narrow_terminal_stacks_the_sides_and_wraps_them_again() {
    let (mut app, witkoff) = compare_witkoff();
    app.update(Action::Resize {
        width: 60,
        height: 20,
    });
    let areas = crate::app::compare::side_areas(&app).unwrap();
    assert_eq!(areas[0].x, areas[1].x, "one above the other");
    assert!(areas[0].bottom() <= areas[1].y);
    let view = compare_view(&app);
    for side in &view.sides {
        assert_eq!(side.wrap.width, 57);
        assert_at_mention(&app, side, witkoff);
    }
}

#[test]
fn on_articles_of_one_huge_line_only_the_reach_around_each_mention_is_diffed() {
    let gazetteer = r#"{"entities": [{"name": "Witkoff", "kind": "person"}]}"#;
    let filler = "words of a long line that never breaks ".repeat(5_000);
    let one = format!("{filler}Witkoff met them. {filler}Witkoff left. {filler}");
    let two = format!("{filler}{filler}Witkoff said so. {filler}");
    let (articles, index, gazetteer) = crate::testing::indexed(gazetteer, &[&one, &two]);
    let corpus = Corpus {
        articles: articles.into(),
        index: index.into(),
        complete: true,
    };
    let mut app = App::new(gazetteer, corpus, true);
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    app.select(0);
    type_keys(&mut app, "|n");
    let view = compare_view(&app);
    let most = 2 * crate::compare::REACH + "Witkoff".len();
    for side in &view.sides {
        assert!(side.passage.len() <= most, "{:?}", side.passage);
        assert!(!side.passage.is_empty());
        assert_at_mention(&app, side, 0);
    }
    assert_eq!(view.sides[0].mention, Some(1), "n moved the left side");
    assert_eq!(view.diffs_computed, 2);
}
