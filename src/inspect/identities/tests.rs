use super::*;

fn zoe() -> TestIdentity {
    TestIdentity {
        email: Some("  Zoë.Müller+qa@GMail.com ".into()),
        phone: Some("0170 1234567".into()),
        country: Some("DE".into()),
        first_name: Some("Zoë".into()),
        last_name: Some("Müller".into()),
        city: Some("Hamburg".into()),
        postal_code: Some("20457".into()),
        date_of_birth: Some("1990-04-23".into()),
        external_id: Some("QA-0002".into()),
        withdrawn: false,
    }
}

fn other() -> TestIdentity {
    TestIdentity {
        email: Some("qa.tester@example.com".into()),
        phone: Some("+33 6 12 34 56 78".into()),
        ..TestIdentity::default()
    }
}

fn sha(s: &str) -> String {
    hex(&digest(s))
}

/// What the index says of a hash: (identity, field, how, twice).
fn says(index: &Index, hash: &str) -> Vec<(usize, Field, String, bool)> {
    let (found, _) = index.hashed(hash).expect("a hash");
    found
        .iter()
        .map(|c| (c.identity, c.field, c.made.describe(), c.twice))
        .collect()
}

#[test]
fn a_hash_made_each_usual_way_is_identified_as_that_way() {
    let index = Index::new(&[other(), zoe()]);
    // Written by hand as a sender would, then hashed.
    let cases = [
        (
            "zoë.müller+qa@gmail.com",
            Field::Email,
            "e-mail: trim, lower-case",
        ),
        (
            "zoëmüller@gmail.com",
            Field::Email,
            "e-mail: trim, lower-case, Gmail dots and +suffix removed",
        ),
        (
            "zoëmüller+qa@gmail.com",
            Field::Email,
            "e-mail: trim, lower-case, Gmail dots removed",
        ),
        (
            "  Zoë.Müller+qa@GMail.com ",
            Field::Email,
            "as typed, not trimmed",
        ),
        (
            "  zoë.müller+qa@gmail.com ",
            Field::Email,
            "lower-cased, not trimmed",
        ),
        (
            "Zoë.Müller+qa@GMail.com",
            Field::Email,
            "trimmed, not lower-cased",
        ),
        ("+491701234567", Field::Phone, "phone: E.164 with +"),
        (
            "491701234567",
            Field::Phone,
            "phone: digits with country code, no +",
        ),
        (
            "01701234567",
            Field::Phone,
            "national format, leading zero kept",
        ),
        (
            "1701234567",
            Field::Phone,
            "national format, no leading zero",
        ),
        (
            "+4901701234567",
            Field::Phone,
            "country code with the national leading zero, '+'",
        ),
        (
            "4901701234567",
            Field::Phone,
            "country code with the national leading zero, digits",
        ),
        ("00491701234567", Field::Phone, "international prefix 00"),
        ("0170 1234567", Field::Phone, "as typed, not trimmed"),
        ("zoë", Field::FirstName, "name: lower-case, no punctuation"),
        ("Zoë", Field::FirstName, "as typed, not trimmed"),
        (
            "z",
            Field::FirstName,
            "name: trim, lower-case, first 1 characters",
        ),
        ("hamburg", Field::City, "city: lower-case, letters only"),
        ("19900423", Field::DateOfBirth, "date of birth: YYYYMMDD"),
        ("23041990", Field::DateOfBirth, "DDMMYYYY"),
        ("04231990", Field::DateOfBirth, "MMDDYYYY"),
        ("1990", Field::DateOfBirth, "year of birth: YYYY"),
        ("qa-0002", Field::ExternalId, "trim, lower-case"),
    ];
    for (written, field, how) in cases {
        let got = says(&index, &sha(written));
        assert!(
            got.iter()
                .any(|(n, f, h, twice)| *n == 2 && *f == field && h == how && !twice),
            "{written:?} ({field:?}): {got:?}"
        );
        // Upper-case hex is the same hash, said to be written so.
        let (_, upper) = index.hashed(&sha(written).to_uppercase()).expect("a hash");
        assert!(upper);
    }
    // Hashed twice: the hash of the hex of the hash.
    let twice = says(&index, &sha(&sha("+491701234567")));
    assert!(
        twice
            .iter()
            .any(|(n, f, h, t)| *n == 2 && *f == Field::Phone && h == "phone: E.164 with +" && *t)
    );
    // The other identity is told apart, and a stranger's hash matches no one.
    assert!(
        says(&index, &sha("+33612345678"))
            .iter()
            .all(|(n, ..)| *n == 1)
    );
    assert!(says(&index, &sha("stranger@example.com")).is_empty());
}

#[test]
fn base64_hashes_are_read_as_hashes() {
    let index = Index::new(&[zoe()]);
    // SHA-256 of "zoë.müller+qa@gmail.com" in standard Base64, as computed independently.
    let d = digest("zoë.müller+qa@gmail.com");
    let b64 = {
        const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut s = String::new();
        for chunk in d.chunks(3) {
            let n = chunk.iter().fold(0u32, |acc, b| (acc << 8) | u32::from(*b))
                << (8 * (3 - chunk.len()));
            for k in 0..=chunk.len() {
                s.push(char::from(A[((n >> (18 - 6 * k)) & 63) as usize]));
            }
        }
        while !s.len().is_multiple_of(4) {
            s.push('=');
        }
        s
    };
    assert_eq!(b64.len(), 44);
    let (found, upper) = index.hashed(&b64).expect("a hash");
    assert!(!upper);
    assert!(found.iter().any(
        |c| c.field == Field::Email && c.made == Made::Rule(crate::model::Normalisation::Email)
    ));
    assert!(index.hashed("not a hash").is_none());
}

#[test]
fn a_raw_value_of_an_identity_is_found_whatever_its_case_and_spaces() {
    let index = Index::new(&[other(), zoe()]);
    assert_eq!(index.raw(" ZOË.MÜLLER+QA@gmail.com"), &[(2, Field::Email)]);
    assert_eq!(index.raw("+491701234567"), &[(2, Field::Phone)]);
    assert!(index.raw("04").is_empty(), "too short to tell");
    assert!(index.raw("someone@else.example").is_empty());
}

#[test]
fn a_file_with_a_mistake_names_the_place_and_never_a_value() {
    let err = parse(
        "[(email: \"a@b.example\", emial: \"secret@x.example\")]",
        "ids.ron",
    )
    .expect_err("unknown field");
    let text = err.to_string();
    assert!(text.starts_with("ids.ron:1:"), "{text}");
    assert!(text.contains("'emial'"), "{text}");
    assert!(!text.contains("secret") && !text.contains("a@b"), "{text}");
    let err = parse("[(email: 42)]", "ids.ron").expect_err("not a string");
    assert!(!err.to_string().contains("42"), "{err}");
    let ok = parse(
        "[(email: \"a@b.example\"), (phone: \"0170 1\", country: \"DE\")]",
        "ids.ron",
    )
    .expect("parses");
    assert_eq!(ok.len(), 2);
    let marked = parse(
        "[(email: \"a@b.example\"), (email: \"c@d.example\", withdrawn: true)]",
        "ids.ron",
    )
    .expect("parses");
    assert_eq!(Index::new(&marked).withdrawn, [2], "numbered from 1");
}
