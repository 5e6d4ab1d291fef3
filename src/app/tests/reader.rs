//! The reader as a daily tool: the passage view of entities together, from a passage back
//! to its article, the jump list, less/vim keys, the help's paging.

use super::*;

fn select(app: &mut App, name: &str) -> EntityId {
    type_keys(app, &format!("f{name}"));
    press(app, KeyCode::Enter);
    entity_id(app, name)
}

/// Marks Steve Witkoff and Benjamin Netanyahu and opens the passage view.
fn witkoff_and_netanyahu() -> App {
    let mut app = seeds_app(true);
    select(&mut app, "Steve Witkoff");
    type_keys(&mut app, "m");
    select(&mut app, "Benjamin Netanyahu");
    type_keys(&mut app, "mv");
    app
}

fn paragraphs_of(app: &App) -> Vec<&str> {
    app.doc_text()
        .split("\n\n")
        .filter(|p| !p.is_empty() && !p.starts_with("── "))
        .collect()
}

#[test]
fn the_passage_view_shows_marked_entities_any_or_together() {
    let mut app = witkoff_and_netanyahu();
    let any = app.passages.as_ref().unwrap().paragraphs;
    assert_eq!(app.scope(), Scope::Passages);
    type_keys(&mut app, "t");
    let passages = app.passages.as_ref().unwrap();
    assert!(passages.all);
    assert!(passages.paragraphs < any && passages.paragraphs > 0);
    assert_eq!(
        app.passage_names(passages),
        "Steve Witkoff and Benjamin Netanyahu together"
    );
    for paragraph in paragraphs_of(&app) {
        assert!(
            paragraph.contains("Witkoff") && paragraph.contains("Netanyahu"),
            "{paragraph}"
        );
    }
    type_keys(&mut app, "t");
    assert_eq!(app.passages.as_ref().unwrap().paragraphs, any);
    assert_eq!(
        app.passage_names(app.passages.as_ref().unwrap()),
        "Steve Witkoff or Benjamin Netanyahu"
    );
}

#[test]
fn enter_in_a_passage_reads_it_in_its_article_and_ctrl_o_comes_back() {
    let mut app = witkoff_and_netanyahu();
    type_keys(&mut app, "n");
    let mention = current_mention(&app);
    let passage_scroll = app.view.scroll;
    let name = &app.doc_text()[mention.start as usize..mention.end as usize].to_owned();
    press(&mut app, KeyCode::Enter);
    assert!(app.passages.is_none(), "back in an article");
    let here = current_mention(&app);
    assert_eq!(here.entity, mention.entity);
    assert_eq!(
        &app.doc_text()[here.start as usize..here.end as usize],
        name
    );
    assert!(visible(&app, here.start));
    press_ctrl(&mut app, 'o');
    assert!(
        app.passages.is_some(),
        "Ctrl-O goes back to the passage view"
    );
    assert_eq!(app.view.scroll, passage_scroll);
    press_ctrl(&mut app, 'n');
    assert!(app.passages.is_none(), "Ctrl-N goes forward again");
    assert_eq!(current_mention(&app).start, here.start);
}

#[test]
fn ctrl_o_walks_back_through_jumps_across_sources() {
    let mut app = seeds_app(true);
    let witkoff = select(&mut app, "Steve Witkoff");
    let mut places = vec![(app.article, current_mention(&app).start)];
    for _ in 0..20 {
        type_keys(&mut app, "n");
        places.push((app.article, current_mention(&app).start));
    }
    assert!(places.first().unwrap().0 != places.last().unwrap().0);
    for expected in places.iter().rev().skip(1) {
        press_ctrl(&mut app, 'o');
        assert_eq!((app.article, current_mention(&app).start), *expected);
        assert_eq!(current_mention(&app).entity, witkoff);
    }
    press_ctrl(&mut app, 'n');
    assert_eq!((app.article, current_mention(&app).start), places[1]);
}

/// `''` as in less: back to where the last jump left, and `''` again returns; one `'`
/// followed by another key does nothing.
#[test]
fn two_quotes_go_back_and_two_more_return_as_in_less() {
    let mut app = seeds_app(true);
    select(&mut app, "Steve Witkoff");
    type_keys(&mut app, "nnnn");
    let there = (app.article, current_mention(&app).start);
    type_keys(&mut app, "n");
    let here = (app.article, current_mention(&app).start);
    assert_ne!(here, there);
    type_keys(&mut app, "'j");
    type_keys(&mut app, "'");
    assert_eq!(
        (app.article, current_mention(&app).start),
        here,
        "one ' and j"
    );
    type_keys(&mut app, "'");
    assert_eq!((app.article, current_mention(&app).start), there);
    type_keys(&mut app, "''");
    assert_eq!((app.article, current_mention(&app).start), here);
    type_keys(&mut app, "''");
    assert_eq!((app.article, current_mention(&app).start), there);
}

#[test]
fn a_view_jump_is_on_the_jump_list() {
    let mut app = seeds_app(true);
    select(&mut app, "Ron Dermer");
    let before = (app.article, app.view.scroll);
    type_keys(&mut app, "K");
    type_keys(&mut app, "G");
    press(&mut app, KeyCode::Enter);
    assert_ne!((app.article, app.view.scroll), before);
    press_ctrl(&mut app, 'o');
    assert_eq!((app.article, app.view.scroll), before);
}

#[test]
fn less_and_vim_keys_move_the_text() {
    let mut app = seeds_app(true);
    let page = app.page().unsigned_abs();
    for (key, ctrl, pages) in [
        ('f', true, 3),
        ('b', true, 1),
        (' ', false, 3),
        ('b', false, 1),
    ] {
        app.view.scroll = 2 * page;
        if ctrl {
            press_ctrl(&mut app, key);
        } else {
            press(&mut app, KeyCode::Char(key));
        }
        assert_eq!(app.view.scroll, pages * page, "{key} {ctrl}");
    }
    app.view.scroll = 2 * page;
    press_ctrl(&mut app, 'd');
    assert_eq!(app.view.scroll, 2 * page + page / 2);
    press_ctrl(&mut app, 'u');
    assert_eq!(app.view.scroll, 2 * page);
    press(&mut app, KeyCode::Right);
    assert_eq!(app.article, 1);
    press(&mut app, KeyCode::Left);
    assert_eq!(app.article, 0);
}

#[test]
fn the_help_pages_and_goes_to_either_end() {
    let mut app = seeds_app(true);
    app.update(Action::Resize {
        width: 60,
        height: 20,
    });
    type_keys(&mut app, "?");
    let (_, height) = crate::app::help::help_size(app.size);
    type_keys(&mut app, " ");
    assert_eq!(app.help_scroll, height - 1, "Space turns a page");
    press(&mut app, KeyCode::PageDown);
    assert_eq!(app.help_scroll, 2 * (height - 1));
    type_keys(&mut app, "G");
    let last = app.help_scroll;
    assert!(last > 2 * (height - 1));
    type_keys(&mut app, "j");
    assert_eq!(app.help_scroll, last, "the end stays the end");
    type_keys(&mut app, "k");
    assert_eq!(app.help_scroll, last - 1);
    type_keys(&mut app, "g");
    assert_eq!(app.help_scroll, 0);
    app.update(Action::Wheel {
        column: 30,
        row: 10,
        down: true,
    });
    assert!(app.help_scroll > 0, "the wheel scrolls the help");
}

#[test]
fn names_to_add_list_each_name_once_and_the_counts_agree() {
    let mut app = seeds_app(true);
    open_discovery(&mut app);
    let Some(Panel::Discovery(view)) = &app.panel else {
        panic!("the names to add are open");
    };
    let names: BTreeSet<&str> = view.candidates.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(names.len(), view.candidates.len(), "a name listed twice");
    let near = view.candidates.len() - view.unlisted();
    assert!(near > 0 && view.unlisted() > 0);
    let notice = app.notice.as_deref().unwrap();
    assert!(
        notice.starts_with(&format!("{} names", names.len())),
        "{notice}"
    );
}

#[test]
fn a_click_in_the_coverage_moves_its_cursor_to_the_cell() {
    let mut app = seeds_app(true);
    type_keys(&mut app, "c");
    let area = crate::app::grid::panel_area(&app).unwrap();
    let Some(Panel::Coverage(view)) = &app.panel else {
        panic!("coverage is open");
    };
    let (_, _, grid) = crate::app::grid::coverage_grid(area, 6, view);
    let grid = grid.unwrap();
    let (x, y) = (grid.column_x(3) + 2, grid.inner.y + 5);
    app.update(Action::Click { column: x, row: y });
    let Some(Panel::Coverage(view)) = &app.panel else {
        panic!("coverage stays open");
    };
    assert_eq!((view.row, view.column), (4, 3));
}

#[test]
fn search_matches_straight_and_curly_quotes_dashes_and_any_case() {
    let app = seeds_app(true);
    let articles = &app.corpus.articles;
    let table = [
        ("Netanyahu's", "Netanyahu’s"),
        ("netanyahu’s", "Netanyahu’s"),
        ("U.S.–Hamas", "U.S.-Hamas"),
        ("“we", "\"we"),
    ];
    for (query, same) in table {
        let a = search_articles(articles, query);
        let b = search_articles(articles, same);
        assert!(a.total > 0, "{query}");
        assert_eq!(a.total, b.total, "{query} and {same}");
        for (article, matches) in a.matches.iter().enumerate() {
            for range in matches {
                let found = &articles[article].text[range.start as usize..range.end as usize];
                let fold = |text: &str| crate::search::Folded::new(text, true).text;
                assert_eq!(fold(found), fold(query), "{query}");
            }
        }
    }
}

#[test]
fn the_filter_puts_whole_words_and_word_starts_first() {
    let table = [
        ("Der", "Ron Dermer"),
        ("der", "Ron Dermer"),
        ("Ham", "Hamas"),
        ("Witk", "Steve Witkoff"),
    ];
    for (typed, first) in table {
        let mut app = seeds_app(true);
        type_keys(&mut app, &format!("f{typed}"));
        let top = app.entities.rows[0];
        assert_eq!(app.gazetteer.entity(top).name, first, "{typed}");
        press(&mut app, KeyCode::Enter);
        assert_eq!(app.selected, Some(entity_id(&app, first)), "{typed}");
    }
}

#[test]
fn enter_on_a_search_match_inside_a_mention_selects_its_entity() {
    let mut app = seeds_app(true);
    type_keys(&mut app, "/Dermer");
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        app.search.as_ref().unwrap().position().map(|p| p.0),
        Some(1)
    );
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.selected, Some(entity_id(&app, "Ron Dermer")));
    type_keys(&mut app, "n");
    assert_eq!(current_mention(&app).entity, entity_id(&app, "Ron Dermer"));
}

#[test]
fn line_numbers_count_the_files_lines_as_annotate_does() {
    let mut app = seeds_app(true);
    type_keys(&mut app, "]]]]]");
    let file = include_str!("../../../seeds/004_470bc9a9fd20b3c9.txt");
    let article = app.current_article().unwrap();
    let title = article.text.lines().next().unwrap();
    let first = file[..file.find(title).unwrap()].matches('\n').count() + 1;
    assert!(first > 1, "the second article of its file");
    let last_line = article.text.trim_end().lines().last().unwrap();
    let last = file[..file.rfind(last_line).unwrap()].matches('\n').count() + 1;
    assert_eq!(app.line_position(), (first, last));
    type_keys(&mut app, "  ");
    let (line, _) = app.line_position();
    let top = app.view.wrap.row(app.view.scroll).unwrap().start as usize;
    let top_line = app.current_article().unwrap().text[top..]
        .lines()
        .next()
        .unwrap();
    let in_file = file[..file.find(top_line).unwrap()].matches('\n').count() + 1;
    assert_eq!(line, in_file);
    assert!(app.view.wrap.len() > last - first + 1, "rows are not lines");
}

/// A huge article's lines are found once: leaving a view or resizing keeps them, while the
/// passage view and another article have their own.
#[test]
fn an_articles_lines_are_counted_once_not_on_every_layout() {
    let mut app = seeds_app(true);
    let found = Arc::clone(&app.view.lines);
    select(&mut app, "Steve Witkoff");
    type_keys(&mut app, "mv");
    assert!(app.passages.is_some());
    assert!(
        !Arc::ptr_eq(&found, &app.view.lines),
        "the passages' own lines"
    );
    press(&mut app, KeyCode::Esc);
    app.resize(100, 30);
    assert!(Arc::ptr_eq(&found, &app.view.lines));
    type_keys(&mut app, "]");
    assert!(!Arc::ptr_eq(&found, &app.view.lines));
    assert_eq!(*app.view.lines, crate::text::Lines::new(app.doc_text()));
}

#[test]
fn search_ignores_case_beyond_ascii() {
    let articles =
        crate::corpus::articles_of("a.txt", "ÉCOLE, École and école — “Straße”\n".as_bytes());
    let table = [
        ("école", 3),
        ("École", 1),
        ("straße", 1),
        ("\"straße\"", 1),
        ("—", 1),
        ("-", 1),
    ];
    for (query, expected) in table {
        assert_eq!(search_articles(&articles, query).total, expected, "{query}");
    }
}
