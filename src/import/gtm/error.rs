//! Why a container export could not be read: one line each, naming the file and the place,
//! never quoting the input (a parameter value may be an access token).

use crate::model::shown::shown;

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{file}: not a JSON file: {what} at line {line} column {column}")]
    NotJson {
        file: String,
        what: &'static str,
        line: usize,
        column: usize,
    },
    #[error("{file}: an empty file, not a container export")]
    Empty { file: String },
    #[error("{file}: not a Tag Manager container export (no containerVersion)")]
    NotExport { file: String },
    #[error(
        "{file}: not a container export as Tag Manager writes it: {what} at line {line} column {column}"
    )]
    Shape {
        file: String,
        what: &'static str,
        line: usize,
        column: usize,
    },
    #[error(
        "{file}: a {usage} container; capimap imports server containers: export the server container (Admin ▸ Export Container)"
    )]
    NotServer { file: String, usage: String },
    #[error("{file}: export format version {version} is newer than this capimap reads ({known})")]
    NewerFormat {
        file: String,
        version: String,
        known: u32,
    },
    #[error("{file}: larger than {limit_mb} MB; a container export is a few MB at most")]
    TooLarge { file: String, limit_mb: u64 },
}

impl ImportError {
    /// The error of serde_json, told by its kind and place only: its own message can quote a
    /// value from the file.
    pub(super) fn from_json(file: &str, e: &serde_json::Error) -> Self {
        use serde_json::error::Category;
        let file = shown(file, 200);
        let (line, column) = (e.line(), e.column());
        match e.classify() {
            Category::Eof if line <= 1 && column == 0 => ImportError::Empty { file },
            Category::Eof => ImportError::NotJson {
                file,
                what: "the file ends in the middle of a value",
                line,
                column,
            },
            Category::Syntax | Category::Io => ImportError::NotJson {
                file,
                what: if e.to_string().contains("recursion limit") {
                    "nested too deeply"
                } else {
                    "not valid JSON"
                },
                line,
                column,
            },
            Category::Data => ImportError::Shape {
                file,
                what: "a value of the wrong type",
                line,
                column,
            },
        }
    }
}
