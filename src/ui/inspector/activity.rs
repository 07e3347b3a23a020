//! The form of a processing activity: one row of the record of processing (Art. 30(1)).

use eframe::egui::{self, RichText};

use crate::edit::Item;
use crate::model::*;

use super::Form;
use super::widgets::*;

pub(super) fn activity_form(
    form: &mut Form,
    ui: &mut egui::Ui,
    mut a: ProcessingActivity,
) -> Option<Item> {
    let before = a.clone();
    ui.heading(&a.name);
    ui.label(RichText::new(format!("processing activity {}", a.id)).weak());
    let purposes: Vec<(Option<ConsentPurposeId>, String)> =
        std::iter::once((None, "— none —".to_owned()))
            .chain(
                form.view
                    .doc
                    .project
                    .consent_purposes
                    .iter()
                    .map(|c| (Some(c.id.clone()), c.name.clone())),
            )
            .collect();
    let id = a.id.to_string();
    grid(ui, "activity", |ui| {
        text(ui, "Name", &mut a.name);
        multiline(ui, "Purpose (Art. 30(1)(b))", &mut a.description);
        optional_choice(
            ui,
            "Lawful basis",
            "Lawful basis",
            &mut a.lawful_basis,
            "— not recorded —",
        );
        if a.lawful_basis == Some(LawfulBasis::LegitimateInterests) {
            multiline(
                ui,
                "Legitimate interest pursued",
                &mut a.legitimate_interest,
            );
            optional_text(
                ui,
                "Legitimate-interests assessment",
                &mut a.legitimate_interests_assessment,
            );
        }
        {
            // For any basis, the consent purpose is what covers reading the cookies the
            // activity uses (ePrivacy Art. 5(3)); for consent it is also the basis itself.
            let label = if a.lawful_basis == Some(LawfulBasis::Consent) {
                "Consent purpose"
            } else {
                "Consent purpose for cookies"
            };
            combo(
                ui,
                label,
                &mut a.consent_purpose,
                &purposes
                    .iter()
                    .map(|(v, l)| (v.clone(), l.as_str()))
                    .collect::<Vec<_>>(),
            );
        }
        list_text(
            ui,
            "Data subjects",
            &mut a.data_subjects,
            "customer, prospect, anonymous_user",
        );
        list_text(
            ui,
            "Data uses",
            &mut a.data_uses,
            "marketing.advertising.third_party.targeted",
        );
        parsed(
            form.drafts,
            ui,
            format!("{id}.max_retention"),
            "Maximum retention",
            &mut a.max_retention,
            "13 months",
        );
        let mut measures = a.security_measures.join("\n");
        multiline(ui, "Security measures (one a line)", &mut measures);
        let measures: Vec<String> = measures
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect();
        if measures != a.security_measures {
            a.security_measures = measures;
        }
        row(ui, "Strictly necessary", |ui| {
            ui.checkbox(&mut a.strictly_necessary, "")
                .on_hover_text("Only for a service the user explicitly asked for: reading its cookies then needs no consent (ePrivacy Art. 5(3)). Advertising and analytics never are.")
                .accessible_name("Strictly necessary");
        });
        text(ui, "Owner", &mut a.owner);
        optional_text(ui, "DPIA reference", &mut a.dpia);
        parsed(
            form.drafts,
            ui,
            format!("{id}.last_review"),
            "Last review",
            &mut a.last_review,
            "YYYY-MM-DD",
        );
        parsed(
            form.drafts,
            ui,
            format!("{id}.introduced"),
            "Introduced",
            &mut a.introduced,
            "YYYY-MM-DD",
        );
        parsed(
            form.drafts,
            ui,
            format!("{id}.changed"),
            "Last changed",
            &mut a.changed,
            "YYYY-MM-DD",
        );
    });
    (a != before).then_some(Item::Activity(a))
}
