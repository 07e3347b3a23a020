//! A fast reader for the RON that capimap itself writes, tried before the `ron` crate's
//! parser, which reads a character at a time and spent about 25 ms per megabyte (a
//! 50,000-flow project took three seconds to open).
//!
//! It reads a strict subset: ASCII spaces, tabs and line breaks; `//` comments; identifiers of
//! ASCII letters, digits and `_`; raw strings and double-quoted ones with common escapes;
//! plain decimal numbers; `true`/`false`; and the `ron` crate's rules for options and
//! variants under the two extensions the store turns on (implicit `Some`, unwrapped variant
//! newtypes). Where it agrees to read a text, it builds the same value the `ron` crate builds;
//! anything else (another comment style, a raw string, `0x10`, an unknown attribute, a
//! mistake) makes it refuse, and the store reads the text again with the `ron` crate, which
//! either reads it or names the exact place of the mistake. So no file is read differently,
//! and every error message and location is the `ron` crate's.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeOwned, Visitor};

mod split;
#[cfg(test)]
mod tests;
mod values;

use values::Items;

/// The value of `text`, or `None` where this reader does not agree to read it.
pub(super) fn from_str<T: DeserializeOwned>(text: &str) -> Option<T> {
    read(text).0.ok()
}

pub(super) use split::project;

/// The value of `text`, and the byte the reader stopped at (the end, when it read it all).
fn read<T: DeserializeOwned>(text: &str) -> (Result<T>, usize) {
    let mut reader = Reader::new(text, 0, None);
    let value = read_with(&mut reader);
    (value, reader.at)
}

/// The value the reader reads from where it stands to the end of its text.
fn read_with<T: DeserializeOwned>(reader: &mut Reader<'_>) -> Result<T> {
    reader.ws()?;
    reader.attributes()?;
    let value = T::deserialize(&mut *reader)?;
    reader.ws()?;
    if reader.at == reader.src.len() {
        Ok(value)
    } else {
        Err(Refused)
    }
}

/// Why the reader stopped: never shown, the `ron` crate's reading says what is wrong.
#[derive(Debug)]
pub(super) struct Refused;

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("left to the ron parser")
    }
}

impl std::error::Error for Refused {}

impl de::Error for Refused {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Refused
    }
}

type Result<T> = std::result::Result<T, Refused>;

/// Nesting this reader follows; deeper text is left to the `ron` crate and its limit.
const MAX_DEPTH: usize = 48;

struct Reader<'de> {
    src: &'de [u8],
    text: &'de str,
    at: usize,
    depth: usize,
    /// The `ron` crate's state of the same name: inside `Variant(…)` with unwrapped variant
    /// newtypes on, a struct, tuple or unit is written without its own parentheses.
    newtype_variant: bool,
    /// The last attribute name read: which list a `[` opens.
    key: &'de str,
    /// Where another thread reads the second half of a list (see `split`).
    split: Option<split::Half>,
}

fn ident_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

impl<'de> Reader<'de> {
    fn new(text: &'de str, at: usize, split: Option<split::Half>) -> Self {
        Reader {
            src: text.as_bytes(),
            text,
            at,
            depth: 0,
            newtype_variant: false,
            key: "",
            split,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.src.get(self.at).copied()
    }

    fn eat(&mut self, b: u8) -> bool {
        let found = self.peek() == Some(b);
        self.at += usize::from(found);
        found
    }

    fn expect(&mut self, b: u8) -> Result<()> {
        if self.eat(b) { Ok(()) } else { Err(Refused) }
    }

    /// Spaces, tabs, line breaks and `//` comments (ended by a line break).
    fn ws(&mut self) -> Result<()> {
        const INDENT: &[u8; 8] = b"        ";
        loop {
            // Indentation eight spaces at a time: a project file is a third spaces.
            while self.src[self.at..].starts_with(INDENT) {
                self.at += INDENT.len();
            }
            while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
                self.at += 1;
                while self.src[self.at..].starts_with(INDENT) {
                    self.at += INDENT.len();
                }
            }
            match self.src.get(self.at..self.at + 2) {
                Some(b"//") => {
                    let end = memchr::memchr(b'\n', &self.src[self.at..]).ok_or(Refused)?;
                    self.at += end + 1;
                }
                Some(b"/*") => return Err(Refused),
                _ => return Ok(()),
            }
        }
    }

    /// `#![enable(…)]` lines at the top, naming the extensions the store turns on anyway
    /// (capimap writes them, so that other RON readers read the file the same way). Any other
    /// extension changes how the text reads: left to the `ron` crate.
    fn attributes(&mut self) -> Result<()> {
        while self.peek() == Some(b'#') {
            for token in ["#", "!", "[", "enable", "("] {
                if !self.src[self.at..].starts_with(token.as_bytes()) {
                    return Err(Refused);
                }
                self.at += token.len();
                self.ws()?;
            }
            loop {
                match self.ident()? {
                    "implicit_some" | "unwrap_variant_newtypes" => {}
                    _ => return Err(Refused),
                }
                if !self.comma()? {
                    break;
                }
            }
            self.expect(b')')?;
            self.ws()?;
            self.expect(b']')?;
            self.ws()?;
        }
        Ok(())
    }

    /// After a value: the comma, if there is one, and the space around it.
    fn comma(&mut self) -> Result<bool> {
        self.ws()?;
        if self.eat(b',') {
            self.ws()?;
            Ok(true)
        } else {
            Ok(false)
        }
    }

    /// Whether the byte at `at` would continue an identifier; a non-ASCII byte might (the
    /// `ron` crate takes Unicode letters), so it is refused.
    fn continues_ident(&self, at: usize) -> Result<bool> {
        match self.src.get(at) {
            Some(&b) if b >= 0x80 => Err(Refused),
            Some(&b) => Ok(ident_char(b)),
            None => Ok(false),
        }
    }

    /// Consumes `word` when it stands here as a whole identifier.
    fn word(&mut self, word: &str) -> Result<bool> {
        if !self.src[self.at..].starts_with(word.as_bytes())
            || self.continues_ident(self.at + word.len())?
        {
            return Ok(false);
        }
        self.at += word.len();
        Ok(true)
    }

    fn ident(&mut self) -> Result<&'de str> {
        let start = self.at;
        match self.peek() {
            Some(b) if b.is_ascii_alphabetic() || b == b'_' => {}
            _ => return Err(Refused),
        }
        while self.peek().is_some_and(ident_char) {
            self.at += 1;
        }
        // A non-ASCII letter would continue it, `r#` starts a raw identifier.
        if self.continues_ident(self.at)? || self.peek() == Some(b'#') {
            return Err(Refused);
        }
        Ok(&self.text[start..self.at])
    }

    /// A block may start with its type's name (`Flow(…)`): left to the `ron` crate, which
    /// checks the name.
    fn no_struct_name(&self) -> Result<()> {
        match self.peek() {
            Some(b) if b.is_ascii_alphabetic() || b == b'_' => Err(Refused),
            _ => Ok(()),
        }
    }

    fn string(&mut self) -> Result<Cow<'de, str>> {
        if self.eat(b'r') {
            return self.raw_string().map(Cow::Borrowed);
        }
        self.expect(b'"')?;
        let start = self.at;
        let rest = &self.src[start..];
        let end = memchr::memchr(b'"', rest).ok_or(Refused)?;
        if memchr::memchr(b'\\', &rest[..end]).is_none() {
            self.at += end + 1;
            return Ok(Cow::Borrowed(&self.text[start..start + end]));
        }
        let mut out = String::new();
        loop {
            let rest = &self.src[self.at..];
            let next = memchr::memchr2(b'"', b'\\', rest).ok_or(Refused)?;
            out.push_str(&self.text[self.at..self.at + next]);
            self.at += next + 1;
            if rest[next] == b'"' {
                return Ok(Cow::Owned(out));
            }
            let c = match self.peek() {
                Some(b'"') => '"',
                Some(b'\\') => '\\',
                Some(b'\'') => '\'',
                Some(b'n') => '\n',
                Some(b'r') => '\r',
                Some(b't') => '\t',
                Some(b'0') => '\0',
                // \x, \u{…} and line continuations: the `ron` crate's to read.
                _ => return Err(Refused),
            };
            out.push(c);
            self.at += 1;
        }
    }

    /// `r"…"` or `r#"…"#` (after the `r`): capimap writes a text with a quote or a backslash
    /// this way, as it is, without escapes.
    fn raw_string(&mut self) -> Result<&'de str> {
        let hashes = self.src[self.at..]
            .iter()
            .take_while(|&&b| b == b'#')
            .count();
        self.at += hashes;
        self.expect(b'"')?;
        let mut ending = vec![b'"'];
        ending.extend(std::iter::repeat_n(b'#', hashes));
        let rest = &self.src[self.at..];
        let end = rest
            .windows(ending.len())
            .position(|w| w == ending.as_slice())
            .ok_or(Refused)?;
        let text = &self.text[self.at..self.at + end];
        self.at += end + ending.len();
        Ok(text)
    }

    /// The text of a plain number: an optional `-`, digits, and for floats `.` and an
    /// exponent. What could make it another number (`_`, a suffix, `..`) is refused.
    fn number(&mut self, float: bool) -> Result<&'de str> {
        let start = self.at;
        self.eat(b'-');
        let allowed = |b: u8| b.is_ascii_digit() || (float && matches!(b, b'.' | b'e' | b'E'));
        while let Some(b) = self.peek() {
            if allowed(b) || (float && matches!(b, b'+' | b'-') && self.at > start + 1) {
                self.at += 1;
            } else {
                break;
            }
        }
        let text = &self.text[start..self.at];
        if !text.bytes().any(|b| b.is_ascii_digit())
            || text.contains("..")
            || self.continues_ident(self.at)?
            // What the `ron` crate would read as part of the number (`1-2`, `1_000`, `1.`
            // after an integer): refused here rather than left to what follows.
            || matches!(self.peek(), Some(b'.' | b'+' | b'-' | b'_'))
        {
            return Err(Refused);
        }
        Ok(text)
    }

    fn parse<N: std::str::FromStr>(&mut self, float: bool) -> Result<N> {
        self.number(float)?.parse().map_err(|_| Refused)
    }

    fn nested<T>(&mut self, f: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        if self.depth >= MAX_DEPTH {
            return Err(Refused);
        }
        self.depth += 1;
        let out = f(self);
        self.depth -= 1;
        out
    }

    /// `( … )`, or what is inside alone when it stands in a variant's parentheses already.
    fn parenthesised<T>(&mut self, inside: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        let unwrapped = self.newtype_variant;
        if !unwrapped && !self.eat(b'(') {
            return Err(Refused);
        }
        self.newtype_variant = false;
        let value = self.nested(inside)?;
        self.ws()?;
        if !unwrapped {
            self.expect(b')')?;
        }
        Ok(value)
    }

    /// `open … close`: a list or a map.
    fn bracketed<T>(
        &mut self,
        (open, close): (u8, u8),
        inside: impl FnOnce(&mut Self) -> Result<T>,
    ) -> Result<T> {
        self.newtype_variant = false;
        self.expect(open)?;
        let value = self.nested(inside)?;
        self.ws()?;
        self.expect(close)?;
        Ok(value)
    }

    /// `( fields )`, or the fields alone inside a variant's parentheses.
    fn struct_body<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        self.parenthesised(|r| visitor.visit_map(Items::new(r, b')', true)))
    }
}
