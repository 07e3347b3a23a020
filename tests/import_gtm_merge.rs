//! Importing into a project the user already has: matching, idempotence, what survives a
//! re-import, one undoable step, and the command line's --into and --dry-run.

mod common;

use std::path::Path;

use capimap::examples;
use capimap::import::gtm::{self, Change};
use capimap::model::*;
use capimap::store;
use common::cli::{assert_ok, capimap};
use common::gtm::builtin;

const SHOP: &str = "tests/fixtures/gtm/shop-stape-meta-tiktok.json";

fn example() -> Project {
    store::parse(examples::SHOP, examples::SHOP_NAME)
        .unwrap_or_else(|e| panic!("{e}"))
        .project
}

fn analysis(text: &str) -> gtm::Analysis {
    gtm::analyse(gtm::parse(text.as_bytes(), "x.json").unwrap_or_else(|e| panic!("{e}")))
}

fn shop() -> String {
    std::fs::read_to_string(SHOP).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn into_the_example_the_relay_and_cookie_fields_are_matched() {
    let p = example();
    let plan = gtm::plan(&analysis(&shop()), &p, &builtin());
    let r = &plan.result;
    // The example's one server-side tag manager stands for the container.
    let sgtm = r.node("sgtm").unwrap_or_else(|| panic!("sgtm"));
    assert!(
        sgtm.origins
            .iter()
            .any(|o| o.element == OriginElement::Container && o.container == "GTM-TSTSRV1")
    );
    assert_eq!(
        sgtm.name,
        p.node("sgtm").map(|n| n.name.clone()).unwrap_or_default(),
        "the user's name is kept"
    );
    // Neither pixel is the example's account: two new destinations.
    let added: Vec<&Node> = r
        .nodes
        .iter()
        .filter(|n| p.node(n.id.as_str()).is_none() && n.as_destination().is_some())
        .collect();
    let accounts: Vec<&str> = added
        .iter()
        .filter_map(|n| n.as_destination())
        .map(|d| d.account.as_str())
        .collect();
    assert_eq!(accounts, vec!["100000000000001", "CTESTPIXEL00000000001"]);
    // _fbp, _fbc and _ttp are the example's fields: no second field for the same cookie.
    for cookie in ["_fbp", "_fbc", "_ttp"] {
        assert_eq!(
            r.fields
                .iter()
                .filter(|f| f.cookie.as_deref() == Some(cookie))
                .count(),
            1,
            "{cookie}"
        );
    }
    // The relay is fed by the example's consent gate already: no client entry points added.
    assert!(!r.nodes.iter().any(|n| {
        n.origins
            .iter()
            .any(|o| matches!(o.element, OriginElement::Client(_)))
            && n.as_source().is_some()
    }));
    assert!(plan.notes.iter().any(|n| n.contains("represented")));
}

#[test]
fn a_second_import_changes_nothing() {
    let catalog = builtin();
    let a = analysis(&shop());
    let first = gtm::plan(&a, &example(), &catalog).result;
    let again = gtm::plan(&a, &first, &catalog);
    assert!(again.is_empty(), "{:#?}", again.changes);
    assert_eq!(store::to_string(&again.result), store::to_string(&first));
    // The same from an empty project.
    let alone = gtm::plan(&a, &Project::empty("x"), &catalog).result;
    assert!(gtm::plan(&a, &alone, &catalog).is_empty());
}

fn tag_flow<'a>(p: &'a mut Project, tag: &str) -> &'a mut Flow {
    let dests: Vec<NodeId> = p
        .nodes
        .iter()
        .filter(|n| n.as_destination().is_some())
        .map(|n| n.id.clone())
        .collect();
    p.flows
        .iter_mut()
        .find(|f| {
            f.origin
                .as_ref()
                .is_some_and(|o| o.element == OriginElement::Tag(tag.to_owned()))
                && dests.contains(&f.to)
        })
        .unwrap_or_else(|| panic!("flow of tag {tag}"))
}

#[test]
fn what_the_user_wrote_survives_a_re_import() {
    let catalog = builtin();
    let a = analysis(&shop());
    let mut p = gtm::plan(&a, &example(), &catalog).result;
    let flow = tag_flow(&mut p, "21");
    let to = flow.to.clone();
    for m in &mut flow.fields {
        if m.wire_name == "user_data.em" {
            m.justification = "Matching the purchase to the ad click.".to_owned();
        }
    }
    flow.fields.push(FieldMapping::new(
        FieldId::new("first-name"),
        "user_data.fn",
        Transform::Sha256(Some(Normalisation::Name)),
    ));
    if let Some(n) = p.nodes.iter_mut().find(|n| n.id == to) {
        n.description = "Our second pixel.".to_owned();
    }
    let again = gtm::plan(&a, &p, &catalog);
    assert!(again.is_empty(), "{:#?}", again.changes);
    let mut r = again.result;
    let flow = tag_flow(&mut r, "21").clone();
    assert!(
        flow.fields
            .iter()
            .any(|m| m.wire_name == "user_data.em" && m.justification.starts_with("Matching"))
    );
    assert!(flow.fields.iter().any(|m| m.wire_name == "user_data.fn"));
    assert_eq!(
        r.node(to.as_str()).map(|n| n.description.as_str()),
        Some("Our second pixel.")
    );
    assert!(
        again
            .left
            .iter()
            .any(|l| l.wire == "user_data.fn" && l.may_send),
        "{:?}",
        again.left
    );
}

#[test]
fn a_pixel_the_record_names_is_matched_with_its_flow() {
    // The example records Meta's dataset 1234567890 and sgtm → meta-capi.
    let text = shop().replace("\"100000000000001\"", "\"1234567890\"");
    let p = example();
    let plan = gtm::plan(&analysis(&text), &p, &builtin());
    let meta = plan
        .result
        .node("meta-capi")
        .unwrap_or_else(|| panic!("meta-capi"));
    assert!(
        meta.origins
            .iter()
            .any(|o| o.element == OriginElement::Tag("21".to_owned()))
    );
    let f = plan
        .result
        .flow("sgtm-to-meta")
        .unwrap_or_else(|| panic!("sgtm-to-meta"));
    assert_eq!(
        f.origin.as_ref().map(|o| o.element.clone()),
        Some(OriginElement::Tag("21".to_owned()))
    );
    // The phone's transform is the tag's now, and shown as a change; the user's other mappings stay.
    let before = p.flow("sgtm-to-meta").unwrap_or_else(|| panic!("before"));
    assert!(plan.changes.iter().any(|c| matches!(c, Change::TransformChanged { flow, wire, .. } if flow == "sgtm-to-meta" && wire == "user_data.ph")), "{:#?}", plan.changes);
    for m in &before.fields {
        let kept = f
            .fields
            .iter()
            .find(|x| x.wire_name == m.wire_name)
            .unwrap_or_else(|| panic!("{} kept", m.wire_name));
        assert_eq!(kept.justification, m.justification);
    }
    // Tag 22 to the same pixel gets a flow of its own.
    assert!(plan.result.flows.iter().any(|f| {
        f.to.as_str() == "meta-capi"
            && f.origin
                .as_ref()
                .is_some_and(|o| o.element == OriginElement::Tag("22".to_owned()))
    }));
}

#[test]
fn a_tag_with_a_consent_check_re_routes_the_recorded_flow_through_it() {
    // The example's sgtm → tiktok-events has no gate of its own; tag 23 checks consent.
    let text = shop().replace("CTESTPIXEL00000000001", "CQ1ABCDEFG");
    let plan = gtm::plan(&analysis(&text), &example(), &builtin());
    let f = plan
        .result
        .flow("sgtm-to-tiktok")
        .unwrap_or_else(|| panic!("sgtm-to-tiktok"));
    assert!(
        plan.result
            .node(f.from.as_str())
            .is_some_and(|n| n.as_gate().is_some()),
        "from {}",
        f.from
    );
    assert!(
        plan.changes
            .iter()
            .any(|c| matches!(c, Change::Rerouted { flow, .. } if flow == "sgtm-to-tiktok"))
    );
    assert!(
        plan.result
            .flows
            .iter()
            .any(|g| g.to == f.from && g.from.as_str() == "sgtm")
    );
}

#[test]
fn the_import_is_one_step_that_undo_takes_back() {
    let p = example();
    let plan = gtm::plan(&analysis(&shop()), &p, &builtin());
    let mut q = p.clone();
    let undo = plan
        .command
        .clone()
        .apply(&mut q)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(q, plan.result);
    undo.apply(&mut q).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(q, p);
}

fn copy_example(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("shop.capimap.ron");
    std::fs::write(&path, examples::SHOP).unwrap_or_else(|e| panic!("{e}"));
    path
}

#[test]
fn dry_run_writes_nothing_and_lists_the_same_changes() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = copy_example(dir.path());
    let dry = capimap([
        "import",
        "gtm",
        SHOP,
        "--into",
        path.to_str().unwrap_or_default(),
        "--dry-run",
    ]);
    assert_ok(&dry);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap_or_default(),
        examples::SHOP
    );
    assert!(!store::backup_path(&path).exists());
    let dry_text = String::from_utf8_lossy(&dry.stderr).into_owned();
    assert!(dry_text.contains("Would add"), "{dry_text}");
    let real = capimap([
        "import",
        "gtm",
        SHOP,
        "--into",
        path.to_str().unwrap_or_default(),
    ]);
    assert_ok(&real);
    let real_text = String::from_utf8_lossy(&real.stderr).into_owned();
    let lines = |t: &str| {
        t.lines()
            .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    assert_eq!(lines(&dry_text)[..10], lines(&real_text)[..10]);
    assert_ne!(
        std::fs::read_to_string(&path).unwrap_or_default(),
        examples::SHOP
    );
}

#[test]
fn importing_twice_into_a_file_leaves_it_as_the_first_import_wrote_it() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = copy_example(dir.path());
    let p = path.to_str().unwrap_or_default();
    assert_ok(&capimap(["import", "gtm", SHOP, "--into", p]));
    let first = std::fs::read(&path).unwrap_or_default();
    let modified = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
    std::fs::remove_file(store::backup_path(&path)).unwrap_or_else(|e| panic!("{e}"));
    let second = capimap(["import", "gtm", SHOP, "--into", p]);
    assert_ok(&second);
    assert!(String::from_utf8_lossy(&second.stderr).contains("nothing written"));
    assert_eq!(std::fs::read(&path).unwrap_or_default(), first);
    assert_eq!(
        std::fs::metadata(&path).and_then(|m| m.modified()).ok(),
        modified
    );
    assert!(
        !store::backup_path(&path).exists(),
        "no backup of an unchanged file"
    );
    // And the written file loads as the current format.
    let loaded = store::load(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(loaded.project.version, CURRENT_VERSION);
}
