//! The one keymap table: it drives dispatch, the status-line hints and the help screen.

use super::action::{Action, Review as Step};
use crate::gazetteer::Kind;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// Which family of keys applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Reading: the article, the lists.
    Reading,
    /// Typing a search or a filter.
    Typing,
    /// The help screen.
    Help,
    /// An open view: coverage, concordance, names to add.
    Panel,
    /// Choosing how to add a name.
    Prompt,
    /// Reviewing the suggested entities.
    Review,
    /// Every scope.
    Any,
}

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
    pub scope: Scope,
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
    scope: Scope,
    action: Action,
    help: &'static str,
    hint: Option<&'static str>,
) -> Binding {
    Binding {
        keys,
        label,
        scope,
        action,
        help,
        hint,
    }
}

use Scope::{Any, Help, Panel, Prompt, Reading, Review, Typing};

/// Every key of the reader, one binding a line: the keys, how they are written, where they
/// apply, the action, the help screen's description, and the status-line hint.
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    bind(&[key('j'), code(KeyCode::Down)], "j ↓", Reading, Action::MoveDown, "scroll down / next item in a list", None),
    bind(&[key('k'), code(KeyCode::Up)], "k ↑", Reading, Action::MoveUp, "scroll up / previous item in a list", None),
    bind(&[code(KeyCode::PageDown), key(' ')], "PgDn Space", Reading, Action::PageDown, "one page down", None),
    bind(&[code(KeyCode::PageUp)], "PgUp", Reading, Action::PageUp, "one page up", None),
    bind(&[key('g'), code(KeyCode::Home)], "g Home", Reading, Action::GoTop, "to the top", None),
    bind(&[key('G'), code(KeyCode::End)], "G End", Reading, Action::GoBottom, "to the bottom", None),
    bind(&[code(KeyCode::Tab)], "Tab", Reading, Action::FocusNext, "focus the next pane (text, entities, sources)", Some("pane")),
    bind(&[code(KeyCode::BackTab)], "Shift-Tab", Reading, Action::FocusPrevious, "focus the previous pane", None),
    bind(&[key(']')], "]", Reading, Action::NextSource, "next source", Some("source")),
    bind(&[key('[')], "[", Reading, Action::PreviousSource, "previous source", None),
    bind(&[code(KeyCode::Enter)], "Enter", Reading, Action::Activate, "on an entity: select it and jump to its first mention; on a source: read it", None),
    bind(&[key('n')], "n", Reading, Action::NextMention, "next mention of the selected entity, across sources (or next search match)", Some("next")),
    bind(&[key('N')], "N", Reading, Action::PreviousMention, "previous mention (or previous search match)", None),
    bind(&[key('/')], "/", Reading, Action::EnterSearch, "search the text; matches are counted and highlighted", Some("search")),
    bind(&[key('f')], "f", Reading, Action::EnterFilter, "entity filter: type a name or alias, Enter jumps to the first", Some("find entity")),
    bind(&[key('v')], "v", Reading, Action::TogglePassages, "passage view: paragraphs mentioning the selected (or marked) entities, from every source", Some("passages")),
    bind(&[key('m')], "m", Reading, Action::ToggleMark, "mark / unmark the entity for the passage view", None),
    bind(&[key('s')], "s", Reading, Action::CycleSort, "sort the entity list: mentions, name, first appearance", None),
    bind(&[key('P')], "P", Reading, Action::ToggleKind(Kind::Person), "show / hide people", None),
    bind(&[key('O')], "O", Reading, Action::ToggleKind(Kind::Organization), "show / hide organizations", None),
    bind(&[key('L')], "L", Reading, Action::ToggleKind(Kind::Place), "show / hide places", None),
    bind(&[key('M')], "M", Reading, Action::ToggleKind(Kind::Misc), "show / hide misc entities", None),
    bind(&[key('e')], "e", Reading, Action::ToggleEntityPane, "show / hide the entity list", None),
    bind(&[code(KeyCode::Esc)], "Esc", Reading, Action::Dismiss, "stop finding names or searching, leave the passage view, or clear the search", None),
    bind(&[key('c')], "c", Reading, Action::ToggleCoverage, "coverage: entities × sources; Enter on a cell jumps to that entity in that source", Some("coverage")),
    bind(&[key('K')], "K", Reading, Action::ToggleConcordance, "concordance of the selected entity: every mention in context, how each source names it, what it shares paragraphs with", Some("concordance")),
    bind(&[key('Q')], "Q", Reading, Action::ToggleQuotes, "quotes: what the selected entity is quoted saying, by source, and a table of who is quoted by which source; Enter reads a quotation in place", Some("quotes")),
    bind(&[key('R')], "R", Reading, Action::ToggleReuse, "retold passages: which sources retell which, how much, and the retold sentences; Enter reads one in place", Some("retold")),
    bind(&[key('a')], "a", Reading, Action::Add, "names the gazetteer lacks (unlisted names, near-misses); a there adds one", None),
    bind(&[key('S')], "S", Reading, Action::Review(Step::Open), "review the suggested entities (shown dim and underlined): accept, rename, merge, reject", None),
    bind(&[key('?')], "?", Reading, Action::ToggleHelp, "this help", Some("help")),
    bind(&[key('q')], "q", Reading, Action::Quit, "quit", Some("quit")),
    bind(&[key('j'), code(KeyCode::Down)], "j ↓", Panel, Action::MoveDown, "next row", None),
    bind(&[key('k'), code(KeyCode::Up)], "k ↑", Panel, Action::MoveUp, "previous row", None),
    bind(&[key('h'), code(KeyCode::Left)], "h ←", Panel, Action::MoveLeft, "previous source column (coverage); the earlier source of a retold pair", None),
    bind(&[key('l'), code(KeyCode::Right)], "l →", Panel, Action::MoveRight, "next source column (coverage); the later source of a retold pair", None),
    bind(&[code(KeyCode::PageDown), key(' ')], "PgDn Space", Panel, Action::PageDown, "one page down", None),
    bind(&[code(KeyCode::PageUp)], "PgUp", Panel, Action::PageUp, "one page up", None),
    bind(&[key('g'), code(KeyCode::Home)], "g Home", Panel, Action::GoTop, "to the first row", None),
    bind(&[key('G'), code(KeyCode::End)], "G End", Panel, Action::GoBottom, "to the last row", None),
    bind(&[code(KeyCode::Enter)], "Enter", Panel, Action::Activate, "jump there: the cell's first mention, the concordance line, the name's first place, the quotation; on a co-occurring entity, the passages with both; on a speaker, that speaker's quotations", Some("jump")),
    bind(&[code(KeyCode::Tab), code(KeyCode::BackTab)], "Tab", Panel, Action::FocusNext, "concordance: switch between the mentions and the co-occurring entities; quotes: between the quotations and the speakers; retold passages: between the pairs of sources and their sentences", Some("switch list")),
    bind(&[key('c')], "c", Panel, Action::ToggleCoverage, "coverage (c again closes it)", None),
    bind(&[key('K')], "K", Panel, Action::ToggleConcordance, "concordance of the selected entity (K again closes it)", None),
    bind(&[key('Q')], "Q", Panel, Action::ToggleQuotes, "quotes view (Q again closes it)", None),
    bind(&[key('R')], "R", Panel, Action::ToggleReuse, "retold passages (R again closes them)", None),
    bind(&[key('a')], "a", Panel, Action::Add, "add the name under the cursor to your gazetteer (in the list of names the gazetteer lacks)", Some("add")),
    bind(&[key('?')], "?", Panel, Action::ToggleHelp, "this help", None),
    bind(&[code(KeyCode::Esc), key('q')], "Esc q", Panel, Action::ClosePanel, "back to reading", Some("back")),
    bind(&[key('j'), code(KeyCode::Down)], "j ↓", Review, Action::MoveDown, "next suggestion", None),
    bind(&[key('k'), code(KeyCode::Up)], "k ↑", Review, Action::MoveUp, "previous suggestion", None),
    bind(&[code(KeyCode::PageDown), key(' ')], "PgDn Space", Review, Action::PageDown, "one page down", None),
    bind(&[code(KeyCode::PageUp)], "PgUp", Review, Action::PageUp, "one page up", None),
    bind(&[key('g'), code(KeyCode::Home)], "g Home", Review, Action::GoTop, "to the first suggestion", None),
    bind(&[key('G'), code(KeyCode::End)], "G End", Review, Action::GoBottom, "to the last suggestion", None),
    bind(&[code(KeyCode::Enter)], "Enter", Review, Action::Activate, "read the suggestion's first mention (S comes back)", Some("read")),
    bind(&[key('a')], "a", Review, Action::Review(Step::Accept), "accept the suggestion as it is", Some("accept")),
    bind(&[key('A')], "A", Review, Action::Review(Step::AcceptAll), "accept every suggestion listed (all, or all of the kind listed)", Some("accept all")),
    bind(&[key('p')], "p", Review, Action::Review(Step::AcceptAs(Kind::Person)), "accept as a person", None),
    bind(&[key('o')], "o", Review, Action::Review(Step::AcceptAs(Kind::Organization)), "accept as an organization", None),
    bind(&[key('l')], "l", Review, Action::Review(Step::AcceptAs(Kind::Place)), "accept as a place", None),
    bind(&[key('m')], "m", Review, Action::Review(Step::AcceptAs(Kind::Misc)), "accept as a misc entity", None),
    bind(&[key('P')], "P", Review, Action::Review(Step::Only(Kind::Person)), "list only people (again: every kind)", Some("people")),
    bind(&[key('O')], "O", Review, Action::Review(Step::Only(Kind::Organization)), "list only organizations (again: every kind)", None),
    bind(&[key('L')], "L", Review, Action::Review(Step::Only(Kind::Place)), "list only places (again: every kind)", None),
    bind(&[key('M')], "M", Review, Action::Review(Step::Only(Kind::Misc)), "list only misc entities (again: every kind)", None),
    bind(&[key('r')], "r", Review, Action::Review(Step::Rename), "rename: edit the name, Enter accepts it under the new name (the old one stays an alias)", Some("rename")),
    bind(&[key('=')], "=", Review, Action::Review(Step::Merge), "merge into another entity: type its name, Enter makes every form of the suggestion its alias", Some("merge")),
    bind(&[key('x')], "x", Review, Action::Review(Step::Reject), "reject: its names are never suggested again", Some("reject")),
    bind(&[key('?')], "?", Review, Action::ToggleHelp, "this help", None),
    bind(&[code(KeyCode::Esc), key('q'), key('S')], "Esc q S", Review, Action::ClosePanel, "back to reading", Some("back")),
    bind(&[key('p')], "p", Prompt, Action::AddEntity(Kind::Person), "add as a new person", Some("person")),
    bind(&[key('o')], "o", Prompt, Action::AddEntity(Kind::Organization), "add as a new organization", Some("organization")),
    bind(&[key('l')], "l", Prompt, Action::AddEntity(Kind::Place), "add as a new place", Some("place")),
    bind(&[key('m')], "m", Prompt, Action::AddEntity(Kind::Misc), "add as a new misc entity", Some("misc")),
    bind(&[key('s')], "s", Prompt, Action::AddAliasOfSelected, "add as an alias of the selected entity", Some("alias of selected")),
    bind(&[key('n')], "n", Prompt, Action::AddAliasOfNear, "add as an alias of the entity it nearly matches (near-misses)", Some("alias of near match")),
    bind(&[code(KeyCode::Esc)], "Esc", Prompt, Action::CancelInput, "add nothing", Some("cancel")),
    bind(&[code(KeyCode::Enter)], "Enter", Typing, Action::ConfirmInput, "search / jump to the first entity that matches", Some("go")),
    bind(&[code(KeyCode::Esc)], "Esc", Typing, Action::CancelInput, "stop typing", Some("cancel")),
    bind(&[code(KeyCode::Backspace)], "Backspace", Typing, Action::DeleteChar, "delete the last character", None),
    bind(&[key('j'), code(KeyCode::Down), key(' ')], "j ↓ Space", Help, Action::MoveDown, "scroll the help", None),
    bind(&[key('k'), code(KeyCode::Up)], "k ↑", Help, Action::MoveUp, "scroll the help", None),
    bind(&[key('?'), key('q'), code(KeyCode::Esc)], "? q Esc", Help, Action::ToggleHelp, "close the help", Some("close")),
    bind(&[ctrl('c')], "Ctrl-C", Any, Action::Quit, "quit", None),
    bind(&[ctrl('z')], "Ctrl-Z", Any, Action::Suspend, "suspend to the shell (fg resumes)", None),
];

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
        .filter(|binding| binding.scope == scope || binding.scope == Any)
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

/// The status-line hints for `scope`, as `(keys, what)`.
pub fn hints(scope: Scope) -> impl Iterator<Item = (&'static str, &'static str)> {
    BINDINGS
        .iter()
        .filter(move |binding| binding.scope == scope)
        .filter_map(|binding| binding.hint.map(|hint| (binding.label, hint)))
}

/// The bindings of `scope`, for the help screen.
pub fn bindings(scope: Scope) -> impl Iterator<Item = &'static Binding> {
    BINDINGS
        .iter()
        .filter(move |binding| binding.scope == scope)
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
    fn no_key_is_bound_twice_in_a_scope() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[i + 1..] {
                let overlap = a.scope == b.scope || a.scope == Any || b.scope == Any;
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
