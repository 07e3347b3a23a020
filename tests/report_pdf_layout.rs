//! The record's pages hold whatever the names are: on a project with 100-character names, a
//! 100-character organisation and a 300-word description, in every language and on both
//! papers, no text runs outside the page's text area, the footer's parts never overlap, a
//! long word is broken only with a hyphen, and an activity's continuation pages say which
//! activity they belong to. Positions are read from the content streams and widths from the
//! file's own font widths.

mod common;

use capimap::report::document::Edition;
use capimap::report::pdf::{Output, Paper};
use capimap::report::words::Lang;
use common::pdf::{Run, load, render_pdf, runs};

const MARGIN: f32 = 56.0;

fn long_pdf(lang: Lang, paper: Paper) -> Output {
    render_pdf(&common::long::project(), lang, Edition::Internal, paper)
}

/// The footer sits below the rule at 46 pt from the page's foot; the body above 64 pt.
fn is_footer(r: &Run) -> bool {
    r.baseline < 46.0
}

#[test]
fn no_text_leaves_the_text_area_and_the_footer_parts_never_overlap() {
    for paper in [Paper::A4, Paper::Letter] {
        for lang in Lang::ALL {
            assert_inside(&long_pdf(lang, paper), &format!("{lang:?} {paper:?}"));
        }
    }
}

/// No text of the record outside the page's text area, and the footer's parts apart.
fn assert_inside(out: &Output, case: &str) {
    {
        {
            let doc = load(&out.bytes);
            let all = runs(&doc);
            assert!(all.len() > 500, "{}", all.len());
            // Each page's own width: the diagram's page may be turned.
            let widths: std::collections::BTreeMap<u32, f32> = doc
                .get_pages()
                .into_keys()
                .map(|n| (n, common::pdf::page_size(&doc, n).0))
                .collect();
            for r in &all {
                let w = widths[&r.page];
                assert!(
                    r.x0 >= MARGIN - 0.5 && r.x1 <= w - MARGIN + 0.5,
                    "{case} page {}: {:?} runs from {:.1} to {:.1}",
                    r.page,
                    r.text,
                    r.x0,
                    r.x1
                );
                if !is_footer(r) {
                    assert!(
                        r.baseline > 64.0 - 0.3 * r.size,
                        "{case} page {}: {:?} at {:.1}",
                        r.page,
                        r.text,
                        r.baseline
                    );
                } else {
                    assert!(r.baseline > 12.0, "{:?} at {}", r.text, r.baseline);
                }
            }
            for page in 1..=out.pages as u32 {
                let footer: Vec<&Run> = all
                    .iter()
                    .filter(|r| r.page == page && is_footer(r))
                    .collect();
                assert!(footer.len() >= 3, "{case} page {page}: {footer:?}");
                for (i, a) in footer.iter().enumerate() {
                    for b in &footer[i + 1..] {
                        let apart_x = a.x1 <= b.x0 + 0.01 || b.x1 <= a.x0 + 0.01;
                        let apart_y = (a.baseline - b.baseline).abs() >= a.size.min(b.size);
                        assert!(
                            apart_x || apart_y,
                            "{case} page {page}: {a:?} overlaps {b:?}"
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn the_organisations_name_is_on_the_cover_in_full() {
    let out = long_pdf(Lang::De, Paper::A4);
    let doc = load(&out.bytes);
    let cover = common::pdf::page_text(&doc, 1)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(cover.contains(common::long::ORGANISATION), "{cover}");
}

fn patterns(lang: Lang) -> hypher::Lang {
    match lang {
        Lang::En => hypher::Lang::English,
        Lang::De => hypher::Lang::German,
        Lang::Fr => hypher::Lang::French,
    }
}

/// The fixture's long words: its names' and description's tokens of ten characters or more.
fn long_words() -> Vec<String> {
    let p = common::long::project();
    let mut texts = vec![p.organisation.controller.name.clone()];
    for a in &p.activities {
        texts.push(a.name.clone());
        texts.push(a.description.clone());
    }
    texts.extend(p.nodes.iter().map(|n| n.name.clone()));
    let mut words: Vec<String> = texts
        .iter()
        .flat_map(|t| t.split_whitespace().map(str::to_owned).collect::<Vec<_>>())
        .filter(|w| w.chars().count() >= 10)
        .collect();
    words.sort();
    words.dedup();
    words
}

#[test]
fn a_long_word_is_broken_only_after_a_hyphen_or_a_separator() {
    let words = long_words();
    let mut broken = 0;
    for lang in Lang::ALL {
        let doc = load(&long_pdf(lang, Paper::A4).bytes);
        let all = runs(&doc);
        for pair in all.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            let next_line =
                a.page == b.page && b.baseline < a.baseline && (a.x0 - b.x0).abs() < 0.5;
            if !next_line {
                continue;
            }
            let end = a.text.rsplit(' ').next().unwrap_or_default();
            let start = b
                .text
                .split(' ')
                .next()
                .unwrap_or_default()
                .trim_end_matches(|c: char| !c.is_alphanumeric());
            if end.is_empty() || start.is_empty() {
                continue;
            }
            let glued = |head: &str| {
                let joined = format!("{head}{start}");
                words
                    .iter()
                    .any(|w| w.contains(&joined) && w != head && w != start)
            };
            if let Some(head) = end.strip_suffix('\u{ad}') {
                // Where the language's patterns allow it (the word's letters only).
                let letters = |s: &str| s.chars().filter(|c| c.is_alphabetic()).collect::<String>();
                let (head, tail) = (
                    letters(head.rsplit(['-', '(']).next().unwrap_or(head)),
                    letters(start),
                );
                let points: Vec<usize> =
                    hypher::hyphenate(&format!("{head}{tail}"), patterns(lang))
                        .scan(0, |at, s| {
                            *at += s.chars().count();
                            Some(*at)
                        })
                        .collect();
                assert!(
                    points.contains(&head.chars().count()),
                    "{lang:?}: {head}-{tail} is not a hyphenation point"
                );
                broken += 1;
            } else if end.ends_with(['_', '.', '/', ':', '@', '-']) {
                broken += 1;
            } else {
                assert!(
                    !glued(end),
                    "{lang:?} page {}: {end:?} / {start:?} broken without a hyphen",
                    a.page
                );
            }
        }
    }
    assert!(broken > 10, "long words were broken somewhere: {broken}");
}

#[test]
fn a_row_taller_than_a_page_continues_on_the_next_pages_under_the_header() {
    // Forty activities with 100-character names: in the field annex, the "Used for" cell of a
    // field every activity uses is longer than a page.
    let out = render_pdf(
        &common::long::with_activities(40),
        Lang::En,
        Edition::Internal,
        Paper::A4,
    );
    assert_inside(&out, "40 activities");
    let doc = load(&out.bytes);
    let toc = doc.get_toc().expect("an outline");
    let level1: Vec<_> = toc.toc.iter().filter(|t| t.level == 1).collect();
    let at = level1
        .iter()
        .position(|t| t.title.starts_with("Annex: Fields"))
        .expect("the field annex");
    let (first, end) = (
        level1[at].page as u32,
        level1
            .get(at + 1)
            .map_or(out.pages as u32 + 1, |t| t.page as u32),
    );
    let all = runs(&doc);
    // Each activity's name begins with its number; the first and the last of one cell.
    let page_of = |start: &str| {
        all.iter()
            .filter(|r| (first..end).contains(&r.page) && r.text.starts_with(start))
            .map(|r| r.page)
            .min()
    };
    let (p0, p39) = (
        page_of("00 Auftrags").expect("the first activity in the annex"),
        page_of("39 Auftrags").expect("the last activity in the annex"),
    );
    assert!(p39 > p0, "one cell continues over pages {p0}..{p39}");
    for page in p0 + 1..=p39 {
        let text = common::pdf::page_text(&doc, page);
        assert!(
            text.contains("Category of personal data") && text.contains("Used for"),
            "page {page} repeats the table's header: {text:.200}"
        );
    }
}

#[test]
fn a_page_never_holds_a_single_row_of_a_long_table() {
    // Schedules of different lengths end at different places on their last page.
    for count in 58..70 {
        let p = common::record::with_retention_rules(count);
        let doc = load(&render_pdf(&p, Lang::En, Edition::Authority, Paper::A4).bytes);
        for (n, _) in doc.get_pages() {
            let text = common::pdf::page_text(&doc, n);
            let rows = text.matches("Rule number").count();
            assert!(rows != 1, "{count} rules: page {n} holds a single row");
        }
    }
}

#[test]
fn every_further_page_of_a_section_says_which_section_it_continues() {
    for (lang, word) in [
        (Lang::En, "(continued)"),
        (Lang::De, "(Fortsetzung)"),
        (Lang::Fr, "(suite)"),
    ] {
        let out = long_pdf(lang, Paper::A4);
        let doc = load(&out.bytes);
        let toc = doc.get_toc().expect("an outline");
        let starts: Vec<(usize, String)> = toc
            .toc
            .iter()
            .filter(|t| t.level == 1)
            .map(|t| (t.page, t.title.clone()))
            .collect();
        let all = runs(&doc);
        let mut continued = 0;
        for (i, (start, title)) in starts.iter().enumerate() {
            let end = starts.get(i + 1).map_or(out.pages + 1, |(p, _)| *p);
            for page in start + 1..end {
                // The page's first line of text, read from the top.
                let top = all
                    .iter()
                    .filter(|r| r.page as usize == page && !is_footer(r))
                    .max_by(|a, b| a.baseline.total_cmp(&b.baseline))
                    .unwrap_or_else(|| panic!("page {page} has text"));
                let line: String = all
                    .iter()
                    .filter(|r| r.page == top.page && (r.baseline - top.baseline).abs() < 0.1)
                    .map(|r| r.text.as_str())
                    .collect();
                let head = title.split_whitespace().next().unwrap_or_default();
                assert!(
                    line.starts_with(head),
                    "{lang:?} page {page}: {line:?} for {title}"
                );
                let second = all
                    .iter()
                    .filter(|r| {
                        r.page == top.page
                            && r.baseline < top.baseline - 0.1
                            && r.baseline > top.baseline - 15.0
                    })
                    .map(|r| r.text.as_str())
                    .collect::<String>();
                assert!(
                    line.contains(word) || second.contains(word),
                    "{lang:?} page {page}: {line:?} {second:?}"
                );
                continued += 1;
            }
        }
        assert!(
            continued >= 12,
            "{lang:?}: the long activities run onto further pages ({continued})"
        );
    }
}
