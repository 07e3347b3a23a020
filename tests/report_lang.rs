//! The record in English, German and French: every language file has every key (with the same
//! blanks to fill), every key the code asks for exists, and a German or French record carries
//! the GDPR's own wording of the Art. 30 elements in that language and no English label.

mod common;

use std::collections::BTreeSet;

use capimap::model::*;
use capimap::report::words::{Lang, Words};

fn words(lang: Lang) -> Words {
    Words::builtin(lang).unwrap_or_else(|e| panic!("{e}"))
}

/// The `{name}` blanks of a text.
fn blanks(text: &str) -> BTreeSet<String> {
    text.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_owned()))
        .collect()
}

#[test]
fn every_language_has_every_key_with_the_same_blanks_and_no_empty_text() {
    let en = words(Lang::En);
    let keys: BTreeSet<&str> = en.keys().collect();
    assert!(keys.len() > 200, "the English file has the record's words");
    for lang in [Lang::De, Lang::Fr] {
        let other = words(lang);
        let theirs: BTreeSet<&str> = other.keys().collect();
        let missing: Vec<_> = keys.difference(&theirs).collect();
        let extra: Vec<_> = theirs.difference(&keys).collect();
        assert!(missing.is_empty(), "{lang:?} lacks {missing:?}");
        assert!(
            extra.is_empty(),
            "{lang:?} has keys English lacks: {extra:?}"
        );
        for key in &keys {
            assert!(!other.get(key).trim().is_empty(), "{lang:?} {key} is empty");
            assert_eq!(
                blanks(&en.get(key)),
                blanks(&other.get(key)),
                "{lang:?} {key}: a translation must fill in what the English fills in"
            );
        }
    }
}

/// Every key-shaped string literal in the code that builds the record ("art30.a",
/// "recipients.title", …) and every `get("…")` / `fill("…"`: each must be in the files.
#[test]
fn every_key_the_code_asks_for_is_in_the_files() {
    let en = words(Lang::En);
    let keys: BTreeSet<&str> = en.keys().collect();
    let mut asked = BTreeSet::new();
    for file in [
        "src/report/document.rs",
        "src/report/sections.rs",
        "src/report/facts.rs",
        "src/report/csv.rs",
    ] {
        let code = std::fs::read_to_string(file).unwrap();
        for literal in code.split('"').skip(1).step_by(2) {
            let dotted = literal.contains('.')
                && literal.split('.').all(|part| {
                    !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                })
                && literal
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_lowercase());
            if dotted {
                asked.insert(literal.to_owned());
            }
        }
        for call in ["get(\"", "fill(\n"] {
            for rest in code.split(call).skip(1) {
                let rest = rest.trim_start().trim_start_matches('"');
                if let Some((key, _)) = rest.split_once('"')
                    && !key.contains(' ')
                    && !key.is_empty()
                {
                    asked.insert(key.to_owned());
                }
            }
        }
    }
    // Prefixes of keys put together at run time ("basis." + variant) are checked below.
    let missing: Vec<_> = asked
        .iter()
        .filter(|k| !keys.contains(k.as_str()))
        .filter(|k| !k.ends_with('.') && !["article.basis", "unit"].contains(&k.as_str()))
        .collect();
    assert!(
        asked.len() > 100,
        "the scan finds the keys ({})",
        asked.len()
    );
    assert!(
        missing.is_empty(),
        "asked for but not in en.ron: {missing:?}"
    );
}

#[test]
fn every_value_of_the_models_enums_has_its_words_in_every_language() {
    use capimap::model::node::{RelayKind, SourceKind, StoreKind};
    for lang in Lang::ALL {
        let w = words(lang);
        let mut said = Vec::new();
        for b in LawfulBasis::ALL {
            said.push(w.term("basis", &b));
            said.push(w.term("article.basis", &b));
        }
        for c in [
            SpecialCategoryCondition::ExplicitConsent,
            SpecialCategoryCondition::Employment,
            SpecialCategoryCondition::VitalInterests,
            SpecialCategoryCondition::NotForProfit,
            SpecialCategoryCondition::ManifestlyPublic,
            SpecialCategoryCondition::LegalClaims,
            SpecialCategoryCondition::SubstantialPublicInterest,
            SpecialCategoryCondition::HealthOrSocialCare,
            SpecialCategoryCondition::PublicHealth,
            SpecialCategoryCondition::ArchivingResearchStatistics,
        ] {
            said.push(w.term("condition", &c));
        }
        for r in [
            RecipientRole::Processor,
            RecipientRole::JointController,
            RecipientRole::IndependentController,
        ] {
            said.push(w.term("role", &r));
        }
        for m in [
            TransferMechanism::AdequacyDecision,
            TransferMechanism::StandardContractualClauses,
            TransferMechanism::BindingCorporateRules,
            TransferMechanism::Derogation,
        ] {
            said.push(w.term("mechanism", &m));
        }
        for h in [
            WithdrawalHandling::DropQueued,
            WithdrawalHandling::SendQueued,
            WithdrawalHandling::CheckedAtSend,
        ] {
            said.push(w.term("withdrawal", &h));
        }
        for k in [
            SourceKind::Website,
            SourceKind::MobileApp,
            SourceKind::Crm,
            SourceKind::PointOfSale,
            SourceKind::Backend,
        ] {
            said.push(w.term("kind", &k));
        }
        for k in [
            RelayKind::ServerSideTagManager,
            RelayKind::Cdp,
            RelayKind::BackendService,
        ] {
            said.push(w.term("kind", &k));
        }
        for k in [StoreKind::Database, StoreKind::Log, StoreKind::Queue] {
            said.push(w.term("kind", &k));
        }
        for n in [
            Normalisation::Email,
            Normalisation::EmailGmail,
            Normalisation::EmailGmailDots,
            Normalisation::EmailNoDotsNoPlus,
            Normalisation::PhoneE164,
            Normalisation::PhoneDigits,
            Normalisation::Name,
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
        ] {
            said.push(w.term("norm", &n));
        }
        said.push(w.get("norm.NamePrefix"));
        said.push(w.get("norm.Custom"));
        for t in [Transform::Raw, Transform::Dropped] {
            said.push(w.term("transform", &t));
        }
        for unit in [
            PeriodUnit::Minutes,
            PeriodUnit::Hours,
            PeriodUnit::Days,
            PeriodUnit::Weeks,
            PeriodUnit::Months,
            PeriodUnit::Years,
        ] {
            said.push(w.period(&Period::new(1, unit)));
            said.push(w.period(&Period::new(2, unit)));
        }
        for c in capimap::report::categories::ORDER {
            said.push(w.get(&format!("category.{c}")));
        }
        for s in &said {
            assert!(!s.contains('['), "{lang:?}: {s}");
        }
    }
}

/// `capimap export` of the example in `lang`: the text of the PDF, whitespace folded.
fn exported(lang: &str, edition: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join(format!("record-{lang}.pdf"));
    common::cli::export_example(
        "--pdf",
        &out,
        &["--date", "2026-12-01", "--lang", lang, "--edition", edition],
    );
    let doc = lopdf::Document::load(&out).expect("a valid PDF");
    let numbers: Vec<u32> = doc.get_pages().keys().copied().collect();
    numbers
        .iter()
        .map(|n| common::pdf::page_text(&doc, *n))
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The labels and headings of the record: what must be in the reader's language. Texts with
/// blanks and short words (which the example's own data may contain) are left out.
fn labels(w: &Words) -> Vec<(String, String)> {
    let prefixes = [
        "art30.",
        "entry.",
        "cover.",
        "recipients.",
        "retention.",
        "approval.",
        "about.",
        "diagram.",
        "edition.",
        "basis.",
        "role.",
        "title",
        "subtitle",
        "activity.intro",
        "inventory.",
        "consent.",
        "findings.",
    ];
    w.keys()
        .filter(|k| prefixes.iter().any(|p| k.starts_with(p)))
        // As the PDF's text reads back: no-break spaces as spaces.
        .map(|k| (k.to_owned(), common::record::plain(&w.get(k))))
        .filter(|(_, text)| blanks(text).is_empty() && text.chars().count() >= 12)
        .collect()
}

#[test]
fn german_and_french_records_use_the_gdprs_own_words_and_no_english_label() {
    let en = words(Lang::En);
    for (lang, edition, official) in [
        (
            "de",
            "authority",
            &[
                "Verzeichnis von Verarbeitungstätigkeiten",
                "Name und Kontaktdaten des Verantwortlichen",
                "Zwecke der Verarbeitung",
                "Kategorien betroffener Personen",
                "Kategorien personenbezogener Daten",
                "Kategorien von Empfängern",
                "Übermittlungen von personenbezogenen Daten an ein Drittland",
                "Fristen für die Löschung",
                "organisatorischen Maßnahmen",
                "Art. 6 Abs. 1 lit. a DSGVO",
                "Seite 1 von",
                "01.12.2026",
                "Irland",
            ][..],
        ),
        (
            "fr",
            "internal",
            &[
                "Registre des activités de traitement",
                "Nom et coordonnées du responsable du traitement",
                "Finalités du traitement",
                "Catégories de personnes concernées",
                "Catégories de données à caractère personnel",
                "Catégories de destinataires",
                "Transferts de données à caractère personnel vers un pays tiers",
                "Délais prévus pour l’effacement",
                "Mesures de sécurité techniques et organisationnelles",
                "Inventaire des champs par destination",
                "page 1 sur",
                "01/12/2026",
                "Irlande",
            ][..],
        ),
    ] {
        let text = exported(lang, edition);
        for phrase in official {
            assert!(text.contains(phrase), "{lang}: missing “{phrase}”");
        }
        let theirs = words(lang.parse().unwrap());
        // The findings annex quotes the checks, whose texts are English (as `capimap check`
        // prints them); everything before it is in the reader's language. The contents list
        // names the annex first, the annex itself begins at the second mention.
        let title = theirs.get("findings.title");
        let annex = text
            .match_indices(title.as_str())
            .nth(1)
            .map_or(text.len(), |(at, _)| at);
        let record = &text[..annex];
        for (key, english) in labels(&en) {
            if common::record::plain(&theirs.get(&key)) != english {
                assert!(
                    !record.contains(&english),
                    "{lang}: the English label of {key} is in the record: “{english}”"
                );
            }
        }
    }
}
