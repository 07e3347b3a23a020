//! Projects built into the binary.

/// The example: a mid-size online shop in the EU sending conversions to Meta, Google Ads and
/// TikTok, with the gaps such setups really have (listed in the README).
pub const SHOP: &str = include_str!("../assets/examples/shop.capimap.ron");

/// The name under which the example appears in messages.
pub const SHOP_NAME: &str = "shop.capimap.ron (built-in example)";
