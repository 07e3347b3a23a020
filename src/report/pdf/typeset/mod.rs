//! Setting text into lines as a typesetter would: first fit over the fonts' glyph widths,
//! breaking between words where it can, inside an identifier after a separator or inside a
//! long word at a hyphenation point of the record's language where a line would otherwise be
//! left short or the word does not fit at all, and between two characters only as a last
//! resort (a string with no break point wider than its column).

mod breaks;

use breaks::{Break, Kind, hyphens, word_breaks};

use super::fonts::Metrics;
pub use crate::report::words::Lang;

impl Lang {
    fn hypher(self) -> hypher::Lang {
        match self {
            Lang::En => hypher::Lang::English,
            Lang::De => hypher::Lang::German,
            Lang::Fr => hypher::Lang::French,
        }
    }
}

/// The hyphen added where a word is broken: the soft hyphen, which the font draws as a hyphen
/// and which text extraction and screen readers know to drop when they join the lines
/// (ISO 32000-1, 14.8.2.2.3), so "Verantwortli-" + "chen" reads back as one word.
pub const HYPHEN: char = '\u{ad}';

/// A line ending at a word break is accepted when it fills this much of the width; a shorter
/// one tries the next word's hyphenation points first, and below the second figure the next
/// identifier's separators (an identifier split over two lines is harder to read, and to
/// copy, than a hyphenated word).
const FILL: f32 = 0.8;
const FILL_IDENT: f32 = 0.6;
/// From this size on (titles, headings) a word is broken only when it does not fit on a line
/// of its own: a short line in a title reads better than a hyphen.
const DISPLAY: f32 = 12.0;

/// The text broken into lines no wider than `width` points; line feeds in the text are kept.
/// A line broken inside a word ends with the hyphen that was added.
pub fn lines(m: &Metrics, lang: Lang, text: &str, size: f32, width: f32) -> Vec<String> {
    text.split('\n')
        .flat_map(|para| paragraph(m, lang, para, size, width))
        .collect()
}

/// At most `max` lines; when the text needs more, the last one ends in "…" and still fits.
pub fn fit(m: &Metrics, lang: Lang, text: &str, size: f32, width: f32, max: usize) -> Vec<String> {
    if max == 0 {
        return Vec::new();
    }
    let mut all = lines(m, lang, text, size, width);
    if all.len() <= max {
        return all;
    }
    all.truncate(max);
    let last = all.pop().unwrap_or_default();
    let mut cut: String = last.trim_end_matches(HYPHEN).trim_end().to_owned();
    while !cut.is_empty() && m.width(&format!("{cut}…"), size) > width {
        cut.pop();
        cut = cut.trim_end().to_owned();
    }
    all.push(format!("{cut}…"));
    all
}

fn paragraph(m: &Metrics, lang: Lang, text: &str, size: f32, width: f32) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    // cum[i]: the width of the first i characters.
    let mut cum = Vec::with_capacity(chars.len() + 1);
    cum.push(0.0_f32);
    for c in &chars {
        let last = cum.last().copied().unwrap_or(0.0);
        cum.push(last + m.advance(*c, size));
    }
    // Most cells and many lines fit as they are: no break points needed.
    let first = chars.iter().take_while(|c| c.is_whitespace()).count();
    let mut last = chars.len();
    while last > first && chars[last - 1].is_whitespace() {
        last -= 1;
    }
    if cum[last] - cum[first] <= width + 0.001 {
        return vec![chars[first..last].iter().collect()];
    }
    let hyphen = m.advance(HYPHEN, size);
    let points = word_breaks(text, lang);
    let span = |from: usize, to: usize| -> (usize, f32) {
        // Trailing spaces hang in the margin.
        let mut end = to;
        while end > from && chars[end - 1].is_whitespace() {
            end -= 1;
        }
        (end, cum[end] - cum[from])
    };
    let fits = |from: usize, b: &Break| {
        let (_, w) = span(from, b.at);
        let w = if b.kind == Kind::Hyphen {
            w + hyphen
        } else {
            w
        };
        w <= width + 0.001
    };

    let mut out = Vec::new();
    let mut from = 0;
    // Leading spaces of a paragraph are not drawn either.
    while from < chars.len() && chars[from].is_whitespace() {
        from += 1;
    }
    while from < chars.len() {
        if span(from, chars.len()).1 <= width + 0.001 {
            break;
        }
        let after = |b: &&Break| b.at > from;
        let word = points
            .iter()
            .filter(after)
            .filter(|b| b.kind == Kind::Word)
            .take_while(|b| fits(from, b))
            .last();
        let filled = word.map_or(0.0, |b| span(from, b.at).1 / width);
        let (fill, fill_ident) = if size >= DISPLAY {
            (0.0, 0.0)
        } else {
            (FILL, FILL_IDENT)
        };
        let inner = if word.is_none() || filled < fill {
            // Inside the next word: its identifier separators (when the line is quite short)
            // and its hyphenation points.
            let start = word.map_or(from, |w| w.at);
            let next = points
                .iter()
                .find(|b| b.kind == Kind::Word && b.at > start)
                .map_or(chars.len(), |b| b.at);
            let mut inside: Vec<Break> = points
                .iter()
                .filter(|b| b.kind == Kind::Ident && b.at > start && b.at < next)
                .filter(|_| word.is_none() || filled < fill_ident)
                .copied()
                .collect();
            inside.extend(hyphens(&chars, start.max(from), next, lang));
            inside.sort();
            inside.into_iter().take_while(|b| fits(from, b)).last()
        } else {
            None
        };
        let (at, add_hyphen) = match (inner, word) {
            (Some(b), _) => (b.at, b.kind == Kind::Hyphen),
            (None, Some(b)) => (b.at, false),
            // Nothing fits: as many characters as do, at least one.
            (None, None) => {
                let n = (from + 1..=chars.len())
                    .take_while(|&i| cum[i] - cum[from] <= width + 0.001)
                    .last()
                    .unwrap_or(from + 1);
                (n, false)
            }
        };
        let (end, _) = span(from, at);
        let mut line: String = chars[from..end].iter().collect();
        if add_hyphen {
            line.push(HYPHEN);
        }
        out.push(line);
        from = at;
        while from < chars.len() && chars[from].is_whitespace() {
            from += 1;
        }
    }
    let (end, _) = span(from.min(chars.len()), chars.len());
    out.push(chars[from.min(end)..end].iter().collect());
    out
}

#[cfg(test)]
mod tests;
