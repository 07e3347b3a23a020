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
choices!(StoreKind: StoreKind::Database, StoreKind::Log, StoreKind::Queue, StoreKind::Device);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn distinct<T: Choices>() {
        let words: Vec<String> = T::choices().iter().map(ToString::to_string).collect();
        let mut unique = words.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(
            unique.len(),
            words.len(),
            "two values read alike: {words:?}"
        );
        assert!(words.iter().all(|w| !w.trim().is_empty()));
    }

    #[test]
    fn every_option_list_reads_differently_for_each_value() {
        distinct::<SourceKind>();
        distinct::<RelayKind>();
        distinct::<StoreKind>();
        distinct::<SignalStandard>();
        distinct::<RecipientRole>();
        distinct::<TransferMechanism>();
        distinct::<ConsentMode>();
        distinct::<Identifiability>();
        distinct::<WithdrawalHandling>();
        distinct::<Normalisation>();
        distinct::<LawfulBasis>();
    }

    #[test]
    fn lists_offer_every_value_that_is_not_typed_in_words() {
        // Each value of a field-less enum serialises to its name: every name appears once.
        fn names<T: Choices + serde::Serialize>() -> Vec<String> {
            T::choices()
                .iter()
                .map(|v| ron::to_string(v).unwrap_or_default())
                .collect()
        }
        assert_eq!(names::<SourceKind>().len(), 5);
        assert_eq!(names::<LawfulBasis>().len(), 6);
        assert_eq!(names::<TransferMechanism>().len(), 4);
        assert_eq!(names::<RecipientRole>().len(), 3);
    }
}
