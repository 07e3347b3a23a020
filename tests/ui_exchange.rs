//! File ▸ Export for other tools and File ▸ Import ▸ Fides YAML… in the app, used as a privacy
//! officer would: hand the map to Fides, then take a Fides file into an empty project, read
//! what is left to complete, and undo the import in one step.
#![cfg(feature = "gui")]

use capimap::model::Project;
use capimap::ui::AppCommand;
use capimap::{examples, store};
use egui_kittest::kittest::Queryable;

mod common;

use common::ui::{answer_prompt, app_on, has};

#[test]
fn the_map_goes_to_fides_and_comes_back_into_an_empty_project_as_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let yml = dir.path().join("shop.fides.yml");
    let example = store::parse(examples::SHOP, "shop").unwrap().project;

    // Export: File ▸ Export for other tools ▸ Fides YAML (fideslang)…
    let mut h = app_on(example.clone(), 1100.0);
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Export for other tools").click();
    h.run();
    h.get_by_label("Fides YAML (fideslang)…").click();
    h.run();
    assert!(has(&h, &["Export for Fides"]), "the prompt asks where");
    answer_prompt(&mut h, &yml, "Export");
    assert!(yml.is_file(), "the file is written");
    // The dialog says what was written and what fideslang has no place for.
    assert!(has(&h, &["Wrote ", "fideslang resources (11 systems"]));
    assert!(has(&h, &["Not in the file", "how fields are sent"]));

    // DPV too, from the same menu.
    let jsonld = dir.path().join("shop.dpv.jsonld");
    let ctx = h.ctx.clone();
    h.state_mut().run(
        &ctx,
        AppCommand::ExportExchangeTo(capimap::ui::Exchange::Dpv, jsonld.clone()),
    );
    h.run();
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(&jsonld).unwrap()).unwrap();
    assert_eq!(
        doc["@graph"][0]["dcat:dataset"].as_array().map(Vec::len),
        Some(example.activities.len())
    );

    // Import into an empty project: File ▸ Import ▸ Fides YAML (fideslang)…
    let mut h = app_on(Project::empty("From Fides"), 1100.0);
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Import").click();
    h.run();
    h.get_by_label("Fides YAML (fideslang)…").click();
    h.run();
    assert!(has(&h, &["Import fideslang resources"]));
    answer_prompt(&mut h, &yml, "Import");
    let p = &h.state().doc.project;
    assert_eq!(p.nodes.len(), example.nodes.len());
    assert_eq!(p.flows.len(), example.flows.len());
    // The project had no systems: the file's organisation is its own, and every card has a
    // place on the canvas (not all on top of each other).
    assert_eq!(p.organisation.controller, example.organisation.controller);
    assert!(
        p.nodes
            .iter()
            .all(|n| p.layout.positions.contains_key(&n.id))
    );
    let places: std::collections::BTreeSet<String> = p
        .layout
        .positions
        .values()
        .map(|q| format!("{q:?}"))
        .collect();
    assert_eq!(places.len(), p.nodes.len(), "two cards share a place");
    assert!(has(&h, &["Imported from Fides"]));
    assert!(has(&h, &["To complete", "how each field is sent"]));
    assert!(has(&h, &["consent gate 'Consent banner"]));
    h.get_by_label("OK").click();
    h.run();
    // The canvas shows the imported destinations.
    assert!(has(&h, &["destination meta-capi: "]));

    // One undo takes all of it back.
    let ctx = h.ctx.clone();
    h.state_mut().run(&ctx, AppCommand::Undo);
    h.run();
    assert!(h.state().doc.project.nodes.is_empty());
    assert!(h.state().doc.project.flows.is_empty());
}
