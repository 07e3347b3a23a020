//! Reading request bodies: one JSON body, JSON Lines (one body per line, read line by line so
//! that memory stays bounded), or a HAR file from browser devtools or a proxy (the requests to
//! the platform's endpoint). Errors say where, never what: no value from the input is quoted.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use serde_json::Value;

use super::lines::{Sharing, read_lines};
use super::{Inspector, Skipped};

/// Input that cannot be inspected at all.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("{file}: cannot read: {source}")]
    Read {
        file: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{file}:{line}:{column}: not valid JSON ({what})")]
    NotJson {
        file: String,
        line: usize,
        column: usize,
        what: &'static str,
    },
    #[error("{file}: a HAR file without a log.entries list")]
    NotHar { file: String },
    #[error(
        "{file}: a HAR file, but the catalogue lists no API host for {platform}, so none of its requests can be picked out (add api: (hosts: [...]) to the platform's catalogue file)"
    )]
    NoHosts { file: String, platform: String },
    #[error(
        "{file}: not a HAR file; only a HAR file's requests can be told apart by the host they went to (name the destination with --destination for other captures)"
    )]
    NeedsHar { file: String },
}

/// The kind of a JSON error, without the text of the input that serde_json's own message
/// may quote.
pub(super) fn what(e: &serde_json::Error) -> &'static str {
    use serde_json::error::Category;
    match e.classify() {
        Category::Io => "read error",
        Category::Syntax => "syntax error",
        Category::Data => "unexpected value",
        Category::Eof => "ends too early",
    }
}

/// The UTF-8 byte-order mark.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Reads one input file into the inspector.
pub fn read_path(path: &Path, inspector: &mut Inspector) -> Result<(), InputError> {
    read_path_into(path, std::slice::from_mut(inspector))
}

/// Reads one input file into several inspectors at once: a HAR file is parsed once and each
/// inspector takes the requests to its own platform's hosts.
pub fn read_path_into(path: &Path, inspectors: &mut [Inspector]) -> Result<(), InputError> {
    let file = path.display().to_string();
    let opened = File::open(path).map_err(|source| InputError::Read {
        file: file.clone(),
        source,
    })?;
    // Large reads: fewer system calls for a capture of hundreds of megabytes.
    let reader = BufReader::with_capacity(1 << 18, opened);
    read_into(reader, &file, inspectors, Sharing::of_machine())
}

/// Reads standard input (`capimap inspect -`: a capture streamed from object storage, `zcat`
/// or another command) into several inspectors, as [`read_path_into`] reads a file.
/// `name` is what the notes on skipped input call it (`standard input` when none is given).
pub fn read_stdin_into(inspectors: &mut [Inspector], name: Option<&str>) -> Result<(), InputError> {
    // The name reaches the terminal: a control character in it is shown escaped.
    let name = name.map_or_else(
        || "standard input".to_owned(),
        |n| crate::model::shown::shown(n, 200),
    );
    read_into(
        std::io::stdin().lock(),
        &name,
        inspectors,
        Sharing::of_machine(),
    )
}

/// Reads one input (a JSON body, JSON Lines or a HAR file) into the inspector; `file` names
/// it in errors and notes. The fuzz targets feed it bytes directly.
pub fn read_input(
    reader: impl BufRead,
    file: &str,
    inspector: &mut Inspector,
) -> Result<(), InputError> {
    read_into(
        reader,
        file,
        std::slice::from_mut(inspector),
        Sharing::of_machine(),
    )
}

/// [`read_input`] into several inspectors, with JSON Lines shared out as `sharing` says (the
/// tests compare any sharing with one thread).
pub fn read_input_shared(
    reader: impl BufRead,
    file: &str,
    inspectors: &mut [Inspector],
    sharing: Sharing,
) -> Result<(), InputError> {
    read_into(reader, file, inspectors, sharing)
}

/// [`read_input`] for several inspectors: a request body that is not in a HAR file goes to
/// each of them.
fn read_into(
    mut reader: impl BufRead,
    file: &str,
    inspectors: &mut [Inspector],
    sharing: Sharing,
) -> Result<(), InputError> {
    let file = file.to_owned();
    let read_err = |source| InputError::Read {
        file: file.clone(),
        source,
    };
    // Windows tools often start a UTF-8 file with a byte-order mark; it is not part of the JSON.
    if reader.fill_buf().map_err(read_err)?.starts_with(BOM) {
        reader.consume(BOM.len());
    }
    // A body spread over several lines is one JSON document; one body per line is JSON Lines.
    // The first line that is not blank decides, however long it is: a whole JSON value on it
    // means JSON Lines (or a document on one line); anything else is the start of a document.
    let mut first = Vec::new();
    let mut line = 0;
    loop {
        first.clear();
        line += 1;
        if reader.read_until(b'\n', &mut first).map_err(read_err)? == 0
            || !first.iter().all(u8::is_ascii_whitespace)
        {
            break;
        }
    }
    let whole = std::str::from_utf8(&first)
        .ok()
        .and_then(|text| serde_json::from_str::<Value>(text).ok());
    if let Some(value) = whole {
        if value.get("log").is_none() {
            if inspectors.iter().any(|i| i.har_only) {
                return Err(InputError::NeedsHar { file });
            }
            for inspector in inspectors.iter_mut() {
                inspector.add_body_at(&value, Some(line), &file);
            }
            return read_lines(reader, line, &file, inspectors, sharing);
        }
        // A HAR file written on one line.
        let seed = Top {
            inspectors: &mut *inspectors,
            file: &file,
            har: None,
        };
        let har = serde::de::DeserializeSeed::deserialize(seed, value).map_err(|e| {
            InputError::NotJson {
                file: file.clone(),
                line,
                column: 1,
                what: what(&e),
            }
        })?;
        return har_outcome(har, file, inspectors);
    }
    // One document: a request body, an array of bodies, or a HAR file. It is read as a
    // stream, one body or HAR entry at a time, so that a large file needs no more memory than
    // its largest entry.
    let reader = std::io::Cursor::new(first).chain(reader);
    let mut de = serde_json::Deserializer::from_reader(reader);
    let seed = Top {
        inspectors: &mut *inspectors,
        file: &file,
        har: None,
    };
    let har = serde::de::Deserializer::deserialize_any(&mut de, seed)
        .and_then(|har| de.end().map(|()| har))
        .map_err(|e| InputError::NotJson {
            file: file.clone(),
            line: e.line(),
            column: e.column(),
            what: what(&e),
        })?;
    har_outcome(har, file, inspectors)
}

/// Whether a document that was read is acceptable: a HAR file must have entries, and a
/// platform whose requests can be picked out of one.
fn har_outcome(
    har: Option<bool>,
    file: String,
    inspectors: &[Inspector],
) -> Result<(), InputError> {
    if har == Some(false) {
        return Err(InputError::NotHar { file });
    }
    if har.is_none() && inspectors.iter().any(|i| i.har_only) {
        return Err(InputError::NeedsHar { file });
    }
    if har == Some(true)
        && let Some(i) = inspectors.iter().find(|i| i.platform.api.hosts.is_empty())
    {
        return Err(InputError::NoHosts {
            file,
            platform: i.platform.id.clone(),
        });
    }
    Ok(())
}

/// The whole document: returns `Some(found entries)` for a HAR file, `None` otherwise.
struct Top<'a, 'c> {
    inspectors: &'a mut [Inspector<'c>],
    file: &'a str,
    har: Option<bool>,
}

impl<'de> serde::de::DeserializeSeed<'de> for Top<'_, '_> {
    type Value = Option<bool>;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Top<'_, '_> {
    type Value = Option<bool>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a request body, a list of bodies, or a HAR file")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while let Some(body) = seq.next_element::<Value>()? {
            for inspector in self.inspectors.iter_mut().filter(|i| !i.har_only) {
                inspector.add_body_at(&body, None, self.file);
            }
        }
        Ok(None)
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(
        mut self,
        mut map: A,
    ) -> Result<Self::Value, A::Error> {
        let mut body = serde_json::Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if key == "log" {
                let found = map.next_value_seed(Log {
                    inspectors: &mut *self.inspectors,
                    file: self.file,
                })?;
                self.har = Some(found);
            } else {
                let v: Value = map.next_value()?;
                body.insert(key, v);
            }
        }
        if self.har.is_none() {
            let body = Value::Object(body);
            for inspector in self.inspectors.iter_mut().filter(|i| !i.har_only) {
                inspector.add_body_at(&body, None, self.file);
            }
        }
        Ok(self.har)
    }
}

/// A HAR file's `log`: only `entries` matters. Returns whether there was an entries list.
struct Log<'a, 'c> {
    inspectors: &'a mut [Inspector<'c>],
    file: &'a str,
}

impl<'de> serde::de::DeserializeSeed<'de> for Log<'_, '_> {
    type Value = bool;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Log<'_, '_> {
    type Value = bool;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a HAR log")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
        let mut found = false;
        while let Some(key) = map.next_key::<String>()? {
            if key == "entries" {
                map.next_value_seed(Entries {
                    inspectors: &mut *self.inspectors,
                    file: self.file,
                })?;
                found = true;
            } else {
                map.next_value::<serde::de::IgnoredAny>()?;
            }
        }
        Ok(found)
    }
}

/// The entries, one at a time.
struct Entries<'a, 'c> {
    inspectors: &'a mut [Inspector<'c>],
    file: &'a str,
}

impl<'de> serde::de::DeserializeSeed<'de> for Entries<'_, '_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Entries<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list of HAR entries")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut i = 0;
        while let Some(entry) = seq.next_element::<Value>()? {
            i += 1;
            for inspector in self.inspectors.iter_mut() {
                har_entry(&entry, i, self.file, inspector);
            }
        }
        Ok(())
    }
}

/// One HAR entry: a request to the platform's API host with a JSON body.
fn har_entry(entry: &Value, number: usize, file: &str, inspector: &mut Inspector) {
    let request = entry.get("request");
    let url = request
        .and_then(|r| r.get("url"))
        .and_then(Value::as_str)
        .unwrap_or("");
    let host = url
        .split("://")
        .nth(1)
        .and_then(|rest| rest.split(['/', '?', ':']).next())
        .unwrap_or("");
    // The catalogue's hosts, so that a platform added with --catalog is picked out too.
    if !inspector
        .platform
        .api
        .hosts
        .iter()
        .any(|h| h.eq_ignore_ascii_case(host))
    {
        return;
    }
    let Some(text) = request
        .and_then(|r| r.get("postData"))
        .and_then(|p| p.get("text"))
        .and_then(Value::as_str)
    else {
        return;
    };
    match serde_json::from_str::<Value>(text) {
        Ok(body) => inspector.add_body_at(&body, None, file),
        Err(e) => inspector.skip(Skipped {
            file: file.to_owned(),
            line: None,
            reason: format!(
                "entry {number} to {host}: the request body is not valid JSON ({})",
                what(&e)
            ),
        }),
    }
}
