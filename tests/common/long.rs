//! A project whose names are as long as real ones get: a 100-character organisation, twelve
//! activities with 100-character names made of German compounds and identifiers, a system
//! with a 100-character name, and a 300-word description, for the record's layout tests.

use capimap::model::{ActivityId, Project};

use super::record::example;

/// `base` repeated, with a counter, to exactly `len` characters.
fn long(base: &str, i: usize, len: usize) -> String {
    let mut s = format!("{i:02} {base}");
    while s.chars().count() < len {
        s.push(' ');
        s.push_str(base);
    }
    s.chars()
        .take(len)
        .collect::<String>()
        .trim_end()
        .to_owned()
}

pub const ORGANISATION: &str = "Kundendatenverarbeitungsdienstleistungsgesellschaft Nordlicht Outdoor Ausrüstung GmbH & Co. KGaA";

pub fn project() -> Project {
    with_activities(12)
}

/// The long project with `count` activities (at least the example's).
pub fn with_activities(count: usize) -> Project {
    let mut p = example();
    p.organisation.controller.name = ORGANISATION.to_owned();
    let words = "Die serverseitige Übermittlung von Konversionsereignissen an Werbeplattformen \
        umfasst gehashte Kontaktdaten (user_data.em, user_data.ph), Klick-Kennungen wie fbclid \
        und gclid, die IP-Adresse und den User-Agent des Browsers";
    let description: Vec<&str> = std::iter::repeat(words.split_whitespace())
        .flatten()
        .take(300)
        .collect();
    let template = p.activities[0].clone();
    let mut i = 0;
    while p.activities.len() < count {
        let mut a = template.clone();
        a.id = ActivityId::from(format!("extra-{i}").as_str());
        // The flows of the first activity serve the copies too, so each section is full.
        for f in p
            .flows
            .iter_mut()
            .filter(|f| f.activities.contains(&template.id))
        {
            f.activities.push(a.id.clone());
        }
        p.activities.push(a);
        i += 1;
    }
    for (i, a) in p.activities.iter_mut().enumerate() {
        a.name = long(
            "Auftragsverarbeitungsvertragsverwaltung für Datenschutzfolgenabschätzungen server_side.conversion_api",
            i,
            100,
        );
        a.description = description.join(" ");
    }
    if let Some(n) = p.nodes.iter_mut().find(|n| n.as_destination().is_some()) {
        n.name = long(
            "Werbeplattformschnittstellenbetreiber Konversionsereignisübermittlung",
            0,
            100,
        );
    }
    p
}
