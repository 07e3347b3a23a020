//! Where a line may end, and what it costs: at a space or after a dash (Unicode's line
//! breaking algorithm, UAX #14), inside an identifier after `_ . / : @` ("device_" + "id",
//! "user_data." + "em"), or inside a word where the language's hyphenation patterns allow,
//! with a hyphen added. No-break spaces ("Art.\u{a0}9") never break.

use unicode_linebreak::{BreakOpportunity, linebreaks};

use super::Lang;

/// A place a line may end, in characters from the paragraph's start.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Break {
    pub at: usize,
    pub kind: Kind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// Between words, or after a dash the text has.
    Word,
    /// Inside an identifier, after one of its separators; nothing is added.
    Ident,
    /// Inside a word, by the hyphenation patterns; a hyphen is added at the line's end.
    Hyphen,
}

/// Signs a line never ends with when a number follows them.
const CITATION_SIGNS: [&str; 6] = ["§", "§§", "Art.", "Abs.", "Nr.", "No."];

/// The characters after which an identifier may be broken.
const SEPARATORS: [char; 5] = ['_', '.', '/', ':', '@'];

/// Every place `text` (one paragraph, no line feeds) may break, in order, without the end.
#[cfg(test)]
pub fn breaks(text: &str, lang: Lang) -> Vec<Break> {
    collect(text, lang, true)
}

/// The places between words and inside identifiers; hyphenation points are found only where
/// a line needs one ([`hyphens`]), since looking them up is most of the cost of setting text.
pub fn word_breaks(text: &str, lang: Lang) -> Vec<Break> {
    collect(text, lang, false)
}

/// The hyphenation points of the words between characters `from` and `to` of `chars`.
pub fn hyphens(chars: &[char], from: usize, to: usize, lang: Lang) -> Vec<Break> {
    let mut out = Vec::new();
    let mut start = from;
    while start < to {
        if chars[start].is_whitespace() {
            start += 1;
            continue;
        }
        // The whole token, even where it begins before `from`: an identifier is never
        // hyphenated.
        let mut begin = start;
        while begin > 0 && !chars[begin - 1].is_whitespace() {
            begin -= 1;
        }
        let end = (start..chars.len())
            .find(|&i| chars[i].is_whitespace())
            .unwrap_or(chars.len());
        let token: String = chars[begin..end].iter().collect();
        token_breaks(&token, begin, lang, true, &mut out);
        start = end;
    }
    out.retain(|b| b.kind == Kind::Hyphen && b.at > from && b.at < to);
    out
}

fn collect(text: &str, lang: Lang, with_hyphens: bool) -> Vec<Break> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let index_of = |byte: usize| chars.partition_point(|(b, _)| *b < byte);
    let mut out: Vec<Break> = linebreaks(text)
        .filter(|(_, o)| *o == BreakOpportunity::Allowed)
        .map(|(byte, _)| Break {
            at: index_of(byte),
            kind: Kind::Word,
        })
        .filter(|b| b.at > 0 && b.at < chars.len())
        .collect();

    // A citation's sign stays with its number, as a typesetter keeps it: "§ 257", "§§ 195 f.",
    // "Art. 30", "Abs. 2" (the records' texts are not always written with no-break spaces).
    let glued = |at: usize| {
        let before: String = chars[..at]
            .iter()
            .rev()
            .skip_while(|(_, c)| c.is_whitespace())
            .take_while(|(_, c)| !c.is_whitespace())
            .map(|(_, c)| *c)
            .collect();
        let next_is_number = chars.get(at).is_some_and(|(_, c)| c.is_ascii_digit());
        next_is_number
            && CITATION_SIGNS
                .iter()
                .any(|s| before.chars().eq(s.chars().rev()))
    };
    out.retain(|b| !glued(b.at));

    // Tokens: runs of characters between spaces.
    let mut start = 0;
    while start < chars.len() {
        if chars[start].1.is_whitespace() {
            start += 1;
            continue;
        }
        let end = (start..chars.len())
            .find(|&i| chars[i].1.is_whitespace())
            .unwrap_or(chars.len());
        let token: String = chars[start..end].iter().map(|(_, c)| c).collect();
        token_breaks(&token, start, lang, with_hyphens, &mut out);
        start = end;
    }
    out.sort();
    out.dedup_by_key(|b| b.at);
    out
}

/// An identifier: a token with a separator between two letters or digits, or with a digit and
/// a letter (ids, URLs, e-mail addresses, wire names): never hyphenated, broken after its
/// separators instead.
fn is_identifier(token: &str) -> bool {
    let chars: Vec<char> = token.chars().collect();
    let inner_separator = chars
        .windows(3)
        .any(|w| SEPARATORS.contains(&w[1]) && w[0].is_alphanumeric() && w[2].is_alphanumeric());
    let has_digit = chars.iter().any(char::is_ascii_digit);
    let has_letter = chars.iter().any(|c| c.is_alphabetic());
    inner_separator || (has_digit && has_letter)
}

fn token_breaks(token: &str, offset: usize, lang: Lang, with_hyphens: bool, out: &mut Vec<Break>) {
    let chars: Vec<char> = token.chars().collect();
    if is_identifier(token) {
        for (i, w) in chars.windows(2).enumerate() {
            if SEPARATORS.contains(&w[0]) && w[1].is_alphanumeric() {
                out.push(Break {
                    at: offset + i + 1,
                    kind: Kind::Ident,
                });
            }
        }
        return;
    }
    if !with_hyphens {
        return;
    }
    // Words: runs of letters, hyphenated unless written in capitals (acronyms, "GDPR").
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_alphabetic() {
            i += 1;
            continue;
        }
        let end = (i..chars.len())
            .find(|&j| !chars[j].is_alphabetic())
            .unwrap_or(chars.len());
        let word: String = chars[i..end].iter().collect();
        let capitals = word.chars().filter(|c| c.is_uppercase()).count();
        if end - i >= 5 && capitals < 2 {
            let mut at = offset + i;
            let syllables: Vec<&str> = hypher::hyphenate(&word, lang.hypher()).collect();
            for s in &syllables[..syllables.len().saturating_sub(1)] {
                at += s.chars().count();
                out.push(Break {
                    at,
                    kind: Kind::Hyphen,
                });
            }
        }
        i = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text split at its breaks of `kind` (`None`: of every kind).
    fn split(text: &str, lang: Lang, kind: impl Into<Option<Kind>>) -> Vec<String> {
        let kind = kind.into();
        let chars: Vec<char> = text.chars().collect();
        let mut parts = Vec::new();
        let mut from = 0;
        for b in breaks(text, lang)
            .into_iter()
            .filter(|b| kind.is_none_or(|k| b.kind == k))
        {
            parts.push(chars[from..b.at].iter().collect());
            from = b.at;
        }
        parts.push(chars[from..].iter().collect());
        parts
    }

    #[test]
    fn words_break_at_spaces_and_dashes_and_never_at_a_no_break_space() {
        assert_eq!(
            split("Art.\u{a0}9 GDPR double-opt-in", Lang::En, Kind::Word),
            ["Art.\u{a0}9 ", "GDPR ", "double-", "opt-", "in"]
        );
        assert_eq!(
            split("13\u{a0}months", Lang::En, Kind::Word),
            ["13\u{a0}months"]
        );
    }

    #[test]
    fn identifiers_break_after_their_separators_and_are_not_hyphenated() {
        assert_eq!(split("device_id", Lang::En, Kind::Ident), ["device_", "id"]);
        assert_eq!(
            split("user_data.em", Lang::En, Kind::Ident),
            ["user_", "data.", "em"]
        );
        // Unicode's algorithm already breaks after a slash; the point after the dot is ours.
        assert_eq!(
            split("https://example.com/path", Lang::En, None),
            ["https://", "example.", "com/", "path"]
        );
        let all = breaks("user_data.external_id DPIA-2025-04", Lang::En);
        assert!(all.iter().all(|b| b.kind != Kind::Hyphen), "{all:?}");
    }

    #[test]
    fn words_hyphenate_by_the_languages_patterns() {
        assert_eq!(
            split("Verarbeitungstätigkeiten", Lang::De, Kind::Hyphen).join("-"),
            hypher::hyphenate("Verarbeitungstätigkeiten", hypher::Lang::German).join("-")
        );
        assert!(split("Verarbeitungstätigkeiten", Lang::De, Kind::Hyphen).len() > 3);
        assert_eq!(
            split("Severity", Lang::En, Kind::Hyphen).join("-"),
            "Sever-ity"
        );
        assert_eq!(split("GDPR", Lang::En, Kind::Hyphen), ["GDPR"]);
        assert_eq!(split("SHA-256", Lang::En, Kind::Hyphen), ["SHA-256"]);
        // A German word with English patterns hyphenates differently, or not at all.
        assert_ne!(
            split("Auftragsverarbeiter", Lang::De, Kind::Hyphen),
            split("Auftragsverarbeiter", Lang::En, Kind::Hyphen)
        );
    }
}
