//! Node positions on the canvas, kept in the project so that a diagram looks the same for
//! everyone who opens the file.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::ids::NodeId;

#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Position {
    pub x: f32,
    pub y: f32,
}

/// Positions by node id; a node without one is placed by the automatic layout.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Layout {
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub positions: BTreeMap<NodeId, Position>,
}

impl Layout {
    pub fn is_empty(&self) -> bool {
        self.positions.is_empty()
    }
}
