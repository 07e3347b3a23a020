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

/// The migrations of this build, oldest first.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        from: 1,
        upgrade: v1_to_v2,
    },
    Migration {
        from: 2,
        upgrade: v2_to_v3,
    },
    Migration {
        from: 3,
        upgrade: v3_to_v4,
    },
    Migration {
        from: 4,
        upgrade: v4_to_v5,
    },
];

/// Version 2 added what version 1 could not say — where a source's users are, where the
/// organisation is established, which activities and regions a field mapping is for, what a
/// store does on withdrawal, and strictly necessary activities — all optional, with defaults
/// that mean what version 1 meant (no regions recorded: anywhere; a mapping serves all the
/// activities of its flow). So a version-1 text is a version-2 text once its version says 2,
/// and the step changes only that number: the user's comments, order and layout stay as they
/// were.
fn v1_to_v2(text: &str) -> Result<String, String> {
    renumber(text, 1)
}

/// Version 3 added a flow's request type (which kind of request a platform's API gets), a
/// destination's API version, normalisations for Reddit's e-mail, Google Ads' Gmail dots and
/// Meta's truncated keys, an activity's legitimate interest and its introduced / changed dates,
/// and the record's approvers: all optional or new, so the step again changes only the number.
fn v2_to_v3(text: &str) -> Result<String, String> {
    renumber(text, 2)
}

/// Version 4 added the role and contract of any system another company runs (so that a
/// hosted customer data platform is a processor in the record, not an "own system"): optional,
/// absent meaning what version 3 meant, so the step changes only the number.
fn v3_to_v4(text: &str) -> Result<String, String> {
    renumber(text, 3)
}

/// Version 5 added what an import from a server-side Tag Manager container needs: the
/// container elements a node or flow came from, a destination disabled because its tags are
/// paused, the user's browser as a store, and a transform that is not known. All optional or
/// new variants, so the step changes only the number.
fn v4_to_v5(text: &str) -> Result<String, String> {
    renumber(text, 4)
}

/// The text with its top-level version changed from `from` to `from + 1`, nothing else.
fn renumber(text: &str, from: u32) -> Result<String, String> {
    let (start, end) = top_level_value(text, "version")
        .ok_or_else(|| "the file has no top-level 'version' field".to_owned())?;
    if text[start..end].trim() != from.to_string() {
        return Err(format!(
            "expected version {from}, found {}",
            text[start..end].trim()
        ));
    }
    Ok(format!("{}{}{}", &text[..start], from + 1, &text[end..]))
}

/// The top-level `version: N` of a project text, when it is a plain whole number.
pub(super) fn top_level_version(text: &str) -> Option<u32> {
    let (start, end) = top_level_value(text, "version")?;
    let digits = text[start..end].trim();
    // Only digits: `parse` alone would take a leading '+'.
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// The byte range of the value of a field of the outermost block of a RON text (`version: 1`
/// inside the project's parentheses), skipping strings and comments; `None` when there is none.
fn top_level_value(text: &str, name: &str) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = text[i + 2..]
                    .find("*/")
                    .map_or(bytes.len(), |k| i + 2 + k + 1);
            }
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            _ if depth == 1
                && bytes[i..].starts_with(name.as_bytes())
                && !bytes
                    .get(i.wrapping_sub(1))
                    .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_') =>
            {
                let rest = text[i + name.len()..].trim_start();
                if let Some(after) = rest.strip_prefix(':') {
                    let after = after.trim_start();
                    let start = text.len() - after.len();
                    let value = after
                        .find([',', ')', '\n'])
                        .map_or(after, |len| &after[..len]);
                    return Some((start, start + value.trim_end().len()));
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_top_level_version_changes() {
        let v1 = "// version: 1 in a comment\n(\n    name: \"version: 1\",\n    version: 1,\n    organisation: (version: 1),\n)";
        let v2 = v1_to_v2(v1).unwrap();
        assert_eq!(v2, v1.replacen("    version: 1,", "    version: 2,", 1));
        assert!(
            v1_to_v2("(version: 3)")
                .unwrap_err()
                .contains("expected version 1")
        );
        assert!(v1_to_v2("(name: \"x\")").is_err());
        assert_eq!(
            v2_to_v3(&v2),
            Ok(v1.replacen("    version: 1,", "    version: 3,", 1))
        );
    }

    #[test]
    fn a_version_4_file_loads_as_version_5_unchanged_but_for_its_number() {
        let v5 = crate::examples::SHOP;
        let v4 = v5.replacen("    version: 5,", "    version: 4,", 1);
        assert_ne!(v4, v5);
        assert_eq!(upgrade(&v4, 4, 5, MIGRATIONS).as_deref(), Ok(v5));
        let loaded = crate::store::parse(&v4, "v4").map(|l| l.project);
        let current = crate::store::parse(v5, "v5").map(|l| l.project);
        assert!(loaded.is_ok() && loaded.ok() == current.ok());
    }
}
