//! The words that attribute a quotation: speech verbs, pronouns, roles ("official",
//! "sources"), and the small words that may stand in a speaker's phrase.

/// How a speech verb takes its speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verb {
    /// "said", "told": the speaker is the phrase before it (or after it: "said Trump").
    Finite,
    /// "saying", "telling": the speaker is the sentence's subject ("X …, saying"), or the
    /// phrase in "with X saying" and "X as saying".
    Participle,
}

/// The speech verbs, as written in news.
const FINITE: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "tell",
    "added",
    "adds",
    "continued",
    "continues",
    "responded",
    "replied",
    "answered",
    "wrote",
    "writes",
    "posted",
    "tweeted",
    "stated",
    "states",
    "declared",
    "warned",
    "warns",
    "noted",
    "notes",
    "insisted",
    "insists",
    "stressed",
    "emphasized",
    "emphasised",
    "argued",
    "argues",
    "claimed",
    "claims",
    "charged",
    "explained",
    "acknowledged",
    "admitted",
    "asked",
    "demanded",
    "threatened",
    "described",
    "announced",
    "commented",
    "recalled",
    "remarked",
    "conceded",
    "vowed",
    "promised",
    "cautioned",
    "predicted",
    "suggested",
    "concluded",
    "quipped",
    "testified",
    "pleaded",
    "shouted",
    "boasted",
    "complained",
    "observed",
    "reported",
    "confirmed",
    "countered",
    "added",
    "assured",
    "recounted",
    "maintained",
];

const PARTICIPLE: &[&str] = &[
    "saying",
    "telling",
    "adding",
    "writing",
    "noting",
    "insisting",
    "warning",
    "declaring",
    "stressing",
    "emphasizing",
    "arguing",
    "claiming",
    "threatening",
    "describing",
    "stating",
    "explaining",
    "asking",
    "demanding",
    "responding",
    "replying",
    "posting",
    "tweeting",
    "vowing",
    "promising",
    "acknowledging",
    "admitting",
    "calling",
    "charging",
    "recalling",
];

/// The speech verb `word` is, if any (letter case ignored).
pub fn verb(word: &str) -> Option<Verb> {
    let lower = word.to_lowercase();
    if FINITE.contains(&lower.as_str()) {
        Some(Verb::Finite)
    } else if PARTICIPLE.contains(&lower.as_str()) {
        Some(Verb::Participle)
    } else {
        None
    }
}

/// Words that refer back to a person.
pub fn is_pronoun(word: &str) -> bool {
    matches!(word, "he" | "He" | "she" | "She")
}

/// Pronouns that name no one in particular for our purpose ("they said", "I said").
pub fn is_other_pronoun(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "they" | "we" | "i" | "you" | "it"
    )
}

/// Nouns that head a phrase naming a speaker without naming a person.
pub fn is_role(word: &str) -> bool {
    const ROLES: &[&str] = &[
        "official",
        "source",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "spokespeople",
        "adviser",
        "advisor",
        "aide",
        "diplomat",
        "representative",
        "envoy",
        "minister",
        "officer",
        "analyst",
        "expert",
        "negotiator",
        "member",
        "leader",
        "lawmaker",
        "statement",
        "office",
        "person",
        "people",
        "insider",
        "staffer",
        "secretary",
        "ambassador",
        "mediator",
        "witness",
        "resident",
        "commander",
        "correspondent",
        "reporter",
        "family",
        "relative",
        "counterpart",
        "ministry",
        "agency",
        "government",
        "administration",
        "president",
        "spokesmen",
        "families",
        "witnesses",
        "activist",
        "negotiators",
        "officials",
        "sources",
        "advisers",
        "advisors",
        "aides",
        "diplomats",
        "representatives",
        "envoys",
        "ministers",
        "officers",
        "analysts",
        "experts",
        "members",
        "leaders",
        "lawmakers",
        "insiders",
        "staffers",
        "ambassadors",
        "mediators",
        "residents",
        "commanders",
        "reporters",
        "relatives",
        "activists",
        "statements",
    ];
    ROLES.contains(&word.to_lowercase().as_str())
}

/// Lower-case words that can stand in a speaker's phrase before its head.
pub fn is_modifier(word: &str) -> bool {
    const MODIFIERS: &[&str] = &[
        "a",
        "an",
        "the",
        "one",
        "two",
        "three",
        "four",
        "both",
        "several",
        "some",
        "another",
        "many",
        "other",
        "multiple",
        "his",
        "her",
        "its",
        "their",
        "former",
        "senior",
        "top",
        "unnamed",
        "anonymous",
        "chief",
        "deputy",
        "press",
        "foreign",
        "military",
        "security",
        "government",
        "administration",
        "local",
        "regional",
        "state",
        "special",
        "presidential",
        "hostage",
        "ceasefire",
        "defense",
        "intelligence",
        "health",
        "health-ministry",
        "of",
        "for",
        "white",
        "house",
        "prime",
        "minister’s",
        "minister's",
        "campaign",
        "police",
        "army",
        "israeli",
        "american",
        "palestinian",
        "arab",
        "egyptian",
        "qatari",
        "western",
    ];
    MODIFIERS.contains(&word.to_lowercase().as_str())
}

/// Words that open a sentence without belonging to its subject ("While an official said").
pub fn is_opener(word: &str) -> bool {
    const OPENERS: &[&str] = &[
        "while",
        "when",
        "but",
        "and",
        "as",
        "then",
        "meanwhile",
        "however",
        "still",
        "yet",
        "after",
        "before",
        "since",
        "although",
        "though",
        "so",
        "if",
        "because",
        "whereas",
        "also",
        "instead",
        "later",
        "earlier",
        "now",
        "update",
    ];
    OPENERS.contains(&word.to_lowercase().as_str())
}

/// Words between a subject and its verb: "Witkoff also said", "Trump has said".
pub fn is_adverb(word: &str) -> bool {
    const ADVERBS: &[&str] = &[
        "also",
        "later",
        "then",
        "again",
        "himself",
        "herself",
        "itself",
        "themselves",
        "has",
        "have",
        "had",
        "would",
        "once",
        "further",
        "previously",
        "earlier",
        "simply",
        "only",
        "just",
        "had",
        "separately",
        "initially",
        "first",
        "finally",
        "today",
        "yesterday",
    ];
    let lower = word.to_lowercase();
    ADVERBS.contains(&lower.as_str()) || (lower.len() > 4 && lower.ends_with("ly"))
}

pub fn capitalized(word: &str) -> bool {
    word.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_numeric())
}

/// Whether `word` can be part of a phrase naming a speaker.
pub fn in_phrase(word: &str) -> bool {
    (capitalized(word) && !is_opener(word) && verb(word).is_none())
        || is_modifier(word)
        || is_role(word)
}
