use super::super::fonts::{Metrics, REGULAR};
use super::*;

fn metrics() -> Metrics {
    Metrics::new(REGULAR).expect("the font")
}

const TEXTS: [&str; 5] = [
    "Kundendatenverarbeitungsdienstleistungsgesellschaft Nordlicht Outdoor GmbH & Co. KG, Hafenstraße 12",
    "The server-side tag manager sends user_data.em and user_data.external_id, hashed with SHA-256 after trimming and lower-casing, to https://graph.facebook.com/v21.0/1234567890/events.",
    "Verarbeitungstätigkeiten des Auftragsverarbeiters gemäß Art.\u{a0}28 DSGVO: Auftragsverarbeitungsvertrag",
    "Données à caractère personnel transférées vers les États-Unis (art.\u{a0}46 RGPD), conservation 13\u{a0}mois",
    "0000000000000000000000000000000000000000000000000000000000000000",
];

/// Puts the lines back together: a hyphen the setter added goes, a space at a word break
/// comes back.
fn rejoin(original: &str, lines: &[String]) -> String {
    let mut out = String::new();
    for line in lines {
        let rest = &original[out.len().min(original.len())..];
        let rest = rest.trim_start_matches(' ');
        out.push_str(&original[out.len()..original.len() - rest.len()]);
        let body = if rest.starts_with(line.as_str()) {
            line.as_str()
        } else {
            line.strip_suffix(HYPHEN).unwrap_or(line)
        };
        assert!(
            rest.starts_with(body),
            "{body:?} does not continue {rest:?}"
        );
        out.push_str(body);
    }
    out
}

#[test]
fn no_line_is_wider_than_its_width_and_nothing_is_lost() {
    let m = metrics();
    for lang in Lang::ALL {
        for text in TEXTS {
            for width in [40.0, 55.0, 80.0, 120.0, 200.0, 400.0] {
                let lines = lines(&m, lang, text, 8.0, width);
                for l in &lines {
                    let w = m.width(l, 8.0);
                    // Only a single character wider than the line may stick out.
                    assert!(
                        w <= width + 0.01 || l.chars().count() == 1,
                        "{lang:?} {width}: {l:?} is {w}"
                    );
                }
                assert_eq!(rejoin(text, &lines), text, "{lang:?} {width}: {lines:?}");
            }
        }
    }
}

#[test]
fn a_word_is_broken_only_with_a_hyphen_at_a_point_the_patterns_give() {
    let m = metrics();
    let word = "Verarbeitungstätigkeiten";
    let allowed: Vec<String> = {
        let syl: Vec<&str> = hypher::hyphenate(word, hypher::Lang::German).collect();
        (1..syl.len()).map(|i| syl[..i].concat()).collect()
    };
    for width in [30.0, 45.0, 60.0, 80.0] {
        let lines = lines(&m, Lang::De, word, 8.0, width);
        assert!(lines.len() > 1, "{width}");
        let mut done = String::new();
        for l in &lines[..lines.len() - 1] {
            let part = l.strip_suffix(HYPHEN).expect("ends in a hyphen");
            done.push_str(part);
            assert!(allowed.contains(&done), "{done:?} at {width}");
        }
    }
    // "Severity" in a narrow cell: never "Severi" + "ty" without a hyphen.
    let lines = lines(&m, Lang::En, "Severity", 8.0, 30.0);
    assert!(lines.len() == 1 || lines[0].ends_with(HYPHEN), "{lines:?}");
}

#[test]
fn identifiers_break_after_separators_without_a_hyphen() {
    let m = metrics();
    let width = m.width("device_", 8.0) + 1.0;
    assert_eq!(
        lines(&m, Lang::En, "device_id", 8.0, width),
        ["device_", "id"]
    );
    let width = m.width("user_data.", 8.0) + 1.0;
    assert_eq!(
        lines(&m, Lang::En, "user_data.em", 8.0, width),
        ["user_data.", "em"]
    );
}

#[test]
fn glued_words_stay_together() {
    let m = metrics();
    for text in [
        "Art.\u{a0}9",
        "13\u{a0}months",
        "§ 257",
        "§§ 195",
        "Art. 30",
    ] {
        let wide = m.width(text, 8.0) + 1.0;
        let lines = lines(&m, Lang::En, &format!("see {text} here"), 8.0, wide);
        assert!(lines.iter().any(|l| l.contains(text)), "{lines:?}");
    }
}

#[test]
fn a_short_line_takes_part_of_the_next_word_a_full_one_does_not() {
    let m = metrics();
    let text = "a Auftragsverarbeitungsvertrag";
    let width = m.width("a Auftragsverarbeitungs", 8.0) + 0.5;
    let set = lines(&m, Lang::De, text, 8.0, width);
    assert!(
        set[0].starts_with("a Auftrags") && set[0].ends_with(HYPHEN),
        "{set:?}"
    );
    let text = "Verarbeitung Auftragsverarbeitungsvertrag";
    let width = m.width("Verarbeitung Auf", 8.0);
    let set = lines(&m, Lang::De, text, 8.0, width);
    assert_eq!(set[0], "Verarbeitung", "filled enough: no hyphen");
}

#[test]
fn fit_cuts_with_an_ellipsis_that_still_fits() {
    let m = metrics();
    let text = TEXTS[0];
    for width in [60.0, 100.0, 150.0] {
        let set = fit(&m, Lang::De, text, 8.0, width, 2);
        assert_eq!(set.len(), 2, "{set:?}");
        assert!(set[1].ends_with('…'), "{set:?}");
        assert!(m.width(&set[1], 8.0) <= width + 0.01, "{set:?}");
    }
    assert_eq!(fit(&m, Lang::En, "Shop", 8.0, 100.0, 2), ["Shop"]);
}

#[test]
fn a_title_is_broken_between_words_and_hyphenated_only_where_a_word_does_not_fit() {
    let m = metrics();
    let title = "Registre des activités de traitement";
    let width = m.width("Registre des activités de traite", 26.0);
    let set = lines(&m, Lang::Fr, title, 26.0, width);
    assert_eq!(set, ["Registre des activités de", "traitement"]);
    // A word longer than the line is still hyphenated, not cut anywhere.
    let long = "Auftragsverarbeitungsvertragsverwaltung";
    let set = lines(&m, Lang::De, long, 17.0, m.width(long, 17.0) / 2.0);
    assert!(set.len() >= 2 && set[0].ends_with(HYPHEN), "{set:?}");
}
