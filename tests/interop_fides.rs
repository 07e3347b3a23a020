//! fideslang interoperability: `capimap export --fides` validated by the fideslang package
//! itself, the round trip back through `capimap import fides`, a manifest as Fides users
//! write it, and bad input.

mod common;

use std::path::Path;

use capimap::model::{Project, Transform};
use capimap::store;
use common::cli::{assert_ok, capimap};

const EXAMPLE: &str = "assets/examples/shop.capimap.ron";

fn export_fides(project: &Path, out: &Path) -> String {
    let o = capimap([
        "export".as_ref(),
        project.as_os_str(),
        "--fides".as_ref(),
        out.as_os_str(),
    ]);
    assert_ok(&o);
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn load(path: &Path) -> Project {
    store::load(path).unwrap_or_else(|e| panic!("{e}")).project
}

/// Validates with fideslang; the validator's summary of the file.
fn validate(file: &Path) -> Option<serde_json::Value> {
    let o = common::python::run("fideslang", "validate_fides.py", &[file])?;
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "fideslang rejects {}:\n{stdout}\n{}",
        file.display(),
        String::from_utf8_lossy(&o.stderr)
    );
    Some(serde_json::from_str(stdout.trim()).expect("the validator prints JSON"))
}

#[test]
fn the_default_taxonomy_capimap_knows_is_the_installed_fideslang_one() {
    let Some(o) = common::python::run("fideslang", "validate_fides.py", &[Path::new("--taxonomy")])
    else {
        return;
    };
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let asset = std::fs::read_to_string("assets/fideslang/default-taxonomy.tsv").expect("asset");
    let ours: Vec<&str> = asset.lines().filter(|l| !l.starts_with('#')).collect();
    let package = String::from_utf8_lossy(&o.stdout);
    let theirs: Vec<&str> = package.lines().collect();
    assert_eq!(
        ours, theirs,
        "regenerate assets/fideslang/default-taxonomy.tsv from the package"
    );
}

#[test]
fn fideslang_validates_the_export_of_the_example() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("shop.yml");
    let notes = export_fides(Path::new(EXAMPLE), &out);
    // What fideslang cannot hold is said, not dropped silently.
    assert!(notes.contains("raw, hashed"), "{notes}");
    assert!(notes.contains("consent gate"), "{notes}");
    let Some(summary) = validate(&out) else {
        return;
    };
    let example = load(Path::new(EXAMPLE));
    assert_eq!(summary["systems"], example.nodes.len());
    assert_eq!(
        summary["datasets"],
        example
            .nodes
            .iter()
            .filter(|n| n.as_store().is_some())
            .count()
    );
    assert_eq!(summary["organizations"], 1);
    let extensions = summary["extensions"].to_string();
    for key in [
        "user.unique_id.pseudonymous.ad_click_id",
        "user.device.user_agent",
    ] {
        assert!(extensions.contains(key), "{key} not declared: {extensions}");
    }
}

#[test]
fn fideslang_validates_the_export_of_a_generated_500_flow_project() {
    let dir = tempfile::tempdir().expect("temp dir");
    let project = dir.path().join("gen.capimap.ron");
    let generated = capimap::synthetic::project(500, 10);
    store::save(&project, &generated).expect("saved");
    let out = dir.path().join("gen.yml");
    export_fides(&project, &out);
    let Some(summary) = validate(&out) else {
        return;
    };
    assert_eq!(summary["systems"], generated.nodes.len());
    assert!(
        summary["declarations"].as_u64().unwrap_or(0) > 0,
        "{summary}"
    );
}

#[test]
fn the_example_comes_back_from_fideslang_with_only_transforms_and_gates_to_complete() {
    let dir = tempfile::tempdir().expect("temp dir");
    let yml = dir.path().join("shop.yml");
    export_fides(Path::new(EXAMPLE), &yml);
    let back = dir.path().join("back.capimap.ron");
    let o = capimap([
        "import".as_ref(),
        "fides".as_ref(),
        yml.as_os_str(),
        "--out".as_ref(),
        back.as_os_str(),
    ]);
    assert_ok(&o);
    let said = String::from_utf8_lossy(&o.stderr);
    assert!(said.contains("how each field is sent"), "{said}");
    assert!(said.contains("consent gate 'Consent banner"), "{said}");
    let (old, new) = (load(Path::new(EXAMPLE)), load(&back));

    assert_eq!(new.organisation.controller, old.organisation.controller);
    assert_eq!(new.organisation.dpo, old.organisation.dpo);
    let nodes = |p: &Project| -> Vec<String> {
        p.nodes
            .iter()
            .map(|n| {
                let (kind, detail) = capimap::report::fides::kind_words(n);
                format!(
                    "{} {} {kind}/{detail} {} {} {:?} {:?}",
                    n.id,
                    n.name,
                    n.country,
                    n.operator,
                    n.recipient_role(),
                    n.transfer.as_ref().map(|t| t.mechanism)
                )
            })
            .collect()
    };
    assert_eq!(nodes(&new), nodes(&old));
    let sources = |p: &Project| -> Vec<Vec<String>> {
        p.nodes
            .iter()
            .filter_map(|n| n.as_source())
            .map(|s| s.collects.iter().map(|f| f.to_string()).collect())
            .collect()
    };
    assert_eq!(sources(&new), sources(&old));

    let activities = |p: &Project| -> Vec<String> {
        p.activities
            .iter()
            .map(|a| {
                format!(
                    "{} {} {:?} {:?} {:?} {:?} {:?}",
                    a.id,
                    a.name,
                    a.data_uses,
                    a.data_subjects,
                    a.lawful_basis,
                    a.legitimate_interests_assessment,
                    a.max_retention
                )
            })
            .collect()
    };
    assert_eq!(activities(&new), activities(&old));

    // Fields: every one the flows and sources use, as the catalogue has it.
    let used: std::collections::BTreeSet<&str> = old
        .flows
        .iter()
        .flat_map(|f| f.sent_fields().map(|m| m.field.as_str()))
        .chain(
            old.nodes
                .iter()
                .filter_map(|n| n.as_source())
                .flat_map(|s| s.collects.iter().map(|f| f.as_str())),
        )
        .collect();
    for id in &used {
        let (a, b) = (old.field(id), new.field(id));
        assert_eq!(b, a, "field {id}");
    }
    assert_eq!(new.fields.len(), used.len());

    // Flows: the same ends, activities and fields sent; how each is sent is unknown. They come
    // back grouped by the system they leave (the file lists them under it), so in another
    // order, which a project does not give meaning to.
    let flows = |p: &Project| -> std::collections::BTreeSet<String> {
        p.flows
            .iter()
            .map(|f| {
                let fields: Vec<&str> = f.sent_fields().map(|m| m.field.as_str()).collect();
                format!("{} {}→{} {:?} {fields:?}", f.id, f.from, f.to, f.activities)
            })
            .collect()
    };
    assert_eq!(flows(&new), flows(&old));
    assert!(
        new.flows
            .iter()
            .flat_map(|f| &f.fields)
            .all(|m| m.transform == Transform::Unknown)
    );
}

#[test]
fn importing_into_the_project_it_came_from_adds_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let yml = dir.path().join("shop.yml");
    export_fides(Path::new(EXAMPLE), &yml);
    let copy = dir.path().join("shop.capimap.ron");
    std::fs::copy(EXAMPLE, &copy).expect("copied");
    let before = std::fs::read(&copy).expect("read");
    let o = capimap([
        "import".as_ref(),
        "fides".as_ref(),
        yml.as_os_str(),
        "--into".as_ref(),
        copy.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    assert_ok(&o);
    let summary: serde_json::Value = serde_json::from_slice(&o.stdout).expect("a JSON summary");
    assert_eq!(summary["added"], 0, "{summary}");
    assert!(summary["kept"].as_array().is_some_and(|k| !k.is_empty()));
    assert_eq!(load(&copy), load(Path::new(EXAMPLE)));
    let _ = before;
}

#[test]
fn a_manifest_written_for_fides_comes_in_with_its_guesses_listed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("demo.capimap.ron");
    let o = capimap([
        "import".as_ref(),
        "fides".as_ref(),
        "tests/fixtures/fides/fides-demo.yml".as_ref(),
        "--out".as_ref(),
        out.as_os_str(),
    ]);
    assert_ok(&o);
    let said = String::from_utf8_lossy(&o.stderr);
    let p = load(&out);
    assert_eq!(p.organisation.controller.name, "Demo Shop Ltd");
    let kind = |id: &str| p.node(id).map(|n| n.kind.label());
    assert_eq!(kind("demo_storefront"), Some("source"));
    assert_eq!(kind("demo_analytics"), Some("destination"));
    assert_eq!(kind("demo_warehouse"), Some("store"));
    let ad = p.node("demo_analytics").expect("the ad platform");
    assert_eq!(ad.operator, "AdCo Inc.");
    assert!(
        ad.transfer.is_some(),
        "SCCs come in as the transfer mechanism"
    );
    let to_ads = p
        .flow("demo_storefront-to-demo_analytics")
        .expect("a flow from egress");
    let fields: Vec<&str> = to_ads.fields.iter().map(|m| m.field.as_str()).collect();
    assert_eq!(fields.len(), 2, "{fields:?}");
    let attribution = p
        .activity("marketing_attribution")
        .expect("an activity per declaration name");
    assert_eq!(
        attribution.lawful_basis,
        Some(capimap::model::LawfulBasis::Consent)
    );
    assert_eq!(to_ads.activities, vec![attribution.id.clone()]);
    for guess in [
        "imported as a source",
        "made from the file's data categories",
        "flows made from",
        "the country",
    ] {
        assert!(said.contains(guess), "{guess} not listed in:\n{said}");
    }
}

#[test]
fn bad_fideslang_files_get_one_line_naming_the_file_and_place() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text, expect) in [
        ("broken.yml", "system: [a\n", "not YAML"),
        ("shape.yml", "system: 3\n", "line 1 column"),
        ("empty.yml", "", "empty file"),
        ("other.yml", "foo: 1\n", "nothing to import"),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, text).expect("written");
        let o = capimap(["import".as_ref(), "fides".as_ref(), path.as_os_str()]);
        assert_eq!(o.status.code(), Some(2), "{name}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(err.trim().lines().count(), 1, "{name}: {err}");
        assert!(err.contains(name) && err.contains(expect), "{name}: {err}");
    }
}
