//! Art. 30(1)(c) names categories of personal data with the number of fields in each, only
//! of data that serves the activity; the fields are listed in the record's annex.

mod common;

use capimap::report::words::Lang;
use common::record::{entry, example, record, table};

const ANNEX: &str = "Annex: Fields by category of personal data";

#[test]
fn c_names_categories_with_counts_and_the_annex_lists_the_fields() {
    let p = example();
    let r = record(&p, Lang::En);
    let c = entry(
        &r,
        "Conversion measurement",
        "Art. 30(1)(c) Categories of personal data",
    );
    // The example's conversion events carry e-mail, phone, names, city, postal code, country.
    assert!(c.contains("Contact data: "), "{c}");
    assert!(c.contains("Online identifiers"), "{c}");
    assert!(c.contains("Device and connection data"), "{c}");
    assert!(
        !c.contains("user.contact.email"),
        "fields go to the annex: {c}"
    );
    // The counts add up to the personal fields the activity's mappings carry.
    let counted: usize = c
        .split("; ")
        .filter_map(|part| {
            let count = part.rsplit_once(": ")?.1;
            count.split_whitespace().next()?.parse::<usize>().ok()
        })
        .sum();
    let rows = table(&r, ANNEX);
    let used = rows
        .iter()
        .filter(|row| row[2].split(", ").any(|a| a == "Conversion measurement"))
        .count();
    assert_eq!(counted, used, "(c) {c}");
    let email = rows
        .iter()
        .position(|row| row[1] == "E-mail address (user.contact.email)")
        .expect("the annex lists the e-mail address");
    let heading = rows[..=email]
        .iter()
        .rev()
        .find(|row| !row[0].is_empty())
        .expect("a category heads the group");
    assert!(heading[0].starts_with("Contact data"), "{heading:?}");
}

#[test]
fn a_field_sent_only_for_another_activity_does_not_count_for_this_one() {
    let mut p = example();
    let before = entry(
        &record(&p, Lang::En),
        "Shop analytics",
        "Art. 30(1)(c) Categories of personal data",
    );
    // Every mapping of the e-mail address now names only the conversion measurement.
    let only = p.activities[0].id.clone();
    for f in &mut p.flows {
        for m in &mut f.fields {
            if m.field.as_str() == "email" {
                m.activities = vec![only.clone()];
            }
        }
    }
    let r = record(&p, Lang::En);
    let after = entry(
        &r,
        "Shop analytics",
        "Art. 30(1)(c) Categories of personal data",
    );
    assert_ne!(before, after, "the analytics activity lost a field");
    let rows = table(&r, ANNEX);
    let email = rows
        .iter()
        .find(|row| row[1].starts_with("E-mail address"))
        .expect("still in the annex");
    assert!(!email[2].contains("Shop analytics"), "{email:?}");
}
