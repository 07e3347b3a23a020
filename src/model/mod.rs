//! The project model: plain data, serde-derived, with no dependency on anything else in capimap.
//!
//! Every entity has a stable, human-readable string id (see [`ids`]); references between entities
//! are by id, never by position or graph index, so that a project file stays meaningful in a diff.

pub mod activity;
pub mod choices;
pub mod consent;
pub mod element;
pub mod fideslang;
pub mod field;
pub mod flow;
pub mod ids;
pub mod layout;
pub mod node;
pub mod organisation;
pub mod origin;
pub mod project;
pub mod region;
pub mod retention;
pub mod risk;
pub mod shown;
pub mod tight;
pub mod time;
pub mod vocab;

pub use activity::{LawfulBasis, ProcessingActivity, SpecialCategoryCondition};
pub use choices::Choices;
pub use consent::{ConsentMode, ConsentPurpose};
pub use element::ElementRef;
pub use field::{Field, Identifiability};
pub use flow::{Delivery, FieldMapping, Flow, Normalisation, Transform, WithdrawalHandling};
pub use ids::{ActivityId, ConsentPurposeId, FieldId, FlowId, NodeId, RetentionId, RiskId};
pub use layout::{Layout, Position};
pub use node::{
    ConsentGate, Destination, Node, NodeKind, RecipientRole, Relay, RelayKind, SignalStandard,
    Source, SourceKind, Store, StoreKind, TermsAcceptance, Transfer, TransferMechanism,
};
pub use organisation::{Approver, JointController, Organisation, Party};
pub use origin::{Origin, OriginElement};
pub use project::{CURRENT_VERSION, Project};
pub use region::Region;
pub use retention::{RetentionLimit, RetentionRule, RetentionScope};
pub use risk::AcceptedRisk;
pub use time::{Date, Period, PeriodUnit};

/// `skip_serializing_if` helper: keeps files short by leaving out what was never filled in.
pub fn is_false(b: &bool) -> bool {
    !*b
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}
