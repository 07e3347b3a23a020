//! What an inspection tells about fields the record does not document yet, in the terms of an
//! edit ([`crate::edit::add::Observed`]): hashed or not, and how identifying the values looked.

use crate::edit::add::Observed;
use crate::model::Identifiability;

use super::{Inspection, Kind};

impl Inspection {
    /// The fields at `paths` as seen; paths the inspection did not see are left out.
    pub fn observed(&self, paths: &[String]) -> Vec<Observed> {
        paths
            .iter()
            .filter_map(|path| {
                let stats = self.paths.get(path)?;
                let kind = stats.kinds.keys().copied().find(|k| *k != Kind::Empty);
                Some(Observed {
                    path: path.clone(),
                    hashed: stats.hashed() > 0 && stats.raw() == 0,
                    identifiability: identifiability_of(kind),
                })
            })
            .collect()
    }
}

/// How identifying a value of this kind is: an e-mail address, a phone number or a name
/// identifies directly; an IP address or a URL with personal data in combination; a hash is a
/// pseudonymous id (it still singles out the person it was made from).
fn identifiability_of(kind: Option<Kind>) -> Identifiability {
    match kind {
        Some(Kind::Email | Kind::Phone | Kind::NameLike) => Identifiability::DirectIdentifier,
        Some(Kind::IpAddress | Kind::UrlWithPersonalData) => Identifiability::Indirect,
        Some(Kind::Sha256Hex | Kind::Sha256Base64) => Identifiability::PseudonymousId,
        _ => Identifiability::NotPersonal,
    }
}
