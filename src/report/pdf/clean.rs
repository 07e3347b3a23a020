//! Characters the embedded fonts cannot draw, replaced visibly before the record is laid out,
//! and listed so that the export can say which.

use std::collections::BTreeSet;

use super::fonts::REPLACEMENT;
use super::page::Fonts;
use crate::report::document::{Block, Record};

/// Replaces characters the fonts cannot draw with a visible replacement, and says so.
pub(super) struct Cleaner<'a> {
    pub(super) fonts: &'a Fonts,
    pub(super) missing: BTreeSet<char>,
}

impl Cleaner<'_> {
    pub(super) fn clean(&mut self, s: &str) -> String {
        s.chars()
            // A soft hyphen in the text would be drawn wherever it stands; the record's own
            // line breaking hyphenates, and uses it only for the hyphens it adds.
            .filter(|c| *c != super::typeset::HYPHEN)
            .map(|c| match c {
                '\n' => '\n',
                '\t' | '\r' => ' ',
                c if c.is_control() => ' ',
                c if self.fonts.regular.has(c) && self.fonts.bold.has(c) => c,
                c => {
                    self.missing.insert(c);
                    if self.fonts.regular.has(REPLACEMENT) {
                        REPLACEMENT
                    } else {
                        '?'
                    }
                }
            })
            .collect()
    }

    pub(super) fn record(&mut self, r: &Record) -> Record {
        let mut r = r.clone();
        r.title = self.clean(&r.title);
        r.subtitle = self.clean(&r.subtitle);
        r.organisation = self.clean(&r.organisation);
        r.footer = self.clean(&r.footer);
        r.continued = self.clean(&r.continued);
        r.see_also = self.clean(&r.see_also);
        r.see_page = self.clean(&r.see_page);
        for (l, v) in &mut r.cover {
            *l = self.clean(l);
            *v = self.clean(v);
        }
        for s in &mut r.sections {
            s.title = self.clean(&s.title);
            for b in &mut s.blocks {
                match b {
                    Block::Heading(t) | Block::Paragraph(t) => *t = self.clean(t),
                    Block::Entries(e) => {
                        for (l, v) in e {
                            *l = self.clean(l);
                            *v = self.clean(v);
                        }
                    }
                    Block::Table(t) => {
                        for (c, _) in &mut t.columns {
                            *c = self.clean(c);
                        }
                        for row in &mut t.rows {
                            for cell in row {
                                *cell = self.clean(cell);
                            }
                        }
                    }
                    Block::See(items) => {
                        for (title, _) in items {
                            *title = self.clean(title);
                        }
                    }
                    Block::Diagram(f) => {
                        for c in &mut f.cards {
                            c.name = self.clean(&c.name);
                            for d in &mut c.details {
                                *d = self.clean(d);
                            }
                        }
                        for a in &mut f.arrows {
                            a.label = self.clean(&a.label);
                        }
                        for (_, l) in &mut f.legend {
                            *l = self.clean(l);
                        }
                        f.note = self.clean(&f.note);
                        f.intro = self.clean(&f.intro);
                        f.too_large = self.clean(&f.too_large);
                    }
                }
            }
        }
        r
    }
}
