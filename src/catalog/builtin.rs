//! The catalogue files built into the binary, by file name.

/// The usual normalisations per data category.
pub(super) const NORMALISATIONS: &str = include_str!("../../templates/normalisations.ron");

pub(super) const FILES: &[(&str, &str)] = &[
    (
        "google-ads.ron",
        include_str!("../../templates/platforms/google-ads.ron"),
    ),
    (
        "google-data-manager.ron",
        include_str!("../../templates/platforms/google-data-manager.ron"),
    ),
    (
        "linkedin.ron",
        include_str!("../../templates/platforms/linkedin.ron"),
    ),
    (
        "meta.ron",
        include_str!("../../templates/platforms/meta.ron"),
    ),
    (
        "microsoft.ron",
        include_str!("../../templates/platforms/microsoft.ron"),
    ),
    (
        "pinterest.ron",
        include_str!("../../templates/platforms/pinterest.ron"),
    ),
    (
        "reddit.ron",
        include_str!("../../templates/platforms/reddit.ron"),
    ),
    (
        "snapchat.ron",
        include_str!("../../templates/platforms/snapchat.ron"),
    ),
    (
        "tiktok.ron",
        include_str!("../../templates/platforms/tiktok.ron"),
    ),
    ("x.ron", include_str!("../../templates/platforms/x.ron")),
];
