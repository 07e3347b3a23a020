//! A typed reference to any element of a project: what a finding is about, what the app has
//! selected, what an accepted risk names. One type for all three, so that a finding's element
//! is selected, highlighted and accepted without matching ids as text.

use std::borrow::Cow;

use super::ids::{ActivityId, ConsentPurposeId, FieldId, FlowId, NodeId, RetentionId, RiskId};
use super::project::Project;

#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ElementRef {
    Organisation,
    Node(NodeId),
    Flow(FlowId),
    /// One field mapping of a flow, addressed as `flow/field` in files and reports.
    Mapping(FlowId, FieldId),
    Activity(ActivityId),
    ConsentPurpose(ConsentPurposeId),
    Field(FieldId),
    Retention(RetentionId),
    AcceptedRisk(RiskId),
}

impl ElementRef {
    /// The id as files, reports and accepted risks write it ("organisation" for the
    /// organisation, `flow/field` for a mapping).
    pub fn id(&self) -> Cow<'_, str> {
        match self {
            ElementRef::Organisation => Cow::Borrowed("organisation"),
            ElementRef::Node(id) => Cow::Borrowed(id.as_str()),
            ElementRef::Flow(id) => Cow::Borrowed(id.as_str()),
            ElementRef::Mapping(flow, field) => Cow::Owned(format!("{flow}/{field}")),
            ElementRef::Activity(id) => Cow::Borrowed(id.as_str()),
            ElementRef::ConsentPurpose(id) => Cow::Borrowed(id.as_str()),
            ElementRef::Field(id) => Cow::Borrowed(id.as_str()),
            ElementRef::Retention(id) => Cow::Borrowed(id.as_str()),
            ElementRef::AcceptedRisk(id) => Cow::Borrowed(id.as_str()),
        }
    }

    /// The element that is shown and selected for this one: a mapping's flow, else itself.
    pub fn owner(&self) -> ElementRef {
        match self {
            ElementRef::Mapping(flow, _) => ElementRef::Flow(flow.clone()),
            other => other.clone(),
        }
    }

    /// The same kind of element under another id (after a rename); the organisation and a
    /// mapping, which have no id of their own, stay as they are.
    pub fn with_id(&self, id: &str) -> ElementRef {
        match self {
            ElementRef::Node(_) => ElementRef::Node(id.into()),
            ElementRef::Flow(_) => ElementRef::Flow(id.into()),
            ElementRef::Activity(_) => ElementRef::Activity(id.into()),
            ElementRef::ConsentPurpose(_) => ElementRef::ConsentPurpose(id.into()),
            ElementRef::Field(_) => ElementRef::Field(id.into()),
            ElementRef::Retention(_) => ElementRef::Retention(id.into()),
            ElementRef::AcceptedRisk(_) => ElementRef::AcceptedRisk(id.into()),
            ElementRef::Organisation | ElementRef::Mapping(..) => self.clone(),
        }
    }

    /// The node, when this is one.
    pub fn node(&self) -> Option<&NodeId> {
        match self {
            ElementRef::Node(id) => Some(id),
            _ => None,
        }
    }

    /// The flow this is or belongs to (a mapping belongs to its flow).
    pub fn flow(&self) -> Option<&FlowId> {
        match self {
            ElementRef::Flow(id) | ElementRef::Mapping(id, _) => Some(id),
            _ => None,
        }
    }

    /// Whether the element is (still) in the project.
    pub fn exists_in(&self, project: &Project) -> bool {
        match self {
            ElementRef::Organisation => true,
            ElementRef::Node(id) => project.node(id.as_str()).is_some(),
            ElementRef::Flow(id) => project.flow(id.as_str()).is_some(),
            ElementRef::Mapping(flow, field) => project
                .flow(flow.as_str())
                .is_some_and(|f| f.fields.iter().any(|m| &m.field == field)),
            ElementRef::Activity(id) => project.activity(id.as_str()).is_some(),
            ElementRef::ConsentPurpose(id) => project.consent_purpose(id.as_str()).is_some(),
            ElementRef::Field(id) => project.field(id.as_str()).is_some(),
            ElementRef::Retention(id) => project.retention.iter().any(|r| &r.id == id),
            ElementRef::AcceptedRisk(id) => project.accepted_risks.iter().any(|r| &r.id == id),
        }
    }

    /// The element an id written in a file names (an accepted risk's target): ids are one
    /// namespace per project, and `flow/field` names a mapping.
    pub fn resolve(project: &Project, id: &str) -> Option<ElementRef> {
        if id == "organisation" {
            return Some(ElementRef::Organisation);
        }
        if let Some((flow, field)) = id.split_once('/') {
            let e = ElementRef::Mapping(flow.into(), field.into());
            return e.exists_in(project).then_some(e);
        }
        let candidates = [
            ElementRef::Node(id.into()),
            ElementRef::Flow(id.into()),
            ElementRef::Activity(id.into()),
            ElementRef::ConsentPurpose(id.into()),
            ElementRef::Field(id.into()),
            ElementRef::Retention(id.into()),
            ElementRef::AcceptedRisk(id.into()),
        ];
        candidates.into_iter().find(|e| e.exists_in(project))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_through_resolve() {
        let project = crate::store::parse(crate::examples::SHOP, "shop")
            .expect("the example parses")
            .project;
        let flow = &project.flows[0];
        let mapping = ElementRef::Mapping(flow.id.clone(), flow.fields[0].field.clone());
        for e in [
            ElementRef::Organisation,
            ElementRef::Node(project.nodes[0].id.clone()),
            ElementRef::Flow(flow.id.clone()),
            mapping.clone(),
            ElementRef::Activity(project.activities[0].id.clone()),
        ] {
            assert_eq!(ElementRef::resolve(&project, &e.id()), Some(e.clone()));
        }
        assert_eq!(mapping.owner(), ElementRef::Flow(flow.id.clone()));
        assert_eq!(ElementRef::resolve(&project, "no-such-thing"), None);
    }
}
