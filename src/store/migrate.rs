//! Upgrading project files written in an older file-format version.
//!
//! A migration is a step from version N to N+1 that works on the file's text: it parses the
//! text with the types frozen for version N, converts them, and writes the text of version
//! N+1. Steps compose by running one after another, each step owns its old types, and an old
//! file's syntax errors are reported against the user's own text with line and column.

/// One step from `from` to `from + 1`.
#[derive(Clone, Copy)]
pub struct Migration {
    pub from: u32,
    /// Text of version `from` in, text of version `from + 1` out; an error is one sentence.
    pub upgrade: fn(&str) -> Result<String, String>,
}

/// The migrations of this build, oldest first. Version 1 is the first file format, so there is
/// nothing to upgrade yet; the next format change adds its step here.
pub const MIGRATIONS: &[Migration] = &[];

/// Upgrades `text` from version `from` to version `to`, step by step.
pub fn upgrade(
    text: &str,
    from: u32,
    to: u32,
    steps: &[Migration],
) -> Result<String, (u32, String)> {
    let mut text = text.to_owned();
    for version in from..to {
        let step = steps.iter().find(|m| m.from == version).ok_or_else(|| {
            (
                version,
                format!("no upgrade from version {version} is known"),
            )
        })?;
        text = (step.upgrade)(&text).map_err(|e| (version, e))?;
    }
    Ok(text)
}
