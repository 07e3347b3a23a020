//! The values a form offers for each of the model's enums, in the order offered, each shown by
//! its `Display`: one place for the words, shared by the app's forms and the text the checks
//! and the command line print.

use std::fmt;

use super::*;

/// An enum whose values a form offers.
pub trait Choices: Sized + Clone + PartialEq + fmt::Display {
    /// Every value that can be picked (values described in the user's own words, such as a
    /// custom normalisation, are typed, not picked).
    fn choices() -> Vec<Self>;
}

macro_rules! choices {
    ($t:ty: $($v:expr),+ $(,)?) => {
        impl Choices for $t {
            fn choices() -> Vec<Self> {
                vec![$($v),+]
            }
        }
    };
}

choices!(SourceKind: SourceKind::Website, SourceKind::MobileApp, SourceKind::Crm, SourceKind::PointOfSale, SourceKind::Backend);
choices!(RelayKind: RelayKind::ServerSideTagManager, RelayKind::Cdp, RelayKind::BackendService);
choices!(StoreKind: StoreKind::Database, StoreKind::Log, StoreKind::Queue);
choices!(SignalStandard: SignalStandard::IabTcf, SignalStandard::GoogleConsentMode, SignalStandard::Own);
choices!(RecipientRole: RecipientRole::Processor, RecipientRole::JointController, RecipientRole::IndependentController);
choices!(
    TransferMechanism: TransferMechanism::AdequacyDecision,
    TransferMechanism::StandardContractualClauses,
    TransferMechanism::BindingCorporateRules,
    TransferMechanism::Derogation,
);
choices!(ConsentMode: ConsentMode::OptIn, ConsentMode::OptOut);
choices!(
    Identifiability: Identifiability::DirectIdentifier,
    Identifiability::Indirect,
    Identifiability::PseudonymousId,
    Identifiability::NotPersonal,
);
choices!(
    WithdrawalHandling: WithdrawalHandling::DropQueued,
    WithdrawalHandling::CheckedAtSend,
    WithdrawalHandling::SendQueued,
);
choices!(
    Normalisation: Normalisation::Email,
    Normalisation::EmailGmail,
    Normalisation::EmailGmailDots,
    Normalisation::EmailNoDotsNoPlus,
    Normalisation::PhoneE164,
    Normalisation::PhoneDigits,
    Normalisation::Name,
    Normalisation::NamePrefix(5),
    Normalisation::NamePrefix(1),
    Normalisation::City,
    Normalisation::State,
    Normalisation::PostalCode,
    Normalisation::Country,
    Normalisation::Gender,
    Normalisation::DateOfBirth,
    Normalisation::DayOfBirth,
    Normalisation::MonthOfBirth,
    Normalisation::YearOfBirth,
    Normalisation::Trim,
    Normalisation::TrimLowercase,
    Normalisation::AsIs,
);

impl Choices for LawfulBasis {
    fn choices() -> Vec<Self> {
        LawfulBasis::ALL.to_vec()
    }
}

impl fmt::Display for ConsentMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ConsentMode::OptIn => "opt-in",
            ConsentMode::OptOut => "opt-out",
        })
    }
}
