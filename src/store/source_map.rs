//! Where things are in a project file's text, so that errors (and later findings) can point at
//! a line. The project is parsed by serde, which keeps no positions; this scans the text for
//! `id: "…"` entries, which is where every entity starts in capimap's own output and in any
//! reasonable hand-written file.

/// Lines (1-based) of the `id: "…"` entries of a project file, in file order.
#[derive(Clone, Debug, Default)]
pub struct SourceMap {
    ids: Vec<(String, usize)>,
    /// Indices into `ids`, sorted by id and then by line: a lookup is a binary search, with
    /// no second copy of every id (a large project has tens of thousands).
    by_id: Vec<u32>,
    /// Byte offset at which each line starts.
    line_starts: Vec<usize>,
    text: String,
}

impl SourceMap {
    pub fn new(text: &str) -> Self {
        Self::from_text(text.to_owned())
    }

    /// The map of a text it keeps (no copy of a large file is made).
    pub fn from_text(text: String) -> Self {
        // One pass for the line breaks and one for `id`, each with a vectorised search, rather
        // than a search per line.
        let bytes = text.as_bytes();
        let mut line_starts = Vec::with_capacity(bytes.len() / 32 + 1);
        line_starts.push(0);
        line_starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1));
        let mut ids = Vec::new();
        let mut line = 0;
        for at in memchr::memmem::find_iter(bytes, b"id") {
            while line_starts.get(line + 1).is_some_and(|&next| next <= at) {
                line += 1;
            }
            let start = line_starts[line];
            let end = line_starts
                .get(line + 1)
                .map_or(bytes.len(), |&next| next - 1);
            if let Some(id) = id_at(&text[start..end], at - start) {
                ids.push((unescape(id), line + 1));
            }
        }
        let mut by_id: Vec<u32> = (0..ids.len())
            .filter_map(|i| u32::try_from(i).ok())
            .collect();
        by_id.sort_by(|&a, &b| ids[a as usize].cmp(&ids[b as usize]));
        Self {
            ids,
            by_id,
            line_starts,
            text,
        }
    }

    /// The indices (into `ids`) of the entries with this id, in file order.
    fn entries(&self, id: &str) -> &[u32] {
        let from = self
            .by_id
            .partition_point(|&i| self.ids[i as usize].0.as_str() < id);
        let to =
            from + self.by_id[from..].partition_point(|&i| self.ids[i as usize].0.as_str() == id);
        &self.by_id[from..to]
    }

    /// The line of the first entity with this id.
    pub fn line_of(&self, id: &str) -> Option<usize> {
        self.entries(id).first().map(|&i| self.ids[i as usize].1)
    }

    /// The lines of every entity with this id, in file order.
    pub fn lines_of(&self, id: &str) -> Vec<usize> {
        self.entries(id)
            .iter()
            .map(|&i| self.ids[i as usize].1)
            .collect()
    }

    /// The first line that starts with `key:` (after indentation), e.g. `organisation:`.
    pub fn line_of_key(&self, key: &str) -> Option<usize> {
        self.text
            .lines()
            .position(|l| {
                l.trim_start()
                    .strip_prefix(key)
                    .is_some_and(|rest| rest.trim_start().starts_with(':'))
            })
            .map(|i| i + 1)
    }

    /// The first line at or after `from` that contains `needle` as a quoted string: as it is,
    /// or with its newlines, quotes and control characters escaped the way RON writes them.
    pub fn find_quoted_from(&self, needle: &str, from: usize) -> Option<usize> {
        let start = *self.line_starts.get(from.saturating_sub(1))?;
        let rest = &self.text[start..];
        let at = rest
            .find(&format!("\"{needle}\""))
            .or_else(|| rest.find(&ron::to_string(needle).ok()?))?
            + start;
        Some(self.line_starts.partition_point(|&s| s <= at))
    }
}

/// The id of an entry `id: "…"` (with any spacing) whose `id` starts at byte `at` of `line`.
fn id_at(line: &str, at: usize) -> Option<&str> {
    let before = line[..at].chars().next_back();
    if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '"') {
        return None;
    }
    let rest = line[at + 2..].trim_start().strip_prefix(':')?;
    let rest = rest.trim_start().strip_prefix('"')?;
    // The closing quote is the first one no backslash escapes.
    let mut escaped = false;
    let end = rest.char_indices().find_map(|(i, c)| {
        let closes = c == '"' && !escaped;
        escaped = c == '\\' && !escaped;
        closes.then_some(i)
    })?;
    Some(&rest[..end])
}

/// The text of a quoted string as written in the file (`a\nb`), as the parser reads it.
fn unescape(written: &str) -> String {
    if !written.contains('\\') {
        return written.to_owned();
    }
    ron::from_str::<String>(&format!("\"{written}\"")).unwrap_or_else(|_| written.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_ids_and_later_references() {
        let text = "(\n  nodes: [\n    (\n      id: \"web\",\n    ),\n    (id:\"crm\"),\n  ],\n  flows: [(id: \"f1\", from: \"web\", to: \"nope\")],\n)\n";
        let map = SourceMap::new(text);
        assert_eq!(map.line_of("web"), Some(4));
        assert_eq!(map.line_of("crm"), Some(6));
        assert_eq!(map.line_of("f1"), Some(8));
        assert_eq!(map.line_of("missing"), None);
        assert_eq!(map.find_quoted_from("nope", 8), Some(8));
        assert_eq!(map.find_quoted_from("web", 5), Some(8));
    }

    #[test]
    fn escaped_ids_are_found_as_the_parser_reads_them() {
        let text = "(\n  nodes: [\n    (id: \"a\\nb\"),\n    (id: \"q\\\"x\"),\n  ],\n)\n";
        let map = SourceMap::new(text);
        assert_eq!(map.line_of("a\nb"), Some(3));
        assert_eq!(map.line_of("q\"x"), Some(4));
        assert_eq!(map.find_quoted_from("a\nb", 1), Some(3));
    }
}
