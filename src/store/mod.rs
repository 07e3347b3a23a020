//! Project files: RON text for people and for git.
//!
//! - Output is deterministic: entities in the user's order, one per block, one attribute per
//!   line, so an unchanged project saves to identical bytes and a one-field change is a
//!   one-line diff.
//! - Saving is atomic (temporary file in the same folder, fsync, rename) and keeps the previous
//!   file as `*.bak`.
//! - Loading never panics: every problem is a [`StoreError`] with file, line and column.

mod error;
mod fast;
pub mod migrate;
mod save;
mod source_map;
pub mod validate;
pub mod version;

use std::fs;
use std::io::{self, Write};
use std::path::Path;

use ron::extensions::Extensions;
use ron::ser::PrettyConfig;
use serde::Deserialize;

pub use error::StoreError;
pub use migrate::{MIGRATIONS, Migration};
pub use save::{Saved, backup_path};
pub use source_map::SourceMap;

use crate::model::shown::{one_line, shown};
use crate::model::{CURRENT_VERSION, Project};
use validate::Problem;

/// The file-name ending of project files.
pub const EXTENSION: &str = "capimap.ron";

/// The first line of every project file capimap writes.
const HEADER: &str = "// capimap project file: see README.md, \"The project file\".\n";

/// Nesting deeper than any real project needs; deeper input is refused before it can exhaust
/// the stack.
const RECURSION_LIMIT: usize = 64;

fn extensions() -> Extensions {
    Extensions::IMPLICIT_SOME | Extensions::UNWRAP_VARIANT_NEWTYPES
}

fn ron_options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(extensions())
        .with_recursion_limit(RECURSION_LIMIT)
}

/// A project as read from its file.
#[derive(Clone, Debug)]
pub struct Loaded {
    pub project: Project,
}

/// The largest project file capimap opens: far beyond any real project (the size ladder's
/// 200,000-flow project, `cargo run --release --example ladder`, is 500 MB), small enough that
/// a wrong file cannot exhaust memory.
pub const MAX_FILE_BYTES: u64 = 1 << 30;

/// The bytes of a project file: a regular file of at most [`MAX_FILE_BYTES`].
pub fn read_file(path: &Path) -> Result<Vec<u8>, StoreError> {
    read_capped(
        path,
        MAX_FILE_BYTES,
        "which no project needs; is this the right file?",
    )
}

/// The bytes of any input file: a regular file of at most `max` bytes; `why` follows "larger
/// than N MB, " in the error.
pub fn read_capped(path: &Path, max: u64, why: &str) -> Result<Vec<u8>, StoreError> {
    read_limited(path, max, why).map_err(|source| StoreError::Read {
        file: path.display().to_string(),
        source,
    })
}

/// Reads and checks a project file.
pub fn load(path: &Path) -> Result<Loaded, StoreError> {
    parse_bytes(&read_file(path)?, &path.display().to_string())
}

/// [`load`], keeping the file's text: for the map of where the project's entities stand in
/// it ([`SourceMap::from_text`]), which only callers that report lines need.
pub fn load_keeping_text(path: &Path) -> Result<(Loaded, String), StoreError> {
    let file = path.display().to_string();
    let text = String::from_utf8(read_file(path)?).map_err(|e| {
        let bytes = e.as_bytes();
        not_utf8(bytes, e.utf8_error().valid_up_to(), &file)
    })?;
    let loaded = parse(&text, &file)?;
    Ok((loaded, text))
}

/// Parses and checks the bytes of a project file (read by the caller, who may need them too:
/// the record hashes them); `file` names it in errors.
pub fn parse_bytes(bytes: &[u8], file: &str) -> Result<Loaded, StoreError> {
    let text = std::str::from_utf8(bytes).map_err(|e| not_utf8(bytes, e.valid_up_to(), file))?;
    parse(text, file)
}

/// A file that is not UTF-8 from byte `valid` on.
fn not_utf8(bytes: &[u8], valid: usize, file: &str) -> StoreError {
    let (line, column) = line_col(&bytes[..valid]);
    StoreError::Syntax {
        file: file.to_owned(),
        line,
        column,
        message: "the file is not UTF-8 text".to_owned(),
    }
}

/// The bytes of a regular file of at most [`MAX_FILE_BYTES`] (`/dev/zero` or a FIFO would
/// be read until memory runs out).
fn read_limited(path: &Path, max: u64, why: &str) -> io::Result<Vec<u8>> {
    use std::io::Read as _;
    let f = fs::File::open(path)?;
    let meta = f.metadata()?;
    if !meta.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a regular file (a folder, device or pipe)",
        ));
    }
    let too_big = || {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!("larger than {} MB, {why}", max >> 20),
        )
    };
    if meta.len() > max {
        return Err(too_big());
    }
    // Read at most one byte more than the limit: a file that grows while it is read is
    // still refused.
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    f.take(max + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(too_big());
    }
    Ok(bytes)
}

/// Parses and checks project text; `file` names it in errors.
pub fn parse(text: &str, file: &str) -> Result<Loaded, StoreError> {
    parse_with(text, file, MIGRATIONS)
}

/// As [`parse`], with the given migrations (tests use their own).
pub fn parse_with(text: &str, file: &str, migrations: &[Migration]) -> Result<Loaded, StoreError> {
    // A byte-order mark (Windows editors add one) is not part of the project.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let version = probe_version(text, file)?;
    let current = migrations
        .iter()
        .map(|m| m.from + 1)
        .max()
        .unwrap_or(CURRENT_VERSION)
        .max(CURRENT_VERSION);
    if version > current {
        return Err(StoreError::NewerVersion {
            file: file.to_owned(),
            found: version,
            supported: current,
        });
    }
    let upgraded;
    let text = if version < current {
        upgraded =
            migrate::upgrade(text, version, current, migrations).map_err(|(from, message)| {
                StoreError::Migration {
                    file: file.to_owned(),
                    from,
                    message,
                }
            })?;
        upgraded.as_str()
    } else {
        text
    };
    // The fast reader reads what capimap writes; the `ron` crate reads the rest and says
    // where a mistake is.
    let project: Project = match fast::project(text) {
        Some(project) => project,
        None => {
            refuse_too_deep(text, file)?;
            ron_options()
                .from_str(text)
                .map_err(|e| syntax_error(file, &e))?
        }
    };
    // The flows' list is the one large list; without spare room (see `model::tight`).
    let mut project = project;
    project.flows = crate::model::tight::tight(std::mem::take(&mut project.flows));
    if let Some(problem) = validate::problems(&project).into_iter().next() {
        // Where it is in the file is worked out only now: a valid project does not need it.
        return Err(locate(problem, &SourceMap::new(text), file));
    }
    Ok(Loaded { project })
}

/// Reads only the `version` field, so that a newer file is refused with a clear message
/// rather than with whatever its new parts fail on.
fn probe_version(text: &str, file: &str) -> Result<u32, StoreError> {
    use ron::Error as E;
    #[derive(Deserialize)]
    struct Probe {
        version: Option<u32>,
    }
    if text.trim().is_empty() {
        return Err(StoreError::Invalid {
            file: file.to_owned(),
            line: 1,
            message: "the file is empty; `capimap new FILE` writes a project to start from"
                .to_owned(),
        });
    }
    // A project file says its version near the top: read it without parsing the rest (the
    // whole file goes through the parser once, after this). Where that is not plain, the
    // parser reads the file for the version, and says exactly what stands in its way.
    if let Some(version) = migrate::top_level_version(text) {
        return Ok(version);
    }
    refuse_too_deep(text, file)?;
    let probe: Probe = ron_options().from_str(text).map_err(|e| {
        let mut err = syntax_error(file, &e);
        if let (
            E::ExpectedStructLike | E::ExpectedNamedStructLike(_),
            StoreError::Syntax { message, .. },
        ) = (&e.code, &mut err)
        {
            message.push_str(": a capimap project file starts with '('");
        }
        err
    })?;
    probe.version.ok_or_else(|| StoreError::Invalid {
        file: file.to_owned(),
        line: 1,
        message: "no 'version' field: is this a capimap project file?".to_owned(),
    })
}

/// Skipping a deeply nested value costs the `ron` crate far more than reading it (a megabyte
/// of `Some(` took seconds), and nesting deeper than its limit is best named as such rather
/// than by the first value of a wrong type: too deep nesting is refused first, in one linear
/// pass, wherever the `ron` crate is to read a text.
fn refuse_too_deep(text: &str, file: &str) -> Result<(), StoreError> {
    match too_deep(text.as_bytes()) {
        Some(at) => {
            let (line, column) = line_col(&text.as_bytes()[..at]);
            Err(StoreError::Syntax {
                file: file.to_owned(),
                line,
                column,
                message: describe(&ron::Error::ExceededRecursionLimit),
            })
        }
        None => Ok(()),
    }
}

fn syntax_error(file: &str, e: &ron::error::SpannedError) -> StoreError {
    StoreError::Syntax {
        file: file.to_owned(),
        line: e.span.start.line,
        column: e.span.start.col,
        message: describe(&e.code),
    }
}

/// RON's messages, phrased for people who do not know serde, and never longer than a line
/// (a value from the file is quoted only in part).
fn describe(code: &ron::Error) -> String {
    use ron::Error as E;
    let text = match code {
        E::Eof => "the file ends too early: a bracket or a quote is not closed".to_owned(),
        E::ExceededRecursionLimit => {
            format!("nested more than {RECURSION_LIMIT} levels deep; a project never needs that")
        }
        E::ExpectedComma => "a comma is missing before this point".to_owned(),
        E::ExpectedInteger => "expected a whole number here".to_owned(),
        E::ExpectedFloat => "expected a number here".to_owned(),
        E::ExpectedBoolean => "expected true or false here".to_owned(),
        E::ExpectedString => "expected text in double quotes here".to_owned(),
        E::ExpectedStringEnd => "a text in double quotes is not closed".to_owned(),
        E::ExpectedArray => "expected a list in square brackets [ … ] here".to_owned(),
        E::ExpectedArrayEnd => "a list is not closed with ] here".to_owned(),
        E::ExpectedMap => "expected a map in braces { … } here".to_owned(),
        E::ExpectedMapEnd => "a map is not closed with } here".to_owned(),
        E::ExpectedStructLike | E::ExpectedNamedStructLike(_) => {
            "expected a block in parentheses ( … ) here".to_owned()
        }
        E::ExpectedStructLikeEnd => "a block is not closed with ) here".to_owned(),
        E::ExpectedIdentifier | E::SuggestRawIdentifier(_) | E::InvalidIdentifier(_) => {
            "expected a name here, such as an attribute name or a value like Consent".to_owned()
        }
        E::TrailingCharacters => "unexpected text after the end of the project".to_owned(),
        E::UnexpectedChar(c) => format!("unexpected character '{c}'"),
        E::InvalidValueForType { expected, found } => {
            format!("expected {expected}, found {}", shown(found, 40))
        }
        E::MissingStructField { field, outer } => match outer {
            Some(outer) => format!("'{field}' is missing in {}", describe_outer(outer, true)),
            None => format!("'{field}' is missing"),
        },
        E::NoSuchStructField {
            expected,
            found,
            outer,
        } => format!(
            "unknown attribute '{}'{}; expected one of: {}",
            shown(found, 40),
            outer
                .as_deref()
                .map(|o| format!(" in {}", describe_outer(o, true)))
                .unwrap_or_default(),
            expected.join(", ")
        ),
        E::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => format!(
            "'{}' is not a known {}; expected one of: {}",
            shown(found, 40),
            outer
                .as_deref()
                .map(|o| describe_outer(o, false))
                .unwrap_or_else(|| "value".to_owned()),
            expected.join(", ")
        ),
        E::DuplicateStructField { field, .. } => format!("'{field}' is given twice"),
        other => other.to_string(),
    };
    shown(&text, 300)
}

/// `ProcessingActivity` → "a processing activity" (or "processing activity").
fn describe_outer(name: &str, article: bool) -> String {
    let mut words = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            words.push(' ');
        }
        words.extend(c.to_lowercase());
    }
    if !article {
        return words;
    }
    let article = if words.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {words}")
}

fn locate(problem: Problem, map: &SourceMap, file: &str) -> StoreError {
    let file = file.to_owned();
    match problem {
        Problem::BadId { id, owner, why } => StoreError::Invalid {
            line: map.line_of(&id).unwrap_or(1),
            message: one_line(&format!("{owner}: {why}")),
            file,
        },
        Problem::BadPosition { node, message } => {
            let start = map.line_of_key("layout").unwrap_or(1);
            StoreError::Invalid {
                line: map.find_quoted_from(&node, start).unwrap_or(start),
                message: one_line(&message),
                file,
            }
        }
        Problem::Duplicate { id, first, second } => {
            let lines = map.lines_of(&id);
            StoreError::DuplicateId {
                first_line: lines.first().copied().unwrap_or(1),
                second_line: lines.get(1).copied().unwrap_or(1),
                id: shown(&id, 60),
                first: one_line(&first),
                second: one_line(&second),
                file,
            }
        }
        Problem::Unknown {
            id,
            kind,
            used_in,
            owner_id,
        } => {
            let owner_line = map.line_of(&owner_id).unwrap_or(1);
            StoreError::UnknownReference {
                line: map.find_quoted_from(&id, owner_line).unwrap_or(owner_line),
                id: shown(&id, 60),
                kind,
                used_in: one_line(&used_in),
                file,
            }
        }
        Problem::BadValue {
            value,
            owner_id,
            message,
        } => {
            let owner_line = owner_id.and_then(|o| map.line_of(&o)).unwrap_or(1);
            StoreError::Invalid {
                line: map
                    .find_quoted_from(&value, owner_line)
                    .unwrap_or(owner_line),
                message: one_line(&message),
                file,
            }
        }
    }
}

/// The byte offset where brackets outside strings and comments first nest deeper than
/// [`RECURSION_LIMIT`], if they do.
fn too_deep(b: &[u8]) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'(' | b'[' | b'{' => {
                depth += 1;
                if depth > RECURSION_LIMIT {
                    return Some(i);
                }
            }
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
            }
            // A raw string r"…" or r#"…"#: its end is the quote with as many #.
            b'r' if matches!(b.get(i + 1), Some(b'"' | b'#')) => {
                let hashes = b[i + 1..].iter().take_while(|&&c| c == b'#').count();
                if b.get(i + 1 + hashes) == Some(&b'"') {
                    i += 2 + hashes;
                    while i < b.len()
                        && !(b[i] == b'"'
                            && b[i + 1..].iter().take(hashes).all(|&c| c == b'#')
                            && b.len() - i > hashes)
                    {
                        i += 1;
                    }
                    i += hashes;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i + 1 < b.len() && !(b[i] == b'*' && b[i + 1] == b'/') {
                    i += 1;
                }
                i += 1;
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// 1-based line and column of the end of `prefix`.
fn line_col(prefix: &[u8]) -> (usize, usize) {
    let line = prefix.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = prefix.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
    (line, column)
}

/// The project as file text, in capimap's canonical layout.
pub fn to_string(project: &Project) -> String {
    let config = PrettyConfig::new()
        .indentor("    ")
        .new_line("\n")
        .struct_names(false)
        .separate_tuple_members(false)
        .enumerate_arrays(false)
        // Text as typed: apostrophes and accents stay readable; a text with a quote or a
        // backslash is written as a raw string r#"…"#.
        .escape_strings(false)
        .extensions(extensions());
    // Serialising plain data into a String cannot fail: there is no I/O, and every map key
    // is a string. Should a future model break that, the message says where.
    let body = ron::ser::to_string_pretty(project, config)
        .unwrap_or_else(|e| format!("// capimap could not write this project: {e}\n"));
    let mut out = String::with_capacity(body.len() + HEADER.len() + 1);
    out.push_str(HEADER);
    out.push_str(&body);
    out.push('\n');
    out
}

/// Saves atomically, keeping the previous file as `*.bak` (see [`save`](self::save) module).
pub fn save(path: &Path, project: &Project) -> Result<Saved, StoreError> {
    let text = to_string(project);
    write_atomic(path, |w| w.write_all(text.as_bytes()))
}

/// Writes a file atomically, keeping the previous one as `*.bak`: the content goes to a
/// temporary file in the same folder, is flushed to disk and renamed over the target. If
/// anything fails, the target and its backup are untouched and the temporary file removed.
pub fn write_atomic(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<Saved, StoreError> {
    save::write_file(path, true, write)
}

/// Writes an output file (an export) atomically, without keeping the previous one.
pub fn write_output(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<Saved, StoreError> {
    save::write_file(path, false, write)
}
