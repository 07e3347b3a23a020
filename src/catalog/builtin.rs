//! The catalogue files built into the binary, by file name.

pub(super) const FILES: &[(&str, &str)] = &[(
    "meta.ron",
    include_str!("../../templates/platforms/meta.ron"),
)];
