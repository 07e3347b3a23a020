//! The commands and how each is applied and inverted.

use crate::model::{
    AcceptedRisk, ConsentPurpose, Field, Flow, Layout, Node, NodeId, Organisation, Position,
    ProcessingActivity, Project, RetentionRule,
};

/// A list of entities in the project.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Collection {
    ConsentPurposes,
    Activities,
    Fields,
    Nodes,
    Flows,
    Retention,
    AcceptedRisks,
}

/// One entity, of any kind.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    ConsentPurpose(ConsentPurpose),
    Activity(ProcessingActivity),
    Field(Field),
    Node(Node),
    Flow(Flow),
    Retention(RetentionRule),
    AcceptedRisk(AcceptedRisk),
}

impl Item {
    pub fn collection(&self) -> Collection {
        match self {
            Item::ConsentPurpose(_) => Collection::ConsentPurposes,
            Item::Activity(_) => Collection::Activities,
            Item::Field(_) => Collection::Fields,
            Item::Node(_) => Collection::Nodes,
            Item::Flow(_) => Collection::Flows,
            Item::Retention(_) => Collection::Retention,
            Item::AcceptedRisk(_) => Collection::AcceptedRisks,
        }
    }

    /// The entity's id.
    pub fn id(&self) -> &str {
        match self {
            Item::ConsentPurpose(x) => x.id.as_str(),
            Item::Activity(x) => x.id.as_str(),
            Item::Field(x) => x.id.as_str(),
            Item::Node(x) => x.id.as_str(),
            Item::Flow(x) => x.id.as_str(),
            Item::Retention(x) => x.id.as_str(),
            Item::AcceptedRisk(x) => x.id.as_str(),
        }
    }
}

/// A change to a project. Applying one returns the command that undoes it.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Put an entity at a position of its collection.
    Insert { at: usize, item: Item },
    /// Take the entity at a position out of a collection.
    Remove { collection: Collection, at: usize },
    /// Replace the entity at a position (an edit in an inspector).
    Replace { at: usize, item: Item },
    /// Set the organisation (controller, representative, DPO, joint controllers).
    SetOrganisation(Box<Organisation>),
    /// Set the project's name, description and record version.
    SetInfo {
        name: String,
        description: String,
        record_version: u32,
    },
    /// Set or clear the canvas position of a node.
    SetPosition {
        node: NodeId,
        position: Option<Position>,
    },
    /// Replace the whole layout (automatic layout).
    SetLayout(Layout),
    /// Several commands as one step (deleting a node with its flows, say).
    Batch(Vec<Command>),
}

/// Why a command could not be applied. The app builds commands from the project it shows, so
/// this means a bug or a stale command; the project is left unchanged.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("no {collection:?} entry at position {at}")]
    OutOfRange { collection: Collection, at: usize },
}

/// How many entities a collection holds.
pub fn len(p: &Project, c: Collection) -> usize {
    match c {
        Collection::ConsentPurposes => p.consent_purposes.len(),
        Collection::Activities => p.activities.len(),
        Collection::Fields => p.fields.len(),
        Collection::Nodes => p.nodes.len(),
        Collection::Flows => p.flows.len(),
        Collection::Retention => p.retention.len(),
        Collection::AcceptedRisks => p.accepted_risks.len(),
    }
}

fn insert(p: &mut Project, at: usize, item: Item) {
    match item {
        Item::ConsentPurpose(x) => p.consent_purposes.insert(at, x),
        Item::Activity(x) => p.activities.insert(at, x),
        Item::Field(x) => p.fields.insert(at, x),
        Item::Node(x) => p.nodes.insert(at, x),
        Item::Flow(x) => p.flows.insert(at, x),
        Item::Retention(x) => p.retention.insert(at, x),
        Item::AcceptedRisk(x) => p.accepted_risks.insert(at, x),
    }
}

fn remove(p: &mut Project, c: Collection, at: usize) -> Item {
    match c {
        Collection::ConsentPurposes => Item::ConsentPurpose(p.consent_purposes.remove(at)),
        Collection::Activities => Item::Activity(p.activities.remove(at)),
        Collection::Fields => Item::Field(p.fields.remove(at)),
        Collection::Nodes => Item::Node(p.nodes.remove(at)),
        Collection::Flows => Item::Flow(p.flows.remove(at)),
        Collection::Retention => Item::Retention(p.retention.remove(at)),
        Collection::AcceptedRisks => Item::AcceptedRisk(p.accepted_risks.remove(at)),
    }
}

fn replace(p: &mut Project, at: usize, item: Item) -> Item {
    fn swap<T>(v: &mut [T], at: usize, x: T) -> T {
        std::mem::replace(&mut v[at], x)
    }
    match item {
        Item::ConsentPurpose(x) => Item::ConsentPurpose(swap(&mut p.consent_purposes, at, x)),
        Item::Activity(x) => Item::Activity(swap(&mut p.activities, at, x)),
        Item::Field(x) => Item::Field(swap(&mut p.fields, at, x)),
        Item::Node(x) => Item::Node(swap(&mut p.nodes, at, x)),
        Item::Flow(x) => Item::Flow(swap(&mut p.flows, at, x)),
        Item::Retention(x) => Item::Retention(swap(&mut p.retention, at, x)),
        Item::AcceptedRisk(x) => Item::AcceptedRisk(swap(&mut p.accepted_risks, at, x)),
    }
}

impl Command {
    /// Applies the command and returns its inverse. On an error nothing is changed (a batch
    /// that fails halfway is rolled back).
    pub fn apply(self, p: &mut Project) -> Result<Command, EditError> {
        Ok(match self {
            Command::Insert { at, item } => {
                let c = item.collection();
                if at > len(p, c) {
                    return Err(EditError::OutOfRange { collection: c, at });
                }
                insert(p, at, item);
                Command::Remove { collection: c, at }
            }
            Command::Remove { collection, at } => {
                if at >= len(p, collection) {
                    return Err(EditError::OutOfRange { collection, at });
                }
                Command::Insert {
                    at,
                    item: remove(p, collection, at),
                }
            }
            Command::Replace { at, item } => {
                let c = item.collection();
                if at >= len(p, c) {
                    return Err(EditError::OutOfRange { collection: c, at });
                }
                Command::Replace {
                    at,
                    item: replace(p, at, item),
                }
            }
            Command::SetOrganisation(org) => {
                Command::SetOrganisation(Box::new(std::mem::replace(&mut p.organisation, *org)))
            }
            Command::SetInfo {
                name,
                description,
                record_version,
            } => Command::SetInfo {
                name: std::mem::replace(&mut p.name, name),
                description: std::mem::replace(&mut p.description, description),
                record_version: std::mem::replace(&mut p.record_version, record_version),
            },
            Command::SetPosition { node, position } => {
                let old = match position {
                    Some(pos) => p.layout.positions.insert(node.clone(), pos),
                    None => p.layout.positions.remove(&node),
                };
                Command::SetPosition {
                    node,
                    position: old,
                }
            }
            Command::SetLayout(layout) => {
                Command::SetLayout(std::mem::replace(&mut p.layout, layout))
            }
            Command::Batch(commands) => {
                let mut inverses = Vec::with_capacity(commands.len());
                for c in commands {
                    match c.apply(p) {
                        Ok(inv) => inverses.push(inv),
                        Err(e) => {
                            // Roll back what was done, newest first.
                            for inv in inverses.into_iter().rev() {
                                let _ = inv.apply(p);
                            }
                            return Err(e);
                        }
                    }
                }
                inverses.reverse();
                Command::Batch(inverses)
            }
        })
    }

    /// Whether the command changes nothing (an empty batch).
    pub fn is_empty(&self) -> bool {
        matches!(self, Command::Batch(v) if v.iter().all(Command::is_empty))
    }
}
