//! What the reader can be asked to do, named by the user's intent.
//!
//! Keys and mouse events become an [`Action`] (see [`super::keymap`]); only
//! [`super::App::update`] turns actions into changes of state.

use crate::gazetteer::Kind;

/// One request to the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Leave the reader.
    Quit,
    /// Suspend to the shell (Ctrl-Z).
    Suspend,
    /// Scroll the text down one row, or move down in the focused list.
    MoveDown,
    /// Scroll the text up one row, or move up in the focused list.
    MoveUp,
    /// One page down.
    PageDown,
    /// One page up.
    PageUp,
    /// Half a page down.
    HalfPageDown,
    /// Half a page up.
    HalfPageUp,
    /// To the top.
    GoTop,
    /// To the bottom.
    GoBottom,
    /// Focus the next pane.
    FocusNext,
    /// Focus the previous pane.
    FocusPrevious,
    /// Show the next source.
    NextSource,
    /// Show the previous source.
    PreviousSource,
    /// Enter on the focused pane: select the entity under the cursor and jump to it.
    Activate,
    /// The next mention of the selected entity (or search match), across sources.
    NextMention,
    /// The previous mention of the selected entity (or search match), across sources.
    PreviousMention,
    /// Start typing a search.
    EnterSearch,
    /// Start typing an entity filter.
    EnterFilter,
    /// Switch between the article and the passage view.
    TogglePassages,
    /// In the passage view: paragraphs with any of the entities, or with all of them.
    ToggleTogether,
    /// Back to where the last jump left.
    JumpBack,
    /// `'`: typed twice, back to where the last jump left, and typed twice again, back
    /// to where that went from (as `''` in less and vim).
    JumpQuote,
    /// Forward again along the jump list, after [`Action::JumpBack`].
    JumpForward,
    /// Mark or unmark the entity under the cursor (or the selected one).
    ToggleMark,
    /// Show or hide one kind of entity.
    ToggleKind(Kind),
    /// Cycle the entity list's order.
    CycleSort,
    /// Show or hide the entity list (narrow terminals).
    ToggleEntityPane,
    /// Open or close the help.
    ToggleHelp,
    /// Esc while reading: close the passage view, or clear the search.
    Dismiss,
    /// Open (or close) the coverage: entities × sources.
    ToggleCoverage,
    /// Open (or close) the concordance of the selected entity, with its naming and the
    /// entities it shares paragraphs with.
    ToggleConcordance,
    /// Open (or close) the quotes view: what the selected entity is quoted saying, and who is
    /// quoted by which source.
    ToggleQuotes,
    /// Open (or close) the reuse view: which sources retell which, and the retold sentences.
    ToggleReuse,
    /// Set two sources side by side (or leave the side by side view): from reading, mentions
    /// of the selected entity; from the retold passages, the retold pair under the cursor.
    ToggleCompare,
    /// Open the names the gazetteer lacks; in that list, add the one under the cursor.
    Add,
    /// One column left (coverage).
    MoveLeft,
    /// One column right (coverage).
    MoveRight,
    /// Close the open view, back to reading.
    ClosePanel,
    /// Add the chosen name as a new entity of this kind.
    AddEntity(Kind),
    /// Add the chosen name as an alias of the selected entity.
    AddAliasOfSelected,
    /// Add the chosen name as an alias of the entity it nearly matches.
    AddAliasOfNear,
    /// A step in the review of suggested entities.
    Review(Review),
    /// Typed a character into the search or filter.
    InsertChar(char),
    /// Deleted the last typed character.
    DeleteChar,
    /// Enter while typing.
    ConfirmInput,
    /// Esc while typing.
    CancelInput,
    /// The terminal has a new size.
    Resize {
        /// Columns.
        width: u16,
        /// Rows.
        height: u16,
    },
    /// A left click.
    Click {
        /// Column of the click.
        column: u16,
        /// Row of the click.
        row: u16,
    },
    /// The mouse wheel.
    Wheel {
        /// Column of the pointer.
        column: u16,
        /// Row of the pointer.
        row: u16,
        /// Whether it turned towards the end.
        down: bool,
    },
}

/// A step in the review of suggested entities.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Review {
    /// Open (or close) the review.
    Open,
    /// Accept the suggestion under the cursor.
    Accept,
    /// Accept every suggestion listed (all, or all of the one kind listed).
    AcceptAll,
    /// Accept the suggestion under the cursor as this kind.
    AcceptAs(Kind),
    /// List only this kind (again: every kind).
    Only(Kind),
    /// Edit the suggestion's name, then accept it under the new name.
    Rename,
    /// Merge the suggestion into another entity, named by typing.
    Merge,
    /// Reject the suggestion: its names are never suggested again.
    Reject,
}

/// What the event loop should do after an update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Control {
    /// Keep reading.
    Continue,
    /// Restore the terminal and exit.
    Quit,
    /// Restore the terminal, stop until resumed, then repaint.
    Suspend,
}
