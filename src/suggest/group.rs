//! From written forms to entities: ordinary and shouted words left out, the forms of one
//! referent joined (a surname and the full name, an acronym and its expansion, "U.S." and
//! "United States", "LONDON" and "London"), and one kind for each, from the corpus as a whole.

use super::reference::{Reference, reference};
use super::scan::{Found, MISC, ORGANIZATION, PERSON, PLACE, Stats, Votes, WordCounts};
use super::words;
use crate::gazetteer::Kind;
use rustc_hash::{FxHashMap, FxHashSet};

/// A suggested entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// The fullest form the corpus uses.
    pub name: String,
    /// What it is.
    pub kind: Kind,
    /// Every other form the corpus uses for it.
    pub aliases: Vec<String>,
    /// The descriptor of an early mention ("US hostage envoy").
    pub description: Option<String>,
    /// How often its forms occur.
    pub mentions: u32,
}

/// One written form, kept.
struct Form<'t> {
    text: &'t str,
    stats: Stats,
    /// Seen only where any word is capitalised: kept only if it joins another form.
    weak: bool,
}

/// The entities the forms in `found` name.
pub fn entities(found: &Found<'_>) -> Vec<Suggestion> {
    let lists = reference();
    let forms = kept_forms(&found.names, &found.lowercase, lists);
    let mut groups = Groups::new(forms.len());
    let position: FxHashMap<&str, usize> = forms
        .iter()
        .enumerate()
        .map(|(at, f)| (f.text, at))
        .collect();
    join_countries(&forms, lists, &mut groups);
    join_variants(&forms, &position, &mut groups);
    join_acronyms(&forms, &position, lists, &mut groups);
    let parts_of_people = join_short_forms(&forms, lists, &mut groups);
    let mut members: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    for at in 0..forms.len() {
        members.entry(groups.root(at)).or_default().push(at);
    }
    let mut suggestions: Vec<Suggestion> = members
        .into_values()
        .filter(|group| group.len() > 1 || !forms[group[0]].weak)
        .map(|group| {
            let part_of_person = group.iter().any(|at| parts_of_people.contains(at));
            suggestion(&forms, &group, part_of_person, lists)
        })
        .collect();
    suggestions.sort_by(|a, b| {
        b.mentions
            .cmp(&a.mentions)
            .then_with(|| a.name.cmp(&b.name))
    });
    suggestions
}

/// The forms worth keeping: no demonyms, no shouted words, no ordinary words that are
/// capitalised only because they open a sentence or stand in a headline.
fn kept_forms<'t>(
    names: &FxHashMap<&'t str, Stats>,
    lowercase: &WordCounts,
    lists: &Reference,
) -> Vec<Form<'t>> {
    let lowercase_count = |word: &str| lowercase.get(&word.to_lowercase());
    let ordinary = |word: &str| lowercase_count(word) > 0;
    // A listed place that is also an ordinary word ("Time", "Split") needs more than the list.
    let place = |text: &str| {
        let listed =
            |text: &str| lists.country(text).is_some() || lists.is_place(text) && !ordinary(text);
        listed(text) || is_shouted(text) && listed(&title_case_all(text))
    };
    let known = |text: &str| names.contains_key(text) || lists.is_place(text);
    let mut pending: Vec<(&str, Stats)> = Vec::with_capacity(names.len());
    for (&text, stats) in names {
        match compound_parts(text, &known, lists) {
            Some(parts) => pending.extend(parts.into_iter().map(|part| (part, stats.clone()))),
            None => pending.push((text, stats.clone())),
        }
    }
    let mut kept: FxHashMap<&str, Form<'t>> = FxHashMap::default();
    while let Some((text, stats)) = pending.pop() {
        if lists.is_demonym(text) || text.chars().filter(|c| c.is_alphabetic()).count() < 2 {
            continue;
        }
        if is_shouted(text) {
            let acronym = is_acronym(text)
                && !ordinary(text)
                && !words::is_not_name(&words::title_case(text))
                && stats.shouted < stats.count;
            if !(place(text) || acronym) {
                // "ENGLAND V PAKISTAN": the places in a shouted run still count.
                if text.contains(' ') {
                    pending.extend(text.split(' ').map(|word| (word, stats.clone())));
                }
                continue;
            }
        }
        if let Some(rest) = without_ordinary_ends(text, &stats, &ordinary, &place, lists) {
            if !rest.is_empty() {
                pending.push((rest, stats));
            }
            continue;
        }
        let single = !text.contains(' ');
        if single && words::is_name_part_only(text) {
            continue;
        }
        let mid_sentence = stats.count - stats.initial;
        let common_word = single
            && !place(text)
            && !words::is_all_caps(text)
            && lowercase_count(text) >= mid_sentence.max(1);
        if common_word {
            continue;
        }
        let weak = stats.initial == stats.count && single && !place(text);
        let form = kept.entry(text).or_insert(Form {
            text,
            stats: Stats::default(),
            weak,
        });
        form.weak &= weak;
        form.stats.merge(stats);
    }
    let mut forms: Vec<Form<'t>> = kept.into_values().collect();
    forms.sort_by(|a, b| a.text.cmp(b.text));
    forms
}

/// "US-Hamas", "Middle East Steve Witkoff": two names the corpus also uses apart.
fn compound_parts<'t>(
    text: &'t str,
    known: &dyn Fn(&str) -> bool,
    lists: &Reference,
) -> Option<Vec<&'t str>> {
    if let Some((left, right)) = text.split_once('-') {
        let capitalised = |part: &str| words::is_capitalised(part) && part.chars().count() > 1;
        if !text.contains(' ')
            && capitalised(left)
            && capitalised(right)
            && known(left)
            && known(right)
        {
            return Some(vec![left, right]);
        }
    }
    let spaces: Vec<usize> = text.match_indices(' ').map(|(at, _)| at).collect();
    spaces.iter().find_map(|&at| {
        let (left, right) = (&text[..at], &text[at + 1..]);
        let joined = words::is_connector(left.rsplit(' ').next().unwrap_or(""))
            || words::is_connector(right.split(' ').next().unwrap_or(""));
        let person = right
            .split(' ')
            .next()
            .is_some_and(|first| lists.is_given_name(first));
        (!joined && lists.is_place(left) && known(right) && right.contains(' ') && person)
            .then(|| vec![left, right])
    })
}

/// A form seen only where every word is capitalised, less the ordinary words at its ends
/// ("Secret Talks" → nothing, "Hamas Responses" → "Hamas"); `None` when nothing is cut.
fn without_ordinary_ends<'t>(
    text: &'t str,
    stats: &Stats,
    ordinary: &dyn Fn(&str) -> bool,
    place: &dyn Fn(&str) -> bool,
    lists: &Reference,
) -> Option<&'t str> {
    if stats.initial < stats.count || place(text) {
        return trailing_demonym(text, lists);
    }
    let mut rest = text;
    if let Some((first, after)) = rest.split_once(' ') {
        if ordinary(first) {
            rest = after;
        }
    } else if ordinary(rest) {
        return Some("");
    }
    if stats.headline == stats.count {
        while let Some((before, last)) = rest.rsplit_once(' ') {
            if !ordinary(last) {
                break;
            }
            rest = before;
        }
    }
    let rest = rest.trim_start_matches(|c: char| !c.is_uppercase());
    if rest.len() == text.len() {
        trailing_demonym(text, lists)
    } else {
        Some(rest)
    }
}

/// "Prioritizing Americans" → "Prioritizing": a people at the end is not part of a name.
fn trailing_demonym<'t>(text: &'t str, lists: &Reference) -> Option<&'t str> {
    let (before, last) = text.rsplit_once(' ')?;
    (lists.is_demonym(last) && last.ends_with('s')).then_some(before)
}

fn is_shouted(text: &str) -> bool {
    !text.chars().any(char::is_lowercase) && text.chars().filter(|c| c.is_alphabetic()).count() >= 2
}

fn is_acronym(text: &str) -> bool {
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    !text.contains(' ') && (2..=5).contains(&letters)
}

fn title_case_all(text: &str) -> String {
    text.split(' ')
        .map(|word| {
            if words::is_connector(&word.to_lowercase()) {
                word.to_lowercase()
            } else {
                words::title_case(word)
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Union-find over forms.
struct Groups {
    parent: Vec<usize>,
}

impl Groups {
    fn new(size: usize) -> Self {
        Groups {
            parent: (0..size).collect(),
        }
    }

    fn root(&mut self, mut at: usize) -> usize {
        while self.parent[at] != at {
            self.parent[at] = self.parent[self.parent[at]];
            at = self.parent[at];
        }
        at
    }

    fn join(&mut self, a: usize, b: usize) {
        let (a, b) = (self.root(a), self.root(b));
        if a != b {
            self.parent[b] = a;
        }
    }
}

/// "US", "U.S." and "United States" are one country.
fn join_countries(forms: &[Form<'_>], lists: &Reference, groups: &mut Groups) {
    let mut seen: FxHashMap<&str, usize> = FxHashMap::default();
    for (at, form) in forms.iter().enumerate() {
        if let Some(country) = lists.country(form.text) {
            match seen.get(country) {
                Some(&other) => groups.join(other, at),
                None => {
                    seen.insert(country, at);
                }
            }
        }
    }
}

/// "LONDON" and "London"; "U.N." and "UN".
fn join_variants(forms: &[Form<'_>], position: &FxHashMap<&str, usize>, groups: &mut Groups) {
    for (at, form) in forms.iter().enumerate() {
        if is_shouted(form.text)
            && let Some(&other) = position.get(title_case_all(form.text).as_str())
        {
            groups.join(other, at);
        }
        if form.text.contains('.') {
            let plain: String = form.text.chars().filter(|&c| c != '.').collect();
            if let Some(&other) = position.get(plain.as_str()) {
                groups.join(other, at);
            }
        }
    }
}

/// An acronym and its expansion: given in brackets, or the only name whose capitalised words
/// start with its letters.
fn join_acronyms(
    forms: &[Form<'_>],
    position: &FxHashMap<&str, usize>,
    lists: &Reference,
    groups: &mut Groups,
) {
    let mut by_initials: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    for (at, form) in forms.iter().enumerate() {
        if let Some(acronym) = &form.stats.acronym {
            let fits = is_subsequence(&letters(acronym), &initials(form.text));
            if let Some(&other) = position.get(acronym.as_str()).filter(|_| fits) {
                groups.join(at, other);
            }
        }
        if form.text.contains(' ') && !looks_like_person(form, lists) {
            by_initials.entry(initials(form.text)).or_default().push(at);
        }
    }
    for (at, form) in forms.iter().enumerate() {
        let letters = letters(form.text);
        if is_acronym(form.text)
            && words::is_all_caps(form.text)
            && letters.len() >= 3
            && let Some([only]) = by_initials.get(&letters).map(Vec::as_slice)
        {
            groups.join(*only, at);
        }
    }
}

fn letters(text: &str) -> String {
    text.chars().filter(|c| c.is_alphabetic()).collect()
}

/// Whether the letters of `short` appear in `long` in order, the first matching the first:
/// "NFU" in "WNFU" (Welsh National Farmers Union).
fn is_subsequence(short: &str, long: &str) -> bool {
    let mut rest = long.chars();
    short.len() >= 2 && short.chars().all(|c| rest.any(|l| l == c))
}

/// The first letters of a name's capitalised words: "Prime Minister’s Office" → "PMO".
fn initials(text: &str) -> String {
    text.split([' ', '-'])
        .filter_map(|word| word.chars().next().filter(|c| c.is_uppercase()))
        .collect()
}

/// A surname or given name used alone joins the one person named in full with it, when the
/// full name is written within a sentence somewhere and the short form is not used as an
/// organization's or a place's name.
fn join_short_forms(
    forms: &[Form<'_>],
    lists: &Reference,
    groups: &mut Groups,
) -> FxHashSet<usize> {
    let mut parts_of_people = FxHashSet::default();
    let mut by_part: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (at, form) in forms.iter().enumerate() {
        let parts: Vec<&str> = form.text.split(' ').collect();
        if parts.len() < 2 || parts.len() > 4 || !looks_like_person(form, lists) {
            continue;
        }
        for part in [parts[0], parts[parts.len() - 1]] {
            let list = by_part.entry(part).or_default();
            if !list.contains(&at) {
                list.push(at);
            }
        }
    }
    let mut sizes: FxHashMap<usize, usize> = FxHashMap::default();
    for at in 0..forms.len() {
        *sizes.entry(groups.root(at)).or_default() += 1;
    }
    for (at, form) in forms.iter().enumerate() {
        let Some(people) = by_part.get(form.text) else {
            continue;
        };
        if sizes.get(&groups.root(at)).copied().unwrap_or(1) > 1 {
            continue;
        }
        let votes = form.stats.votes;
        let elsewhere = votes[ORGANIZATION] > votes[PERSON] || lists.country(form.text).is_some();
        // A full name seen only where every word is capitalised ("‘Shalom Hamas’") does not
        // take a short form used far more often on its own.
        let people: Vec<usize> = people
            .iter()
            .copied()
            .filter(|&person| {
                let full = &forms[person].stats;
                full.initial < full.count || form.stats.count <= 3 * full.count
            })
            .collect();
        let roots: FxHashSet<usize> = people.iter().map(|&person| groups.root(person)).collect();
        let main = people
            .iter()
            .copied()
            .max_by_key(|&person| forms[person].stats.count);
        let others: u32 = people.iter().map(|&person| forms[person].stats.count).sum();
        let dominant = main.filter(|&person| forms[person].stats.count * 4 >= others * 3);
        if let Some(person) = dominant.filter(|_| !elsewhere && !form.text.contains(' ')) {
            groups.join(person, at);
        } else if roots.len() > 1 && !elsewhere {
            parts_of_people.insert(at);
        }
    }
    parts_of_people
}

/// Whether a full name reads as a person's: a given name first, or a title or role before
/// it, and no word that makes it an organization or a place.
fn looks_like_person(form: &Form<'_>, lists: &Reference) -> bool {
    let scores = intrinsic(form.text, lists);
    let context = context_scores(&form.stats);
    let best = best_kind(&add(scores, context));
    best == PERSON
}

fn add(a: Votes, b: Votes) -> Votes {
    [a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3]]
}

/// Context votes as a share of the mentions, so that frequency alone decides nothing; a
/// title before a name ("President Clinton") weighs most.
fn context_scores(stats: &Stats) -> Votes {
    let count = i32::try_from(stats.count.max(1)).unwrap_or(i32::MAX);
    let titled = i32::try_from(stats.titled).unwrap_or(i32::MAX);
    let mut scores = stats.votes.map(|vote| vote * 8 / count);
    scores[PERSON] += titled.saturating_mul(24) / count;
    scores
}

/// What the words of a name say about its kind (in eighths, like the context's share).
fn intrinsic(text: &str, lists: &Reference) -> Votes {
    let mut votes = [0; 4];
    let parts: Vec<&str> = text.split(' ').collect();
    let first = parts[0];
    // "Channel 13": the word before a number says what it is.
    let last = match parts.len() {
        2.. if parts[parts.len() - 1].chars().all(|c| c.is_ascii_digit()) => parts[parts.len() - 2],
        _ => parts[parts.len() - 1],
    };
    if lists.country(text).is_some() {
        votes[PLACE] += 40;
    } else if lists.is_place(text) || lists.is_place(&title_case_all(text)) {
        votes[PLACE] += 12;
    }
    if words::is_organization_word(last) {
        votes[ORGANIZATION] += 16;
    }
    if words::is_organization_head(first) && parts.len() > 1 {
        votes[ORGANIZATION] += 10;
    }
    if words::is_place_word(last) || words::is_place_word(first) && parts.len() > 1 {
        votes[PLACE] += 14;
    }
    if words::is_misc_word(last) {
        votes[MISC] += 14;
    }
    if parts.len() == 1 && words::is_all_caps(text) {
        votes[ORGANIZATION] += 6;
    }
    // "Bayern Munich", "Ajax Amsterdam": a place's name closing a longer name that is no
    // place and starts with no given name is a club's or a firm's.
    if parts.len() > 1
        && votes[PLACE] == 0
        && lists.is_place(last)
        && !lists.is_given_name(first)
        && !words::is_place_word(first)
    {
        votes[ORGANIZATION] += 6;
    }
    let marked = votes.iter().any(|&vote| vote > 0);
    let plain = parts
        .iter()
        .all(|p| words::is_capitalised(p) || words::is_particle_name(p))
        && parts.iter().all(|p| !words::is_all_caps(p));
    if !marked && parts.len() > 1 && plain && lists.is_given_name(first) {
        votes[PERSON] += 12;
    }
    if !marked && parts.len() > 1 && parts.len() <= 3 && plain {
        votes[PERSON] += 4;
    }
    if parts.iter().any(|p| words::is_particle_name(p)) {
        votes[PERSON] += 6;
    }
    if !marked && parts.len() == 1 && lists.is_given_name(text) {
        votes[PERSON] += 4;
    }
    if parts.len() == 1 {
        votes[ORGANIZATION] += 2;
    }
    if parts.contains(&"of") || parts.contains(&"and") || parts.contains(&"&") {
        votes[ORGANIZATION] += 3;
        votes[PLACE] += 2;
        votes[PERSON] -= 8;
    }
    votes
}

/// The kind with the most evidence (ties: person, organization, place, misc).
fn best_kind(votes: &Votes) -> usize {
    let mut best = 0;
    for kind in 1..4 {
        if votes[kind] > votes[best] {
            best = kind;
        }
    }
    best
}

/// The entity a group of forms names.
fn suggestion(
    forms: &[Form<'_>],
    group: &[usize],
    part_of_person: bool,
    lists: &Reference,
) -> Suggestion {
    let fullest = *group
        .iter()
        .max_by(|&&a, &&b| {
            let key = |at: usize| {
                let form = &forms[at];
                (
                    !words::is_all_caps(form.text.split(' ').next().unwrap_or("")),
                    form.text.split(' ').count(),
                    form.stats.count,
                    std::cmp::Reverse(form.text),
                )
            };
            key(a).cmp(&key(b))
        })
        .expect("a group has a form");
    let mut votes = [0; 4];
    let mut stats = Stats::default();
    for &at in group {
        stats.merge(forms[at].stats.clone());
    }
    for (vote, more) in votes.iter_mut().zip(intrinsic(forms[fullest].text, lists)) {
        *vote += more;
    }
    // A surname or given name used alone: a person (an acronym used alone is not).
    let short_forms = forms[fullest].text.contains(' ')
        && group.iter().any(|&at| {
            let text = forms[at].text;
            !text.contains(' ') && !words::is_all_caps(text)
        });
    if short_forms {
        votes[PERSON] += 8;
    }
    if part_of_person {
        votes[PERSON] += 14;
    }
    let votes = add(votes, context_scores(&stats));
    let kind = [Kind::Person, Kind::Organization, Kind::Place, Kind::Misc][best_kind(&votes)];
    let mut aliases: Vec<String> = group
        .iter()
        .filter(|&&at| at != fullest)
        .map(|&at| forms[at].text.to_owned())
        .collect();
    aliases.sort();
    Suggestion {
        name: forms[fullest].text.to_owned(),
        kind,
        aliases,
        description: stats.descriptor.map(|(_, text)| text),
        mentions: stats.count,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::suggest::scan::scan;

    fn suggested(texts: &[&str]) -> Vec<Suggestion> {
        let mut found = Found::default();
        for (article, text) in texts.iter().enumerate() {
            scan(&mut found, article, text, 0..text.len(), &[]);
        }
        entities(&found)
    }

    fn find<'a>(suggestions: &'a [Suggestion], name: &str) -> Option<&'a Suggestion> {
        suggestions.iter().find(|s| s.name == name)
    }

    #[test]
    fn joins_the_forms_of_one_referent() {
        let found = suggested(&[
            "US hostage envoy Adam Boehler met them. Officials said Boehler left.",
            "The Israel Defense Forces (IDF) said so. Later the IDF said more.",
            "The U.S. and the United States and the US agree.",
            "The talks in LONDON went on, as talks in London do.",
        ]);
        let boehler = find(&found, "Adam Boehler").expect("Adam Boehler");
        assert_eq!(boehler.kind, Kind::Person);
        assert_eq!(boehler.aliases, ["Boehler"]);
        assert_eq!(boehler.description.as_deref(), Some("US hostage envoy"));
        let idf = find(&found, "Israel Defense Forces").expect("the IDF");
        assert_eq!(
            (idf.kind, idf.aliases.clone()),
            (Kind::Organization, vec!["IDF".to_owned()])
        );
        let us = find(&found, "United States").expect("the United States");
        assert_eq!(
            (us.kind, us.aliases.clone()),
            (Kind::Place, vec!["U.S.".to_owned(), "US".to_owned()])
        );
        let london = find(&found, "London").expect("London");
        assert_eq!(london.aliases, ["LONDON"]);
    }

    #[test]
    fn leaves_out_what_is_not_a_name() {
        let found = suggested(&[
            "Israeli officials and American-Israeli hostages met Egyptians in Doha.\n\
             Reflecting on it, they left. It was over.\n\
             You are DEAD! Make a SMART decision. RELEASE THE HOSTAGES NOW, OR ELSE.",
        ]);
        let names: Vec<&str> = found.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["Doha"]);
        assert_eq!(found[0].kind, Kind::Place);
    }

    #[test]
    fn kinds_come_from_the_name_and_its_contexts() {
        let found = suggested(&[
            "The State Department and the Palestinian Mujahideen met in Valmora. \
             Then Hamas officials said Prime Minister Jon Tarr spoke at the Port of Valmora.",
            "It was Ramadan. The talks in Valmora went on, said Tarr.",
        ]);
        for (name, kind) in [
            ("State Department", Kind::Organization),
            ("Palestinian Mujahideen", Kind::Organization),
            ("Valmora", Kind::Place),
            ("Port of Valmora", Kind::Place),
            ("Hamas", Kind::Organization),
            ("Jon Tarr", Kind::Person),
            ("Ramadan", Kind::Misc),
        ] {
            let found = find(&found, name).unwrap_or_else(|| panic!("{name}: {found:?}"));
            assert_eq!(found.kind, kind, "{name}");
        }
    }
}
