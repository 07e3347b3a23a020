//! Project files are written for people and for git: loading and saving an unchanged project
//! gives identical bytes, and a one-field change is a one-line diff.

use std::fs;
use std::path::Path;

use capimap::model::{Normalisation, Transform};
use capimap::{examples, store};

fn roundtrip(text: &str, name: &str) {
    let loaded = store::parse(text, name).unwrap_or_else(|e| panic!("{name} does not load: {e}"));
    let written = store::to_string(&loaded.project);
    if written != text {
        let first = written
            .lines()
            .zip(text.lines())
            .position(|(a, b)| a != b)
            .map(|i| i + 1);
        panic!("{name}: saving changed the file (first difference at line {first:?})");
    }
}

#[test]
fn the_example_saves_to_identical_bytes() {
    roundtrip(examples::SHOP, "shop.capimap.ron");
}

#[test]
fn a_hand_written_minimal_project_saves_to_identical_bytes() {
    let text = fs::read_to_string("tests/fixtures/minimal.capimap.ron").unwrap();
    roundtrip(&text, "minimal.capimap.ron");
}

#[test]
fn saving_twice_through_the_file_system_gives_identical_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shop.capimap.ron");
    let project = store::parse(examples::SHOP, "shop").unwrap().project;
    store::save(&path, &project).unwrap();
    let first = fs::read(&path).unwrap();
    let reloaded = store::load(&path).unwrap().project;
    assert_eq!(
        reloaded, project,
        "what was saved reads back as the same project"
    );
    store::save(&path, &reloaded).unwrap();
    assert_eq!(fs::read(&path).unwrap(), first);
}

#[test]
fn changing_one_field_changes_one_line() {
    let mut project = store::parse(examples::SHOP, "shop").unwrap().project;
    let before = store::to_string(&project);
    let flow = project
        .flows
        .iter_mut()
        .find(|f| f.id.as_str() == "sgtm-to-tiktok")
        .unwrap();
    let phone = flow
        .fields
        .iter_mut()
        .find(|m| m.field.as_str() == "phone")
        .unwrap();
    phone.transform = Transform::Sha256(Some(Normalisation::PhoneE164));
    let after = store::to_string(&project);
    let changed: Vec<(&str, &str)> = before
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(before.lines().count(), after.lines().count());
    assert_eq!(changed.len(), 1, "changed lines: {changed:?}");
    assert!(changed[0].1.contains("Sha256(PhoneE164)"));
}

#[test]
fn the_example_on_disk_is_the_embedded_one() {
    let on_disk = fs::read_to_string(Path::new("assets/examples/shop.capimap.ron")).unwrap();
    assert_eq!(on_disk, examples::SHOP);
}

#[test]
fn any_text_survives_a_save_and_reload() {
    let mut project = store::parse(examples::SHOP, "shop").unwrap().project;
    let texts = [
        "it's",
        "a \"quoted\" word",
        "back\\slash and r#\"raw\"# and ##",
        "two\nlines\tand a tab",
        "Zoë Müller, Ελληνικά, Данные, 東京 🙂",
        "",
        "\u{0}\u{7}\r",
    ];
    for t in texts {
        project.description = t.to_owned();
        project.activities[0].name = t.to_owned();
        let text = store::to_string(&project);
        let back = store::parse(&text, "t")
            .unwrap_or_else(|e| panic!("{t:?} does not read back: {e}"))
            .project;
        assert_eq!(back.description, t);
        assert_eq!(back.activities[0].name, t);
        assert_eq!(store::to_string(&back), text, "{t:?}: stable");
    }
}

#[test]
fn a_file_with_a_byte_order_mark_loads_and_saves_without_it() {
    // Windows editors may start a UTF-8 file with a byte-order mark.
    let with_bom = format!("\u{feff}{}", examples::SHOP);
    let loaded = store::parse(&with_bom, "shop.capimap.ron").expect("loads");
    assert_eq!(store::to_string(&loaded.project), examples::SHOP);
}

#[test]
fn a_version_1_file_upgrades_to_the_current_format_with_nothing_lost() {
    let v1 = fs::read_to_string("tests/fixtures/v1-shop.capimap.ron").unwrap();
    assert!(
        v1.contains("    version: 1,"),
        "the fixture is a version-1 file"
    );
    let old = store::parse(&v1, "v1-shop.capimap.ron")
        .unwrap_or_else(|e| panic!("the version-1 example does not load: {e}"))
        .project;
    assert_eq!(old.version, capimap::model::CURRENT_VERSION);
    // The example as it is now is the same project, with what later versions can say added:
    // the establishment, which activities the cookie identifiers are read for, which
    // request type each flow into a platform sends, and the record's version number.
    let mut now = store::parse(examples::SHOP, "shop.capimap.ron")
        .unwrap()
        .project;
    now.organisation.establishment.clear();
    now.record_version = 0;
    for f in &mut now.flows {
        f.request_type = None;
        for m in &mut f.fields {
            // Version 3 can say that Google Ads removes only the Gmail dots, which the example
            // now declares; version 1 could only say dots and +suffix.
            if m.transform == Transform::Sha256(Some(Normalisation::EmailGmailDots)) {
                m.transform = Transform::Sha256(Some(Normalisation::EmailGmail));
            }
            m.activities.clear();
        }
    }
    assert_eq!(old, now);
    // Saved again, it is a file of the current version that loads as it is.
    let saved = store::to_string(&old);
    assert!(saved.contains(&format!(
        "    version: {},",
        capimap::model::CURRENT_VERSION
    )));
    roundtrip(&saved, "upgraded.capimap.ron");
}

/// A loaded project carries no spare room in its lists (serde grows them by doubling, which
/// left a quarter of a large project's memory unused): the flows, each flow's mappings and
/// activities are as long as they are.
#[test]
fn a_loaded_project_has_no_spare_room_in_its_lists() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rung.capimap.ron");
    let project = capimap::synthetic::rung(5_000);
    capimap::store::save(&path, &project).unwrap();
    let loaded = capimap::store::load(&path).unwrap().project;
    assert_eq!(loaded, project);
    assert_eq!(loaded.flows.capacity(), loaded.flows.len());
    for f in &loaded.flows {
        assert_eq!(f.fields.capacity(), f.fields.len(), "{}", f.id);
        assert_eq!(f.activities.capacity(), f.activities.len(), "{}", f.id);
    }
}
