//! The small closed word lists that finding names relies on: capitalised words that are not
//! names, titles, connectors inside names, and the words that tell an entity's kind.

use rustc_hash::FxHashSet;
use std::sync::OnceLock;

/// A word list as a set, built on first use.
struct List {
    words: &'static [&'static str],
    set: OnceLock<Set>,
}

/// The words, and what most words not among them fail at once: their first byte and length.
struct Set {
    words: FxHashSet<&'static str>,
    first_bytes: [bool; 256],
    longest: usize,
}

impl List {
    const fn new(words: &'static [&'static str]) -> Self {
        List {
            words,
            set: OnceLock::new(),
        }
    }

    fn contains(&self, word: &str) -> bool {
        let set = self.set.get_or_init(|| {
            let mut first_bytes = [false; 256];
            for word in self.words {
                if let Some(&first) = word.as_bytes().first() {
                    first_bytes[usize::from(first)] = true;
                }
            }
            Set {
                words: self.words.iter().copied().collect(),
                first_bytes,
                longest: self.words.iter().map(|w| w.len()).max().unwrap_or(0),
            }
        });
        // Every word of the corpus meets several lists: most fail before hashing.
        let first = word.as_bytes().first().map_or(0, |&b| usize::from(b));
        set.first_bytes[first] && word.len() <= set.longest && set.words.contains(word)
    }
}

/// Capitalised words that are never a name or part of one: function words, pronouns, days,
/// months, and words that open sentences.
#[rustfmt::skip]
static NOT_NAMES: List = List::new(&[
    "A", "About", "Above", "According", "Across", "After", "Afterwards", "Again", "Against",
    "Ago", "Ahead", "All", "Almost", "Along", "Already", "Also", "Although", "Always", "Am",
    "Among", "An", "And", "Another", "Any", "Anyone", "Anything", "Apart", "April", "Are",
    "Around", "As", "Asked", "At", "August", "Because", "Been", "Before", "Being", "Below",
    "Besides", "Between", "Beyond", "Both", "But", "By", "Can", "Could", "December", "Despite",
    "Did", "Do", "Does", "Down", "During", "Each", "Earlier", "Either", "Else", "Even", "Ever",
    "Every", "Everyone", "Everything", "Except", "February", "Few", "Finally", "First",
    "Following", "For", "Friday", "From", "Further", "Had", "Has", "Have", "He", "Her", "Here",
    "Hers", "Herself", "Him", "Himself", "His", "How", "However", "I", "If", "In", "Including",
    "Indeed", "Instead", "Into", "Is", "It", "Its", "Itself", "January", "July", "June", "Just",
    "Last", "Late", "Later", "Least", "Less", "Let", "Like", "Many", "March", "May", "Maybe",
    "Me", "Meanwhile", "Might", "Monday", "More", "Moreover", "Most", "Much", "Must", "My",
    "Near", "Neither", "Never", "Nevertheless", "Next", "No", "Nobody", "None", "Nor", "Not",
    "Nothing", "November", "Now", "October", "Of", "Off", "Often", "On", "Once", "One", "Only",
    "Onto", "Or", "Other", "Others", "Otherwise", "Our", "Out", "Over", "Per", "Perhaps",
    "Please", "Rather", "Regardless", "Saturday", "September", "Several", "Shall", "She",
    "Should", "Since", "So", "Some", "Someone", "Something", "Sometimes", "Soon", "Still",
    "Such", "Sunday", "Than", "That", "The", "Their", "Them", "Themselves", "Then", "There",
    "Therefore", "These", "They", "This", "Those", "Though", "Through", "Throughout",
    "Thursday", "Thus", "To", "Today", "Together", "Tomorrow", "Tonight", "Too", "Toward",
    "Towards", "Tuesday", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine",
    "Ten", "Under", "Unless", "Unlike", "Until", "Up", "Upon", "Us", "Very", "Via", "Was", "We",
    "Wednesday", "Well", "Were", "What", "Whatever", "When", "Whenever", "Where", "Whereas",
    "Whether", "Which", "While", "Who", "Whoever", "Whom", "Whose", "Why", "Will", "With",
    "Within", "Without", "Would", "Yes", "Yesterday", "Yet", "You", "Your", "Update", "Updated",
    "Read", "Photo", "Editing", "Reporting", "Writing", "Source", "Sources", "Note", "Click",
    "Subscribe", "Advertisement", "Related", "Watch", "Listen", "Share", "Comment", "Comments",
    "Post", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun",
]);

/// Words that are only ever part of a longer name ("Inc", "Co").
#[rustfmt::skip]
static NAME_PARTS: List = List::new(&[
    "Inc", "Inc.", "Ltd", "Ltd.", "Co", "Co.", "Corp", "Corp.", "Plc", "PLC", "LLC", "AG", "SA",
    "NV", "Bhd", "Jr", "Jr.", "Sr", "Sr.",
]);

/// Titles and roles written before a name ("Prime Minister Benjamin Netanyahu"): not part of
/// the name, and a sign that a person's name follows.
#[rustfmt::skip]
static TITLES: List = List::new(&[
    "Admiral", "Ambassador", "Archbishop", "Assemblyman", "Attorney", "Bishop", "Brig", "Capt",
    "Captain", "Cardinal", "Chairman", "Chairwoman", "Chancellor", "Chief", "Coach", "Col",
    "Colonel", "Commander", "Commissioner", "Congressman", "Congresswoman", "Councillor",
    "Councilman", "Councilwoman", "Deputy", "Detective", "Director", "Dr", "Dr.", "Emir",
    "Envoy", "Father", "Gen", "Gen.", "General", "Gov", "Gov.", "Governor", "Judge", "Justice",
    "King", "Lady", "Leader", "Lieutenant", "Lord", "Lt", "Lt.", "Maj", "Major", "Mayor",
    "Minister", "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Officer", "Pope", "Premier",
    "President", "Presidential", "Press", "Prime", "Prince", "Princess", "Prof", "Prof.",
    "Professor", "Queen", "Rabbi", "Rep", "Rep.", "Representative", "Rev", "Rev.", "Secretary",
    "Sen", "Sen.", "Senator", "Sergeant", "Sgt", "Sgt.", "Sheikh", "Sir", "Sister", "Speaker",
    "Spokesman", "Spokesperson", "Spokeswoman", "Sultan", "Vice", "Sec", "Sec.", "Dame",
    "Saint", "Superintendent", "Treasurer", "Trustee", "Former", "Acting", "Interim", "Foreign",
    "Defence", "Defense", "Finance", "Interior", "Senior", "Special", "Coach",
]);

/// Lowercase words that may stand inside a name between capitalised words ("Port of Valmora",
/// "Ursula von der Leyen").
fn is_connector_word(word: &str) -> bool {
    matches!(
        word,
        "al" | "bin"
            | "ibn"
            | "da"
            | "das"
            | "de"
            | "del"
            | "della"
            | "der"
            | "di"
            | "do"
            | "dos"
            | "du"
            | "la"
            | "le"
            | "van"
            | "von"
            | "y"
            | "of"
            | "&"
    )
}

/// Lowercase particles that may begin a name part joined by a hyphen ("al-Hayya").
#[rustfmt::skip]
static PARTICLES: List = List::new(&[
    "abu", "al", "bin", "ibn", "el", "ul", "ad", "ash", "as", "at", "az",
]);

/// Last words that make a name an organization.
#[rustfmt::skip]
static ORGANIZATION_WORDS: List = List::new(&[
    "Academy", "Agency", "Airlines", "Airways", "Alliance", "Army", "Assembly", "Association",
    "Authority", "Bancorp", "Bank", "Board", "Brigade", "Brigades", "Bureau", "Cabinet",
    "Center", "Centre", "Channel", "Church", "Club", "Co", "Co.", "Coalition", "College",
    "Command", "Commission", "Committee", "Company", "Congress", "Corp", "Corp.", "Corporation",
    "Council", "Court", "Department", "Directorate", "Exchange", "Federation", "Force",
    "Forces", "Foundation", "Front", "Fund", "Government", "Group", "Guard", "Holdings",
    "Hospital", "Inc", "Inc.", "Industries", "Institute", "Journal", "League", "Ltd", "Ltd.",
    "Media", "Ministry", "Motors", "Movement", "Navy", "Network", "News", "Office",
    "Organisation", "Organization", "Parliament", "Partners", "Party", "Police", "Post",
    "Press", "Radio", "Regiment", "Reserve", "School", "Securities", "Senate", "Service",
    "Services", "Society", "Systems", "Team", "Technologies", "Telegraph", "Television",
    "Times", "Tribune", "Union", "House", "United", "University", "Herald", "Gazette", "Jihad",
    "Brotherhood", "Caucus", "Cooperation", "Agency", "Airport", "Monitor", "Nations",
    "Newsroom", "Rovers", "Wanderers", "Athletic", "Olympique", "Sporting",
]);

/// First words that make a name an organization ("Bank of England", "University of Chicago").
#[rustfmt::skip]
static ORGANIZATION_HEADS: List = List::new(&[
    "Bank", "Board", "Church", "College", "Council", "Court", "Department", "Federal",
    "Institute", "Ministry", "National", "Office", "Organization", "Royal", "Supreme",
    "University",
]);

/// Words that make a name a place ("Gaza Strip", "Port of Valmora", "Red Sea").
#[rustfmt::skip]
static PLACE_WORDS: List = List::new(&[
    "Avenue", "Bay", "Beach", "Bridge", "Canal", "Canyon", "Cape", "City", "Coast", "County",
    "Crossing", "Desert", "District", "Gulf", "Harbor", "Harbour", "Heights", "Hill", "Hills",
    "Island", "Islands", "Lake", "Mount", "Mountain", "Mountains", "Ocean", "Park", "Peninsula",
    "Port", "Province", "Region", "River", "Road", "Sea", "Square", "Street", "Strip", "Valley",
    "Village", "Bank", "Plaza", "Camp", "Oval", "Sound", "Straits", "Strait", "Falls", "Fort",
]);

/// Words that make a name something other than a person, organization or place: events,
/// competitions, holidays, laws.
#[rustfmt::skip]
static MISC_WORDS: List = List::new(&[
    "Act", "Award", "Awards", "Championship", "Championships", "Cup", "Festival", "Games",
    "Olympics", "Open", "Prize", "Trophy", "Tour", "War", "Treaty", "Accord", "Accords", "Day",
    "Christmas", "Easter", "Ramadan", "Passover", "Hanukkah", "Eid", "Grand",
]);

/// Words that may stand before "of" inside a name, besides the organization, place and misc
/// words ("Republic of Korea", "House of Commons").
#[rustfmt::skip]
static OF_HEADS: List = List::new(&[
    "Republic", "Kingdom", "Emirate", "Emirates", "State", "States", "Duke", "Duchess", "Isle",
    "Bank", "Times", "Port", "Gulf", "Sea", "Bay", "Cape", "Strait", "Mount", "Lake", "Tower",
    "Church", "House", "Chamber", "Museum", "Order", "Friends", "Sisters", "Brothers", "Sons",
    "Daughters", "Knights", "Secretary", "Minister", "Ministry", "Department", "University",
]);

/// Words that may join a run after a name word and a number ("Channel 13").
#[rustfmt::skip]
static NUMBERED: List = List::new(&[
    "Apollo", "Article", "Building", "Camp", "Channel", "Flight", "Gate", "Highway",
    "Resolution", "Route", "Section", "Station", "Terminal", "Unit", "Formula",
]);

/// Lowercase words before a name that say it is a place.
#[rustfmt::skip]
static PLACE_CUES: List = List::new(&[
    "in", "from", "to", "at", "near", "across", "into", "outside", "inside", "throughout",
    "toward", "towards", "via", "visit", "visited", "capital", "city", "town", "village",
    "northern", "southern", "eastern", "western", "central",
]);

/// Lowercase words after a name that say a person spoke or acted.
#[rustfmt::skip]
static PERSON_VERBS: List = List::new(&[
    "said", "says", "told", "added", "wrote", "asked", "acknowledged", "argued", "insisted",
    "noted", "warned", "urged", "explained", "recalled", "admitted", "replied", "believes",
    "thinks", "who", "himself", "herself",
]);

/// Lowercase role nouns: before a name they describe it ("hostage envoy Adam Boehler"); after
/// a name they make it a group ("Hamas officials").
#[rustfmt::skip]
static ROLE_NOUNS: List = List::new(&[
    "adviser", "advisor", "aide", "ambassador", "analyst", "anchor", "boss", "captain",
    "chairman", "chief", "coach", "columnist", "commander", "correspondent", "councillor",
    "defender", "diplomat", "director", "editor", "envoy", "executive", "expert", "founder",
    "governor", "head", "hostage", "journalist", "judge", "lawmaker", "lawyer", "leader",
    "manager", "mayor", "minister", "negotiator", "official", "officer", "president",
    "prosecutor", "reporter", "researcher", "secretary", "senator", "soldier", "spokesman",
    "spokesperson", "spokeswoman", "striker", "writer", "player", "economist", "premier",
    "scientist", "activist", "candidate", "champion", "chancellor", "commissioner", "deputy",
    "delegate", "dealer", "trader", "owner", "rival", "partner", "confidant", "friend",
]);

/// Lowercase nouns after a person's name used as a modifier ("the Trump administration").
#[rustfmt::skip]
static PERSONAL_NOUNS: List = List::new(&[
    "administration", "presidency", "campaign", "family", "era", "aides", "allies", "camp",
    "doctrine", "loyalists", "supporters", "critics", "himself",
]);

/// Lowercase words after a name that make it a group of people: an organization or a place.
#[rustfmt::skip]
static GROUP_NOUNS: List = List::new(&[
    "officials", "leaders", "members", "spokesman", "spokesperson", "spokeswoman", "forces",
    "troops", "militants", "fighters", "leadership", "official", "member", "shares", "stock",
    "chairman", "executives", "employees",
]);

pub fn is_not_name(word: &str) -> bool {
    NOT_NAMES.contains(word)
}

/// Whether an ASCII word in capitals ("THE") is one of [`is_not_name`]'s words in title case:
/// the same as `is_not_name(&title_case(word))`, without making the title-case copy.
pub fn is_not_name_shouted(word: &str) -> bool {
    static SHOUTED: OnceLock<FxHashSet<String>> = OnceLock::new();
    SHOUTED
        .get_or_init(|| {
            NOT_NAMES
                .words
                .iter()
                .map(|word| word.to_uppercase())
                .filter(|shouted| NOT_NAMES.contains(&title_case(shouted)))
                .collect()
        })
        .contains(word)
}

pub fn is_name_part_only(word: &str) -> bool {
    NAME_PARTS.contains(word)
}

pub fn is_title(word: &str) -> bool {
    TITLES.contains(word)
}

pub fn is_connector(word: &str) -> bool {
    is_connector_word(word)
}

/// Whether `word` is a hyphenated name part led by a particle ("al-Hayya", "bin-Salman").
pub fn is_particle_name(word: &str) -> bool {
    word.split_once(['-', '’', '\''])
        .is_some_and(|(particle, rest)| {
            is_particle(particle) && rest.starts_with(char::is_uppercase)
        })
}

/// Whether `word` is a particle that may lead a hyphenated name part ("al" in "al-Hayya").
pub fn is_particle(word: &str) -> bool {
    PARTICLES.contains(word)
}

pub fn is_organization_word(word: &str) -> bool {
    ORGANIZATION_WORDS.contains(word)
}

pub fn is_organization_head(word: &str) -> bool {
    ORGANIZATION_HEADS.contains(word)
}

pub fn is_place_word(word: &str) -> bool {
    PLACE_WORDS.contains(word)
}

pub fn is_misc_word(word: &str) -> bool {
    MISC_WORDS.contains(word)
}

/// Whether "of" after `word` continues a name ("Port of Valmora", "Times of Israel").
pub fn takes_of(word: &str) -> bool {
    OF_HEADS.contains(word)
        || is_organization_word(word)
        || is_organization_head(word)
        || is_place_word(word)
        || is_misc_word(word)
        || is_title(word)
}

pub fn is_numbered(word: &str) -> bool {
    NUMBERED.contains(word)
}

pub fn is_place_cue(word: &str) -> bool {
    PLACE_CUES.contains(word)
}

pub fn is_person_verb(word: &str) -> bool {
    PERSON_VERBS.contains(word)
}

pub fn is_role_noun(word: &str) -> bool {
    if word.chars().all(char::is_lowercase) {
        return ROLE_NOUNS.contains(word);
    }
    // A short ASCII word is put in lowercase on the stack: this runs beside every name.
    let mut buffer = [0_u8; 32];
    if let Some(lower) = buffer.get_mut(..word.len()).filter(|_| word.is_ascii()) {
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        return std::str::from_utf8(lower).is_ok_and(|lower| ROLE_NOUNS.contains(lower));
    }
    ROLE_NOUNS.contains(&word.to_lowercase())
}

pub fn is_personal_noun(word: &str) -> bool {
    PERSONAL_NOUNS.contains(word)
}

pub fn is_group_noun(word: &str) -> bool {
    GROUP_NOUNS.contains(word)
}

/// The word with its first letter alone in capitals ("LONDON" → "London").
pub fn title_case(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first
            .to_uppercase()
            .chain(chars.flat_map(char::to_lowercase))
            .collect()
    })
}

/// Whether a word is written in capitals only, with at least two letters ("IDF", "NOW").
pub fn is_all_caps(word: &str) -> bool {
    // One pass: this runs on every capitalised word of the corpus.
    let mut letters = 0;
    for c in word.chars() {
        if c.is_lowercase() {
            return false;
        }
        letters += usize::from(c.is_alphabetic());
    }
    letters >= 2
}

/// Whether a word starts with a capital letter.
pub fn is_capitalised(word: &str) -> bool {
    match word.as_bytes().first() {
        Some(byte) if byte.is_ascii() => byte.is_ascii_uppercase(),
        _ => word.chars().next().is_some_and(char::is_uppercase),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quick_tests_agree_with_the_plain_ones() {
        let words = [
            "THE",
            "The",
            "BEYOND",
            "MONDAY",
            "HAMAS",
            "IDF",
            "US",
            "Ü",
            "ÉTAT",
            "A",
            "",
            "the",
            "I’LL",
            "ACCORDING",
            "Zoë",
            "ünter",
            "Élysée",
            "PRESIDENT",
            "President",
            "ENVOY",
            "Envoy",
            "envoy",
            "U.S.",
            "Spokesperson",
            "SPOKESPERSON-ELECT",
        ];
        for word in words {
            if word.is_ascii() && is_all_caps(word) {
                assert_eq!(
                    is_not_name_shouted(word),
                    is_not_name(&title_case(word)),
                    "{word}"
                );
            }
            assert_eq!(
                is_role_noun(word),
                ROLE_NOUNS.words.contains(&word.to_lowercase().as_str()),
                "{word}"
            );
            assert_eq!(
                is_capitalised(word),
                word.chars().next().is_some_and(char::is_uppercase),
                "{word}"
            );
            let caps = word.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && !word.chars().any(char::is_lowercase);
            assert_eq!(is_all_caps(word), caps, "{word}");
            assert_eq!(is_not_name(word), NOT_NAMES.words.contains(&word), "{word}");
        }
        for listed in NOT_NAMES.words {
            assert!(is_not_name(listed), "{listed}");
            let shouted = listed.to_uppercase();
            if shouted.is_ascii() && is_all_caps(&shouted) && title_case(&shouted) == *listed {
                assert!(is_not_name_shouted(&shouted), "{shouted}");
            }
        }
        assert!(is_role_noun("Envoy") && is_role_noun("ENVOY"));
    }
}
