//! A page's content stream, written as PDF operators directly (ISO 32000-1, 8 and 9). The
//! text of each run is kept aside and written as glyph ids once the fonts are subset, since
//! the subset numbers its glyphs anew. Going through printpdf's `Op` values cost a 200-activity
//! record about a second in allocations and translation; this writes the same operators.

use std::collections::HashMap;
use std::io::Write as _;

/// The operators of one page, with the text of its runs aside.
#[derive(Default)]
pub struct Content {
    bytes: Vec<u8>,
    runs: Vec<Run>,
}

/// Text shown with `Tj`: its glyph string goes at `at` in the operators.
struct Run {
    at: usize,
    bold: bool,
    text: String,
}

/// Each face's glyph id for each character drawn in it (Identity-H: the code is the id).
pub struct Glyphs {
    pub regular: HashMap<char, u16>,
    pub bold: HashMap<char, u16>,
}

impl Content {
    /// An operator with its operands, as written (`op` is its name, e.g. "rg").
    pub fn op(&mut self, operands: &[f32], op: &str) {
        for v in operands {
            number(&mut self.bytes, *v);
            self.bytes.push(b' ');
        }
        self.bytes.extend_from_slice(op.as_bytes());
        self.bytes.push(b'\n');
    }

    /// Operators given as text (names and dictionaries: "/Artifact BMC").
    pub fn raw(&mut self, text: &str) {
        self.bytes.extend_from_slice(text.as_bytes());
        self.bytes.push(b'\n');
    }

    /// A marked-content sequence of a structure element: `/Tag <</MCID n>> BDC`.
    pub fn marked(&mut self, tag: &str, mcid: usize) {
        // Writing to a Vec cannot fail.
        let _ = writeln!(self.bytes, "/{tag} <</MCID {mcid}>> BDC");
    }

    /// `/F1 size Tf` for the regular face, `/F2` for the bold one.
    pub fn font(&mut self, bold: bool, size: f32) {
        self.bytes
            .extend_from_slice(if bold { b"/F2 " } else { b"/F1 " });
        number(&mut self.bytes, size);
        self.bytes.extend_from_slice(b" Tf\n");
    }

    /// `<glyphs> Tj` in the face given.
    pub fn show(&mut self, bold: bool, text: &str) {
        self.runs.push(Run {
            at: self.bytes.len(),
            bold,
            text: text.to_owned(),
        });
        self.bytes.extend_from_slice(b" Tj\n");
    }

    /// Every character shown in a face.
    pub fn chars(&self, bold: bool) -> impl Iterator<Item = char> + '_ {
        self.runs
            .iter()
            .filter(move |r| r.bold == bold)
            .flat_map(|r| r.text.chars())
    }

    /// The finished stream, with each run's text as hexadecimal glyph ids.
    pub fn finish(&self, glyphs: &Glyphs) -> Vec<u8> {
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        let text: usize = self.runs.iter().map(|r| r.text.len() * 4 + 2).sum();
        let mut out = Vec::with_capacity(self.bytes.len() + text);
        let mut from = 0;
        for run in &self.runs {
            out.extend_from_slice(&self.bytes[from..run.at]);
            from = run.at;
            let map = if run.bold {
                &glyphs.bold
            } else {
                &glyphs.regular
            };
            out.push(b'<');
            for c in run.text.chars() {
                // Every character drawn was checked against the font (clean.rs); 0 is the
                // font's .notdef glyph, as a viewer shows for a code it cannot map.
                let g = map.get(&c).copied().unwrap_or(0);
                for shift in [12, 8, 4, 0] {
                    out.push(HEX[usize::from((g >> shift) & 0xF)]);
                }
            }
            out.push(b'>');
        }
        out.extend_from_slice(&self.bytes[from..]);
        out
    }
}

/// A number with at most three decimals and no trailing zeros ("12", "0.5", "-3.125"): a
/// thousandth of a point is far below what any device resolves.
fn number(out: &mut Vec<u8>, v: f32) {
    let scaled = (f64::from(v) * 1000.0).round();
    // NaN and infinities cannot come from the layout; should one appear, 0 keeps the
    // stream valid.
    let n = if scaled.is_finite() { scaled as i64 } else { 0 };
    if n < 0 {
        out.push(b'-');
    }
    let n = n.unsigned_abs();
    let _ = write!(out, "{}", n / 1000);
    let mut frac = n % 1000;
    if frac != 0 {
        out.push(b'.');
        let mut digits = 3;
        while frac % 10 == 0 {
            frac /= 10;
            digits -= 1;
        }
        let _ = write!(out, "{frac:0digits$}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(v: f32) -> String {
        let mut out = Vec::new();
        number(&mut out, v);
        String::from_utf8(out).expect("ASCII")
    }

    #[test]
    fn numbers_are_short_and_exact_to_a_thousandth() {
        assert_eq!(n(12.0), "12");
        assert_eq!(n(0.5), "0.5");
        assert_eq!(n(-3.125), "-3.125");
        assert_eq!(n(841.89), "841.89");
        assert_eq!(n(0.05), "0.05");
        assert_eq!(n(1.004), "1.004");
        assert_eq!(n(-0.0001), "0");
        assert_eq!(n(f32::NAN), "0");
    }

    #[test]
    fn text_is_written_as_glyph_ids_where_it_was_shown() {
        let mut c = Content::default();
        c.raw("BT");
        c.font(true, 9.5);
        c.op(&[10.0, 20.25], "Td");
        c.show(true, "ab");
        c.raw("ET");
        let glyphs = Glyphs {
            regular: HashMap::new(),
            bold: HashMap::from([('a', 1), ('b', 0x1F2)]),
        };
        let out = String::from_utf8(c.finish(&glyphs)).expect("ASCII");
        assert_eq!(out, "BT\n/F2 9.5 Tf\n10 20.25 Td\n<000101F2> Tj\nET\n");
        assert_eq!(c.chars(true).collect::<String>(), "ab");
        assert_eq!(c.chars(false).count(), 0);
    }
}
