//! The catalogue as a whole: the built-in platforms, a user's folder of platforms that adds to
//! or overrides them, and the normalisations usually applied to each data category.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use super::{Platform, Provenance, builtin, parse, parse_platform};
use crate::model::Normalisation;

/// A problem with a catalogue file.
#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    #[error("{file}: cannot read: {source}")]
    Read {
        file: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{file}:{line}:{column}: {message}")]
    Syntax {
        file: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{file}: {message}")]
    Invalid { file: String, message: String },
}

/// The platforms, by id, and the normalisations usually applied to each data category.
#[derive(Clone, Debug, Default)]
pub struct Catalog {
    platforms: BTreeMap<String, Platform>,
    normalisations: BTreeMap<String, Normalisation>,
}

/// The file of a catalogue folder that holds the usual normalisations, not a platform.
const NORMALISATIONS_FILE: &str = "normalisations.ron";

impl Catalog {
    /// The catalogue built into capimap.
    pub fn builtin() -> Result<Self, CatalogError> {
        let mut catalog = Catalog {
            normalisations: parse::parse_normalisations(
                builtin::NORMALISATIONS,
                &format!("templates/{NORMALISATIONS_FILE}"),
            )?,
            ..Catalog::default()
        };
        for (name, text) in builtin::FILES {
            catalog.insert(parse_platform(
                text,
                &format!("templates/platforms/{name}"),
            )?);
        }
        Ok(catalog)
    }

    /// The built-in catalogue with the platforms of every `*.ron` file in `dir` added; a file
    /// whose id is a built-in platform's replaces it. Two files of the folder with one id are
    /// an error naming both: which of them was meant, capimap cannot know.
    pub fn with_dir(mut self, dir: &Path) -> Result<Self, CatalogError> {
        let read_err = |source| CatalogError::Read {
            file: dir.display().to_string(),
            source,
        };
        let mut files: Vec<_> = fs::read_dir(dir)
            .map_err(read_err)?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "ron"))
            .collect();
        files.sort();
        let mut from_dir: BTreeMap<String, String> = BTreeMap::new();
        for path in files {
            let file = path.display().to_string();
            let text = fs::read_to_string(&path).map_err(|source| CatalogError::Read {
                file: file.clone(),
                source,
            })?;
            if path.file_name().is_some_and(|n| n == NORMALISATIONS_FILE) {
                self.normalisations
                    .extend(parse::parse_normalisations(&text, &file)?);
            } else {
                let platform = parse_platform(&text, &file)?;
                if let Some(first) = from_dir.insert(platform.id.clone(), file.clone()) {
                    return Err(CatalogError::Invalid {
                        file,
                        message: format!(
                            "platform id '{}' is also the id of {first}; give each platform file its own id",
                            crate::model::shown::shown(&platform.id, 60)
                        ),
                    });
                }
                self.insert(platform);
            }
        }
        Ok(self)
    }

    pub fn insert(&mut self, platform: Platform) {
        self.platforms.insert(platform.id.clone(), platform);
    }

    pub fn get(&self, id: &str) -> Option<&Platform> {
        self.platforms.get(id)
    }

    /// The normalisation usually applied to a data category before hashing, where a
    /// platform's parameter names none.
    pub fn usual_normalisation(&self, category: &str) -> Option<&Normalisation> {
        self.normalisations.get(category)
    }

    /// The platforms in id order.
    pub fn platforms(&self) -> impl Iterator<Item = &Platform> {
        self.platforms.values()
    }

    pub fn len(&self) -> usize {
        self.platforms.len()
    }

    /// "812 facts: 402 primary, 230 primary (code), 120 secondary, 60 unknown": the
    /// provenance of every fact of every platform.
    pub fn provenance_summary(&self) -> String {
        let mut counts: BTreeMap<Provenance, usize> = BTreeMap::new();
        for p in self.platforms() {
            for (k, n) in p.provenance_counts() {
                *counts.entry(k).or_insert(0) += n;
            }
        }
        let total: usize = counts.values().sum();
        let parts: Vec<String> = [
            Provenance::Primary,
            Provenance::PrimaryCode,
            Provenance::Secondary,
            Provenance::Unknown,
        ]
        .iter()
        .map(|k| format!("{} {k}", counts.get(k).copied().unwrap_or(0)))
        .collect();
        format!("{total} facts: {}", parts.join(", "))
    }

    pub fn is_empty(&self) -> bool {
        self.platforms.is_empty()
    }
}
