//! Reading one platform file: its syntax, with the place of an error, and what a file must
//! hold together (ids, parameters listed once, request types that exist).

use std::collections::BTreeMap;

use super::{CatalogError, Platform};
use crate::model::Normalisation;

/// RON as the catalogue files are written, an error with its place.
fn from_ron<T: serde::de::DeserializeOwned>(text: &str, file: &str) -> Result<T, CatalogError> {
    let options = ron::Options::default()
        .with_default_extension(
            ron::extensions::Extensions::IMPLICIT_SOME
                | ron::extensions::Extensions::UNWRAP_VARIANT_NEWTYPES,
        )
        .with_recursion_limit(64);
    options.from_str(text).map_err(|e| CatalogError::Syntax {
        file: file.to_owned(),
        line: e.span.start.line,
        column: e.span.start.col,
        message: e.code.to_string(),
    })
}

/// Parses the usual normalisations: data category → normalisation.
pub(super) fn parse_normalisations(
    text: &str,
    file: &str,
) -> Result<BTreeMap<String, Normalisation>, CatalogError> {
    from_ron(text, file)
}

/// Parses one platform file.
pub fn parse_platform(text: &str, file: &str) -> Result<Platform, CatalogError> {
    let platform: Platform = from_ron(text, file)?;
    if let Some(why) = crate::model::ids::id_problem(&platform.id) {
        return Err(CatalogError::Invalid {
            file: file.to_owned(),
            message: format!("platform id '{}': {why}", platform.id),
        });
    }
    let invalid = |message: String| CatalogError::Invalid {
        file: file.to_owned(),
        message,
    };
    let mut seen = std::collections::HashSet::new();
    for p in platform.user_data.iter().chain(&platform.event_data) {
        if !seen.insert(p.wire_name.as_str()) {
            return Err(invalid(format!(
                "parameter '{}' is listed twice",
                p.wire_name
            )));
        }
    }
    let mut types = std::collections::HashSet::new();
    for t in &platform.request_types {
        if let Some(why) = crate::model::ids::id_problem(&t.id) {
            return Err(invalid(format!("request type id '{}': {why}", t.id)));
        }
        if !types.insert(t.id.as_str()) {
            return Err(invalid(format!("request type '{}' is listed twice", t.id)));
        }
    }
    let listed = platform
        .user_data
        .iter()
        .chain(&platform.event_data)
        .map(|p| (p.wire_name.as_str(), &p.request_types))
        .chain(
            platform
                .consent_parameters
                .iter()
                .map(|p| (p.wire_name.as_str(), &p.request_types)),
        );
    for (wire_name, request_types) in listed {
        if let Some(t) = request_types.iter().find(|t| !types.contains(t.as_str())) {
            return Err(invalid(format!(
                "parameter '{wire_name}' names request type '{t}', which the platform does not list under request_types"
            )));
        }
    }
    Ok(platform)
}
