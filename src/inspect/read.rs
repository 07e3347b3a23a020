//! Reading request bodies: one JSON body, JSON Lines (one body per line, read line by line so
//! that memory stays bounded), or a HAR file from browser devtools or a proxy (the requests to
//! the platform's endpoint). Errors say where, never what: no value from the input is quoted.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use serde_json::Value;

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
}

/// The kind of a JSON error, without the text of the input that serde_json's own message
/// may quote.
fn what(e: &serde_json::Error) -> &'static str {
    use serde_json::error::Category;
    match e.classify() {
        Category::Io => "read error",
        Category::Syntax => "syntax error",
        Category::Data => "unexpected value",
        Category::Eof => "ends too early",
    }
}

/// Hosts of each platform's conversion API, to pick its requests out of a HAR file.
fn hosts(platform: &str) -> &'static [&'static str] {
    match platform {
        "meta" => &["graph.facebook.com"],
        "google-ads" => &["googleads.googleapis.com"],
        "google-data-manager" => &["datamanager.googleapis.com"],
        "tiktok" => &["business-api.tiktok.com"],
        "snapchat" => &["tr.snapchat.com"],
        "pinterest" => &["api.pinterest.com"],
        "linkedin" => &["api.linkedin.com"],
        "reddit" => &["ads-api.reddit.com"],
        "x" => &["ads-api.x.com", "ads-api.twitter.com"],
        "microsoft" => &["capi.uet.microsoft.com", "bat.bing.com"],
        _ => &[],
    }
}

/// Reads one input file into the inspector.
pub fn read_path(path: &Path, inspector: &mut Inspector) -> Result<(), InputError> {
    let file = path.display().to_string();
    let read_err = |source| InputError::Read {
        file: file.clone(),
        source,
    };
    let mut reader = BufReader::new(File::open(path).map_err(read_err)?);
    // A body spread over several lines is one JSON document; one body per line is JSON Lines.
    let first = reader.fill_buf().map_err(read_err)?.to_vec();
    let head = String::from_utf8_lossy(&first);
    let first_line = head.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let one_line_body = serde_json::from_str::<Value>(first_line).is_ok();
    if one_line_body && !first_line.trim_start().starts_with("{\"log\"") {
        return read_lines(reader, &file, inspector);
    }
    let mut text = String::new();
    reader.read_to_string(&mut text).map_err(read_err)?;
    let value: Value = serde_json::from_str(&text).map_err(|e| InputError::NotJson {
        file: file.clone(),
        line: e.line(),
        column: e.column(),
        what: what(&e),
    })?;
    if value.get("log").is_some() {
        return read_har(&value, &file, inspector);
    }
    inspector.add_body(&value);
    Ok(())
}

fn read_lines(
    reader: impl BufRead,
    file: &str,
    inspector: &mut Inspector,
) -> Result<(), InputError> {
    for (i, line) in reader.lines().enumerate() {
        let line = line.map_err(|source| InputError::Read {
            file: file.to_owned(),
            source,
        })?;
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Value>(&line) {
            Ok(body) => inspector.add_body(&body),
            Err(e) => inspector.skip(Skipped {
                file: file.to_owned(),
                line: Some(i + 1),
                reason: format!("not valid JSON ({} at column {})", what(&e), e.column()),
            }),
        }
    }
    Ok(())
}

fn read_har(har: &Value, file: &str, inspector: &mut Inspector) -> Result<(), InputError> {
    let entries = har
        .get("log")
        .and_then(|l| l.get("entries"))
        .and_then(Value::as_array)
        .ok_or_else(|| InputError::NotHar {
            file: file.to_owned(),
        })?;
    let hosts = hosts(&inspector.platform.id);
    for (i, entry) in entries.iter().enumerate() {
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
        if !hosts.contains(&host) {
            continue;
        }
        let Some(text) = request
            .and_then(|r| r.get("postData"))
            .and_then(|p| p.get("text"))
            .and_then(Value::as_str)
        else {
            continue;
        };
        match serde_json::from_str::<Value>(text) {
            Ok(body) => inspector.add_body(&body),
            Err(e) => inspector.skip(Skipped {
                file: file.to_owned(),
                line: None,
                reason: format!(
                    "entry {} to {host}: the request body is not valid JSON ({})",
                    i + 1,
                    what(&e)
                ),
            }),
        }
    }
    Ok(())
}
