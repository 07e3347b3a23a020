//! The extension keys a fideslang export declares: every data category, data use and data
//! subject the file names that fideslang's default taxonomy lacks, with each missing parent,
//! so that every key in the file resolves (fideslang checks that a declared key's parent is
//! the key's own prefix).

use crate::model::fideslang::doc::{Manifest, TaxonomyEntry};
use crate::model::fideslang::{self as fl, Kind};
use crate::model::{Project, vocab};

/// Every key of `kind` the manifest's resources name, in first-seen order.
fn named(m: &Manifest, kind: Kind) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut add = |k: &str| {
        if !out.iter().any(|o| o == k) {
            out.push(k.to_owned());
        }
    };
    for s in &m.system {
        for d in &s.privacy_declarations {
            match kind {
                Kind::Category => d
                    .data_categories
                    .iter()
                    .chain(&d.shared_categories)
                    .for_each(|k| add(k)),
                Kind::Use => add(&d.data_use),
                Kind::Subject => d.data_subjects.iter().for_each(|k| add(k)),
            }
        }
        if kind == Kind::Category {
            for f in s.egress.iter().chain(s.ingress.iter()).flatten() {
                f.data_categories.iter().for_each(|k| add(k));
            }
        }
    }
    if kind == Kind::Category {
        for d in &m.dataset {
            for c in &d.collections {
                for f in &c.fields {
                    f.data_categories.iter().for_each(|k| add(k));
                }
            }
        }
    }
    out
}

/// A name and description for an extension key: capimap's own words where it has them.
fn words(p: &Project, kind: Kind, key: &str) -> (String, String) {
    if key == fl::USE_NOT_RECORDED {
        return (
            "Data use not recorded".to_owned(),
            "The activity names no data use in capimap yet: fideslang needs one on every declaration. Replace it with the data use that applies.".to_owned(),
        );
    }
    if let Some(e) = fl::EXTENSIONS.iter().find(|e| e.fides == key) {
        return (e.name.to_owned(), e.description.to_owned());
    }
    let (list, what) = match kind {
        Kind::Category => (vocab::DATA_CATEGORIES, "data category"),
        Kind::Use => (vocab::DATA_USES, "data use"),
        Kind::Subject => (vocab::DATA_SUBJECTS, "data subject"),
    };
    let label = vocab::label(list, key)
        .map(str::to_owned)
        .or_else(|| {
            (kind == Kind::Category)
                .then(|| p.fields.iter().find(|f| f.category == key))
                .flatten()
                .map(|f| f.label.clone())
        })
        .unwrap_or_else(|| key.rsplit('.').next().unwrap_or(key).replace('_', " "));
    (
        label,
        format!("A {what} of the capimap project that fideslang's default taxonomy does not have."),
    )
}

/// Declares in `m` every key its resources name beyond the default taxonomy.
pub fn declare_extensions(p: &Project, m: &mut Manifest, org: &str) {
    for kind in [Kind::Category, Kind::Use, Kind::Subject] {
        let mut declared: Vec<TaxonomyEntry> = Vec::new();
        for key in named(m, kind) {
            // The key and each ancestor the default taxonomy lacks, root first.
            let mut chain = Vec::new();
            let mut k = Some(key.as_str());
            while let Some(at) = k {
                if fl::is_default(kind, at) || declared.iter().any(|d| d.fides_key == at) {
                    break;
                }
                chain.push(at.to_owned());
                k = fl::parent(at);
            }
            for at in chain.into_iter().rev() {
                let (name, description) = words(p, kind, &at);
                declared.push(TaxonomyEntry {
                    parent_key: fl::parent(&at).map(str::to_owned),
                    fides_key: at,
                    organization_fides_key: org.to_owned(),
                    name,
                    description,
                });
            }
        }
        match kind {
            Kind::Category => m.data_category = declared,
            Kind::Use => m.data_use = declared,
            Kind::Subject => m.data_subject = declared,
        }
    }
}
