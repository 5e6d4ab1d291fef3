//! The one keymap table: it drives dispatch, the status-line hints and the help screen.
//!
//! Each view has its own [`Scope`], so a key is only dispatched, hinted and listed in help
//! where it does something. A new view declares its keys by adding a `Scope` variant (mapped
//! from its panel in `Panel::scope`), adding that scope to [`VIEWS`] for the keys every view
//! shares (moving, `Enter`, `?`, `q`/`Esc`, switching views), writing one line per key of its
//! own with `&[Scope::TheView]`, and adding a [`HELP_SECTIONS`] entry for its heading.

use super::action::{Action, Review as Step};
use crate::gazetteer::Kind;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// Which family of keys applies: one scope per view, so that dispatch, hints and help only
/// ever name keys that do something there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Reading an article, the lists.
    Reading,
    /// The passage view (`v`).
    Passages,
    /// Typing a search or a filter.
    Typing,
    /// The help screen.
    Help,
    /// The coverage view (`c`).
    Coverage,
    /// The concordance view (`K`).
    Concordance,
    /// The names the gazetteer lacks (`a`).
    Discovery,
    /// The quotes view (`Q`).
    Quotes,
    /// The retold passages (`R`).
    Reuse,
    /// Choosing how to add a name.
    Prompt,
    /// Two sources side by side.
    Compare,
    /// Reviewing the suggested entities.
    Review,
    /// Every scope.
    Any,
}

/// The article and the passage view.
pub const TEXT: &[Scope] = &[Scope::Reading, Scope::Passages];
/// Every view opened over the panes; a new view adds its scope here to get the keys all
/// views share (moving, Enter, `?`, `Esc`/`q`, switching to another view).
pub const VIEWS: &[Scope] = &[
    Scope::Coverage,
    Scope::Concordance,
    Scope::Discovery,
    Scope::Quotes,
    Scope::Reuse,
];
/// The views with two lists that `Tab` switches between.
const TWO_LISTS: &[Scope] = &[Scope::Concordance, Scope::Quotes, Scope::Reuse];
/// The views with source columns or sides that `h`/`l` move between.
const SIDES: &[Scope] = &[Scope::Coverage, Scope::Reuse];

/// A key as the table names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    /// The key.
    pub code: KeyCode,
    /// Whether Ctrl is held.
    pub ctrl: bool,
}

const fn key(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: false,
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}

const fn code(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}

/// One line of the table.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    /// The keys that trigger it.
    pub keys: &'static [Key],
    /// How the keys are written in the help and hints.
    pub label: &'static str,
    /// Where the binding applies.
    pub scopes: &'static [Scope],
    /// What it does.
    pub action: Action,
    /// The help screen's description.
    pub help: &'static str,
    /// A short hint for the status line, for the most useful keys.
    pub hint: Option<&'static str>,
}

const fn bind(
    keys: &'static [Key],
    label: &'static str,
    scopes: &'static [Scope],
    action: Action,
    help: &'static str,
    hint: Option<&'static str>,
) -> Binding {
    Binding {
        keys,
        label,
        scopes,
        action,
        help,
        hint,
    }
}

use Scope::{
    Any, Compare, Concordance, Coverage, Discovery, Help, Passages, Prompt, Quotes, Reading, Reuse,
    Review, Typing,
};

/// Every key of the reader, one binding a line: the keys, how they are written, where they
/// apply, the action, the help screen's description, and the status-line hint.
#[rustfmt::skip]
pub static BINDINGS: &[Binding] = &[
    bind(&[key('j'), code(KeyCode::Down)], "j ↓", TEXT, Action::MoveDown, "scroll down / next item in a list", None),
    bind(&[key('k'), code(KeyCode::Up)], "k ↑", TEXT, Action::MoveUp, "scroll up / previous item in a list", None),
    bind(&[code(KeyCode::PageDown), key(' '), ctrl('f')], "PgDn Space Ctrl-F", TEXT, Action::PageDown, "one page down", None),
    bind(&[code(KeyCode::PageUp), key('b'), ctrl('b')], "PgUp b Ctrl-B", TEXT, Action::PageUp, "one page up", None),
    bind(&[ctrl('d')], "Ctrl-D", TEXT, Action::HalfPageDown, "half a page down", None),
    bind(&[ctrl('u')], "Ctrl-U", TEXT, Action::HalfPageUp, "half a page up", None),
    bind(&[key('g'), code(KeyCode::Home)], "g Home", TEXT, Action::GoTop, "to the top", None),
    bind(&[key('G'), code(KeyCode::End)], "G End", TEXT, Action::GoBottom, "to the bottom", None),
    bind(&[code(KeyCode::Tab)], "Tab", TEXT, Action::FocusNext, "focus the next pane (text, entities, sources)", Some("pane")),
    bind(&[code(KeyCode::BackTab)], "Shift-Tab", TEXT, Action::FocusPrevious, "focus the previous pane", None),
    bind(&[key(']'), code(KeyCode::Right)], "] →", TEXT, Action::NextSource, "next source", Some("source")),
    bind(&[key('['), code(KeyCode::Left)], "[ ←", TEXT, Action::PreviousSource, "previous source", None),
    bind(&[code(KeyCode::Enter)], "Enter", &[Reading], Action::Activate, "on an entity: select it and jump to its first mention; on a source: read it; in the text: select the current mention's entity", None),
    bind(&[code(KeyCode::Enter)], "Enter", &[Passages], Action::Activate, "read the current mention (or the paragraph at the top) in its article", Some("article")),
    bind(&[key('n')], "n", TEXT, Action::NextMention, "next mention of the selected (or shown) entities, across sources (or next search match)", Some("next")),
    bind(&[key('N')], "N", TEXT, Action::PreviousMention, "previous mention (or previous search match)", None),
    bind(&[ctrl('o')], "Ctrl-O", TEXT, Action::JumpBack, "back to where the last jump left (mention, search, passage, view)", None),
    bind(&[ctrl('n')], "Ctrl-N", TEXT, Action::JumpForward, "forward again, after Ctrl-O", None),
    bind(&[key('\'')], "''", TEXT, Action::JumpQuote, "as in less: back to where the last jump left; '' again returns", None),
    bind(&[key('/')], "/", TEXT, Action::EnterSearch, "search the text; matches are counted and highlighted", Some("search")),
    bind(&[key('f')], "f", TEXT, Action::EnterFilter, "entity filter: type a name or alias, Enter jumps to the first", Some("find entity")),
    bind(&[key('v')], "v", &[Reading], Action::TogglePassages, "passage view: paragraphs mentioning the selected (or marked) entities, from every source", Some("passages")),
    bind(&[key('q'), key('v')], "q v", &[Passages], Action::TogglePassages, "back to the article", Some("back")),
    bind(&[key('t')], "t", &[Passages], Action::ToggleTogether, "paragraphs that mention any of the marked entities, or all of them together", Some("any/all")),
    bind(&[key('m')], "m", TEXT, Action::ToggleMark, "mark / unmark the entity for the passage view", None),
    bind(&[key('s')], "s", TEXT, Action::CycleSort, "sort the entity list: mentions, name, first appearance", None),
    bind(&[key('P')], "P", TEXT, Action::ToggleKind(Kind::Person), "show / hide people", None),
    bind(&[key('O')], "O", TEXT, Action::ToggleKind(Kind::Organization), "show / hide organizations", None),
    bind(&[key('L')], "L", TEXT, Action::ToggleKind(Kind::Place), "show / hide places", None),
    bind(&[key('M')], "M", TEXT, Action::ToggleKind(Kind::Misc), "show / hide misc entities", None),
    bind(&[key('e')], "e", TEXT, Action::ToggleEntityPane, "show / hide the entity list", None),
    bind(&[code(KeyCode::Esc)], "Esc", TEXT, Action::Dismiss, "stop finding names or searching, leave the passage view, or clear the search", None),
    bind(&[key('c')], "c", TEXT, Action::ToggleCoverage, "coverage: entities × sources; Enter on a cell jumps to that entity in that source", Some("coverage")),
    bind(&[key('K')], "K", TEXT, Action::ToggleConcordance, "concordance of the selected entity: every mention in context, how each source names it, what it shares paragraphs with", Some("concordance")),
    bind(&[key('Q')], "Q", TEXT, Action::ToggleQuotes, "quotes: what the selected entity is quoted saying, by source, and a table of who is quoted by which source; Enter reads a quotation in place", Some("quotes")),
    bind(&[key('R')], "R", TEXT, Action::ToggleReuse, "retold passages: which sources retell which, how much, and the retold sentences; Enter reads one in place", Some("retold")),
    bind(&[key('|')], "|", &[Reading], Action::ToggleCompare, "side by side: this source beside the next that names the selected entity, each at a mention, the words the other lacks marked", None),
    bind(&[key('a')], "a", TEXT, Action::Add, "names the gazetteer lacks (unlisted names, near-misses); a there adds one", None),
    bind(&[key('S')], "S", &[Reading], Action::Review(Step::Open), "review the suggested entities (shown dim and underlined): accept, rename, merge, reject", None),
    bind(&[key('?')], "?", TEXT, Action::ToggleHelp, "this help", Some("help")),
    bind(&[key('q')], "q", &[Reading], Action::Quit, "quit", Some("quit")),
    bind(&[key('j'), code(KeyCode::Down)], "j ↓", VIEWS, Action::MoveDown, "next row", None),
    bind(&[key('k'), code(KeyCode::Up)], "k ↑", VIEWS, Action::MoveUp, "previous row", None),
    bind(&[key('h'), code(KeyCode::Left)], "h ←", SIDES, Action::MoveLeft, "previous source column (coverage); the earlier source of a retold pair", None),
    bind(&[key('l'), code(KeyCode::Right)], "l →", SIDES, Action::MoveRight, "next source column (coverage); the later source of a retold pair", None),
    bind(&[code(KeyCode::PageDown), key(' '), ctrl('f')], "PgDn Space Ctrl-F", VIEWS, Action::PageDown, "one page down", None),
    bind(&[code(KeyCode::PageUp), key('b'), ctrl('b')], "PgUp b Ctrl-B", VIEWS, Action::PageUp, "one page up", None),
    bind(&[ctrl('d')], "Ctrl-D", VIEWS, Action::HalfPageDown, "half a page down", None),
    bind(&[ctrl('u')], "Ctrl-U", VIEWS, Action::HalfPageUp, "half a page up", None),
    bind(&[key('g'), code(KeyCode::Home)], "g Home", VIEWS, Action::GoTop, "to the first row", None),
    bind(&[key('G'), code(KeyCode::End)], "G End", VIEWS, Action::GoBottom, "to the last row", None),
    bind(&[code(KeyCode::Enter)], "Enter", &[Coverage], Action::Activate, "read the cell's entity in the cell's source", Some("jump")),
    bind(&[code(KeyCode::Enter)], "Enter", &[Concordance], Action::Activate, "read the mention in its article; on a co-occurring entity, the passages with both", Some("jump")),
    bind(&[code(KeyCode::Enter)], "Enter", &[Discovery], Action::Activate, "read the name where it first occurs", Some("jump")),
    bind(&[code(KeyCode::Enter)], "Enter", &[Quotes], Action::Activate, "read the quotation in its article; on a speaker, that speaker's quotations", Some("jump")),
    bind(&[code(KeyCode::Enter)], "Enter", &[Reuse], Action::Activate, "on a pair of sources: its sentences; on a sentence: read it in its article", Some("jump")),
    bind(&[code(KeyCode::Tab), code(KeyCode::BackTab)], "Tab", TWO_LISTS, Action::FocusNext, "concordance: switch between the mentions and the co-occurring entities; quotes: between the quotations and the speakers; retold passages: between the pairs of sources and their sentences", Some("switch list")),
    bind(&[key('|')], "|", VIEWS, Action::ToggleCompare, "retold passages: the retold pair under the cursor side by side, the words the other side lacks marked (elsewhere a notice says so)", None),
    bind(&[key('a')], "a", &[Discovery], Action::Add, "add the name under the cursor to your gazetteer", Some("add")),
    bind(&[key('c')], "c", VIEWS, Action::ToggleCoverage, "coverage (c again closes it)", None),
    bind(&[key('K')], "K", VIEWS, Action::ToggleConcordance, "concordance of the selected entity (K again closes it)", None),
    bind(&[key('Q')], "Q", VIEWS, Action::ToggleQuotes, "quotes view (Q again closes it)", None),
    bind(&[key('R')], "R", VIEWS, Action::ToggleReuse, "retold passages (R again closes them)", None),
    bind(&[key('?')], "?", VIEWS, Action::ToggleHelp, "this help", Some("help")),
    bind(&[key('q'), code(KeyCode::Esc)], "q Esc", VIEWS, Action::ClosePanel, "back to reading", Some("back")),
    bind(&[key('j'), code(KeyCode::Down)], "j ↓", &[Compare], Action::MoveDown, "scroll both sides down", None),
    bind(&[key('k'), code(KeyCode::Up)], "k ↑", &[Compare], Action::MoveUp, "scroll both sides up", None),
    bind(&[code(KeyCode::PageDown), key(' ')], "PgDn Space", &[Compare], Action::PageDown, "both sides one page down", None),
    bind(&[code(KeyCode::PageUp)], "PgUp", &[Compare], Action::PageUp, "both sides one page up", None),
    bind(&[key('n')], "n", &[Compare], Action::NextMention, "both sides to their next mention of the entity (retold: the next retold pair of the two sources)", Some("next")),
    bind(&[key('N')], "N", &[Compare], Action::PreviousMention, "both sides to their previous mention (retold: the previous retold pair)", None),
    bind(&[key(']')], "]", &[Compare], Action::NextSource, "the chosen side's next source that names the entity (retold: the next pair of sources)", Some("source")),
    bind(&[key('[')], "[", &[Compare], Action::PreviousSource, "the chosen side's previous source (retold: the previous pair of sources)", None),
    bind(&[code(KeyCode::Tab), code(KeyCode::BackTab)], "Tab", &[Compare], Action::FocusNext, "choose the side that ] and [ change and Enter reads", Some("side")),
    bind(&[code(KeyCode::Enter)], "Enter", &[Compare], Action::Activate, "read the chosen side in place", Some("read")),
    bind(&[key('?')], "?", &[Compare], Action::ToggleHelp, "this help", Some("help")),
    bind(&[key('q'), code(KeyCode::Esc), key('|')], "q Esc |", &[Compare], Action::ClosePanel, "back to reading (or to the retold passages)", Some("back")),
    bind(&[key('j'), code(KeyCode::Down)], "j ↓", &[Review], Action::MoveDown, "next suggestion", None),
    bind(&[key('k'), code(KeyCode::Up)], "k ↑", &[Review], Action::MoveUp, "previous suggestion", None),
    bind(&[code(KeyCode::PageDown), key(' '), ctrl('f')], "PgDn Space Ctrl-F", &[Review], Action::PageDown, "one page down", None),
    bind(&[code(KeyCode::PageUp), key('b'), ctrl('b')], "PgUp b Ctrl-B", &[Review], Action::PageUp, "one page up", None),
    bind(&[key('g'), code(KeyCode::Home)], "g Home", &[Review], Action::GoTop, "to the first suggestion", None),
    bind(&[key('G'), code(KeyCode::End)], "G End", &[Review], Action::GoBottom, "to the last suggestion", None),
    bind(&[code(KeyCode::Enter)], "Enter", &[Review], Action::Activate, "read the suggestion's first mention (S comes back)", Some("read")),
    bind(&[key('a')], "a", &[Review], Action::Review(Step::Accept), "accept the suggestion as it is", Some("accept")),
    bind(&[key('A')], "A", &[Review], Action::Review(Step::AcceptAll), "accept every suggestion listed (all, or all of the kind listed)", Some("accept all")),
    bind(&[key('p')], "p", &[Review], Action::Review(Step::AcceptAs(Kind::Person)), "accept as a person", None),
    bind(&[key('o')], "o", &[Review], Action::Review(Step::AcceptAs(Kind::Organization)), "accept as an organization", None),
    bind(&[key('l')], "l", &[Review], Action::Review(Step::AcceptAs(Kind::Place)), "accept as a place", None),
    bind(&[key('m')], "m", &[Review], Action::Review(Step::AcceptAs(Kind::Misc)), "accept as a misc entity", None),
    bind(&[key('P')], "P", &[Review], Action::Review(Step::Only(Kind::Person)), "list only people (again: every kind)", Some("people")),
    bind(&[key('O')], "O", &[Review], Action::Review(Step::Only(Kind::Organization)), "list only organizations (again: every kind)", None),
    bind(&[key('L')], "L", &[Review], Action::Review(Step::Only(Kind::Place)), "list only places (again: every kind)", None),
    bind(&[key('M')], "M", &[Review], Action::Review(Step::Only(Kind::Misc)), "list only misc entities (again: every kind)", None),
    bind(&[key('r')], "r", &[Review], Action::Review(Step::Rename), "rename: edit the name, Enter accepts it under the new name (the old one stays an alias)", Some("rename")),
    bind(&[key('=')], "=", &[Review], Action::Review(Step::Merge), "merge into another entity: type its name, Enter makes every form of the suggestion its alias", Some("merge")),
    bind(&[key('x')], "x", &[Review], Action::Review(Step::Reject), "reject: its names are never suggested again", Some("reject")),
    bind(&[key('?')], "?", &[Review], Action::ToggleHelp, "this help", Some("help")),
    bind(&[code(KeyCode::Esc), key('q'), key('S')], "Esc q S", &[Review], Action::ClosePanel, "back to reading", Some("back")),
    bind(&[key('p')], "p", &[Prompt], Action::AddEntity(Kind::Person), "add as a new person", None),
    bind(&[key('o')], "o", &[Prompt], Action::AddEntity(Kind::Organization), "add as a new organization", None),
    bind(&[key('l')], "l", &[Prompt], Action::AddEntity(Kind::Place), "add as a new place", None),
    bind(&[key('m')], "m", &[Prompt], Action::AddEntity(Kind::Misc), "add as a new misc entity", None),
    bind(&[key('s')], "s", &[Prompt], Action::AddAliasOfSelected, "add as an alias of the selected entity", None),
    bind(&[key('n')], "n", &[Prompt], Action::AddAliasOfNear, "add as an alias of the entity it nearly matches (near-misses)", None),
    bind(&[code(KeyCode::Esc), key('q')], "Esc q", &[Prompt], Action::CancelInput, "add nothing", Some("cancel")),
    bind(&[code(KeyCode::Enter)], "Enter", &[Typing], Action::ConfirmInput, "search / jump to the first entity that matches", Some("go")),
    bind(&[code(KeyCode::Esc)], "Esc", &[Typing], Action::CancelInput, "stop typing", Some("cancel")),
    bind(&[code(KeyCode::Backspace)], "Backspace", &[Typing], Action::DeleteChar, "delete the last character", None),
    bind(&[key('j'), code(KeyCode::Down)], "j ↓", &[Help], Action::MoveDown, "scroll the help one line", None),
    bind(&[key('k'), code(KeyCode::Up)], "k ↑", &[Help], Action::MoveUp, "scroll the help back one line", None),
    bind(&[code(KeyCode::PageDown), key(' '), ctrl('f'), ctrl('d')], "PgDn Space Ctrl-F Ctrl-D", &[Help], Action::PageDown, "one page down", None),
    bind(&[code(KeyCode::PageUp), key('b'), ctrl('b'), ctrl('u')], "PgUp b Ctrl-B Ctrl-U", &[Help], Action::PageUp, "one page up", None),
    bind(&[key('g'), code(KeyCode::Home)], "g Home", &[Help], Action::GoTop, "to the top of the help", None),
    bind(&[key('G'), code(KeyCode::End)], "G End", &[Help], Action::GoBottom, "to the end of the help", None),
    bind(&[key('?'), key('q'), code(KeyCode::Esc)], "? q Esc", &[Help], Action::ToggleHelp, "close the help", Some("close")),
    bind(&[ctrl('c')], "Ctrl-C", &[Any], Action::Quit, "quit", None),
    bind(&[ctrl('z')], "Ctrl-Z", &[Any], Action::Suspend, "suspend to the shell (fg resumes)", None),
];

impl Binding {
    /// Whether the binding applies in `scope` (`Any` bindings apply everywhere).
    pub fn applies(&self, scope: Scope) -> bool {
        self.scopes.contains(&scope) || self.scopes.contains(&Any)
    }

    /// Whether its hint stays in the status line whatever the width: the ways out and help.
    pub fn essential(&self) -> bool {
        matches!(
            self.action,
            Action::ToggleHelp | Action::Quit | Action::ClosePanel | Action::CancelInput
        ) || (self.action == Action::TogglePassages && self.scopes == [Passages])
    }
}

fn matches(binding_key: Key, event: &KeyEvent) -> bool {
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    let code = match event.code {
        KeyCode::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
        other => other,
    };
    binding_key.code == code && binding_key.ctrl == ctrl
}

/// The action a key asks for in `scope`, if any.
pub fn action_for(scope: Scope, event: &KeyEvent) -> Option<Action> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    let bound = BINDINGS
        .iter()
        .filter(|binding| binding.applies(scope))
        .find(|binding| binding.keys.iter().any(|&key| matches(key, event)))
        .map(|binding| binding.action);
    bound.or_else(|| typed_char(scope, event))
}

fn typed_char(scope: Scope, event: &KeyEvent) -> Option<Action> {
    let plain = !event
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    match event.code {
        KeyCode::Char(c) if scope == Typing && plain => Some(Action::InsertChar(c)),
        _ => None,
    }
}

/// The bindings with a status-line hint in `scope`, in table order.
pub fn hints(scope: Scope) -> impl Iterator<Item = &'static Binding> {
    BINDINGS
        .iter()
        .filter(move |binding| binding.scopes.contains(&scope) && binding.hint.is_some())
}

/// The help screen's sections: which scopes each covers, and its heading. A binding is listed
/// under the first section whose scopes it all has; a later section only lists what no
/// earlier, wider section it belongs to has listed.
pub const HELP_SECTIONS: &[(&[Scope], &str)] = &[
    (TEXT, "Reading, and in the passage view"),
    (&[Reading], "Reading only"),
    (&[Passages], "In the passage view (v)"),
    (&[Typing], "Typing after / or f"),
    (VIEWS, "In every view (c K Q R a)"),
    (&[Coverage], "In coverage (c)"),
    (&[Concordance], "In the concordance (K)"),
    (&[Quotes], "In the quotes view (Q)"),
    (&[Reuse], "In the retold passages (R)"),
    (&[Discovery], "In the names to add (a)"),
    (&[Compare], "Side by side (|)"),
    (&[Review], "Reviewing suggestions (S)"),
    (&[Prompt], "Adding a name (after a in names to add)"),
    (&[Help], "In this help"),
    (&[Any], "Anywhere"),
];

/// The bindings the help lists under section `at` of [`HELP_SECTIONS`].
pub fn help_bindings(at: usize) -> impl Iterator<Item = &'static Binding> {
    let covers = |binding: &Binding, scopes: &[Scope]| {
        scopes.iter().all(|scope| binding.scopes.contains(scope))
    };
    let (scopes, _) = HELP_SECTIONS[at];
    BINDINGS.iter().filter(move |binding| {
        covers(binding, scopes)
            && !HELP_SECTIONS[..at].iter().any(|&(earlier, _)| {
                scopes.iter().all(|s| earlier.contains(s)) && covers(binding, earlier)
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn keys_map_to_actions_by_scope() {
        let table = [
            (
                Reading,
                press(KeyCode::Char('j'), KeyModifiers::NONE),
                Some(Action::MoveDown),
            ),
            (
                Reading,
                press(KeyCode::Char('G'), KeyModifiers::SHIFT),
                Some(Action::GoBottom),
            ),
            (
                Reading,
                press(KeyCode::Char('c'), KeyModifiers::CONTROL),
                Some(Action::Quit),
            ),
            (
                Reading,
                press(KeyCode::BackTab, KeyModifiers::SHIFT),
                Some(Action::FocusPrevious),
            ),
            (
                Typing,
                press(KeyCode::Char('j'), KeyModifiers::NONE),
                Some(Action::InsertChar('j')),
            ),
            (
                Typing,
                press(KeyCode::Char('q'), KeyModifiers::NONE),
                Some(Action::InsertChar('q')),
            ),
            (
                Typing,
                press(KeyCode::Char('C'), KeyModifiers::CONTROL),
                Some(Action::Quit),
            ),
            (
                Typing,
                press(KeyCode::Esc, KeyModifiers::NONE),
                Some(Action::CancelInput),
            ),
            (
                Help,
                press(KeyCode::Char('q'), KeyModifiers::NONE),
                Some(Action::ToggleHelp),
            ),
            (Reading, press(KeyCode::Char('x'), KeyModifiers::NONE), None),
        ];
        for (scope, event, expected) in table {
            assert_eq!(action_for(scope, &event), expected, "{scope:?} {event:?}");
        }
    }

    #[test]
    fn the_readme_names_every_key_of_the_table() {
        let readme = include_str!("../../README.md");
        let keys =
            &readme[readme.find("### Keys").unwrap()..readme.find("### Across sources").unwrap()];
        for binding in BINDINGS {
            for key in binding.label.split(' ') {
                // Markdown tables write `|` as `\|`.
                let written = key.replace('|', "\\|");
                assert!(
                    keys.contains(&format!("`{written}`")),
                    "the README lacks `{key}`"
                );
            }
        }
    }

    #[test]
    fn every_binding_is_in_a_help_section() {
        for binding in BINDINGS {
            let listed = (0..HELP_SECTIONS.len())
                .any(|at| help_bindings(at).any(|b| std::ptr::eq(b, binding)));
            assert!(listed, "{} {}", binding.label, binding.help);
        }
    }

    #[test]
    fn no_key_is_bound_twice_in_a_scope() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[i + 1..] {
                let overlap = a.scopes.iter().any(|&s| b.applies(s))
                    || b.scopes.iter().any(|&s| a.applies(s));
                let shared = a.keys.iter().any(|key| b.keys.contains(key));
                assert!(
                    !(overlap && shared),
                    "{} and {} share a key",
                    a.label,
                    b.label
                );
            }
        }
    }
}
