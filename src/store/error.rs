//! Errors of reading and writing project files. Every message is one line that names the file
//! and, where there is one, the place in it (`file:line:column`).

use std::io;

/// What went wrong with a project file.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{file}: cannot read the file: {source}")]
    Read {
        file: String,
        #[source]
        source: io::Error,
    },

    #[error("{file}:{line}:{column}: {message}")]
    Syntax {
        file: String,
        line: usize,
        column: usize,
        message: String,
    },

    #[error(
        "{file}: written by a newer capimap (file format version {found}); this capimap reads \
         versions up to {supported}: update capimap to open it"
    )]
    NewerVersion {
        file: String,
        found: u32,
        supported: u32,
    },

    #[error("{file}: cannot upgrade from file format version {from}: {message}")]
    Migration {
        file: String,
        from: u32,
        message: String,
    },

    #[error("{file}:{line}: {message}")]
    Invalid {
        file: String,
        line: usize,
        message: String,
    },

    #[error(
        "{file}:{line}: {used_in} refers to {kind} '{id}', but there is no {kind} with that id"
    )]
    UnknownReference {
        file: String,
        line: usize,
        id: String,
        kind: &'static str,
        used_in: String,
    },

    #[error(
        "{file}:{second_line}: id '{id}' is used twice: by {first} (line {first_line}) and by \
         {second} (line {second_line}); ids must be unique in a project"
    )]
    DuplicateId {
        file: String,
        id: String,
        first: String,
        first_line: usize,
        second: String,
        second_line: usize,
    },

    #[error("{file}: cannot save: {source}")]
    Write {
        file: String,
        #[source]
        source: io::Error,
    },
}

impl StoreError {
    /// The line the error points at, when it points at one (for the app's error dialog).
    pub fn line(&self) -> Option<usize> {
        match self {
            StoreError::Syntax { line, .. }
            | StoreError::Invalid { line, .. }
            | StoreError::UnknownReference { line, .. } => Some(*line),
            StoreError::DuplicateId { second_line, .. } => Some(*second_line),
            _ => None,
        }
    }
}
