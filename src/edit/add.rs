//! Edits that add entities: a new processing activity, consent purpose or field with a fresh
//! id, and the mappings documenting fields that inspected requests carry.

use crate::catalog::Platform;
use crate::model::*;

use super::ops::{append, replace, unique_id};
use super::{Command, Item};

/// A new processing activity, named as a placeholder for the user to overwrite.
pub fn new_activity(p: &Project) -> (Command, ActivityId) {
    let id = ActivityId::new(unique_id(p, "new-activity"));
    let a = ProcessingActivity {
        id: id.clone(),
        name: "New processing activity".to_owned(),
        ..ProcessingActivity::default()
    };
    (append(p, Item::Activity(a)), id)
}

/// A new consent purpose.
pub fn new_consent_purpose(p: &Project) -> (Command, ConsentPurposeId) {
    let id = ConsentPurposeId::new(unique_id(p, "new-consent-purpose"));
    let c = ConsentPurpose {
        id: id.clone(),
        name: "New consent purpose".to_owned(),
        ..ConsentPurpose::default()
    };
    (append(p, Item::ConsentPurpose(c)), id)
}

/// A new field. It starts as a direct identifier with the e-mail category: the strictest
/// reading, so that the checks ask about it until the user says what it is.
pub fn new_field(p: &Project) -> (Command, FieldId) {
    let id = FieldId::new(unique_id(p, "new-field"));
    let f = Field {
        id: id.clone(),
        label: "New field".to_owned(),
        category: "user.contact.email".to_owned(),
        ..Field::default()
    };
    (append(p, Item::Field(f)), id)
}

/// A field seen in inspected requests, as far as the inspection tells: never a value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Observed {
    /// The path in the request body, i.e. the wire name.
    pub path: String,
    /// Every value seen was a hash.
    pub hashed: bool,
    /// What the values looked like, for a field that has to be created.
    pub identifiability: Identifiability,
}

/// Documents fields seen in requests on the first flow into `destination`, as one command:
/// each becomes a mapping (to a field of the parameter's category, or a new field), sent as
/// seen (hashed with the platform's normalisation, or raw), with the justification left for
/// the user to write. `None` when no flow leads into the destination.
pub fn document_observed(
    project: &Project,
    platform: &Platform,
    destination: &str,
    observed: &[Observed],
) -> Option<Command> {
    let flow = project.flows_into(destination).next()?.clone();
    let mut steps = Vec::new();
    let mut changed = flow;
    let mut scratch = project.clone();
    for seen in observed {
        let param = platform.parameter(&seen.path);
        let category = param.map_or("capimap.event_data".to_owned(), |x| x.category.clone());
        let field = match scratch.fields.iter().find(|f| f.category == category) {
            Some(f) => f.id.clone(),
            None => {
                let id = FieldId::new(unique_id(&scratch, &seen.path));
                let f = Field {
                    id: id.clone(),
                    label: param.map_or(seen.path.clone(), |x| x.label.clone()),
                    category: category.clone(),
                    identifiability: seen.identifiability,
                    ..Field::default()
                };
                let cmd = append(&scratch, Item::Field(f));
                // The scratch copy gives the next field a fresh id; the command was built on
                // it, so it applies.
                cmd.clone().apply(&mut scratch).ok()?;
                steps.push(cmd);
                id
            }
        };
        let transform = if seen.hashed {
            Transform::Sha256(param.and_then(|x| x.normalisation.clone()))
        } else {
            Transform::Raw
        };
        changed
            .fields
            .push(FieldMapping::new(field, seen.path.clone(), transform));
    }
    steps.push(replace(&scratch, Item::Flow(changed))?);
    Some(Command::Batch(steps))
}
