//! Saved decisions: the list a reader keeps in their browser, and the
//! versioned format it is stored in.
//!
//! The web layer reads and writes the stored text; everything about what
//! the list holds, how it changes and what counts as readable is here.
//! A stored list this build cannot read is never overwritten: the caller
//! gets `StoreProblem` and leaves the data alone.

use serde::{Deserialize, Serialize};

use super::model::{FlowId, NodeId};

/// Version of the stored format this build writes and reads.
pub const STORE_VERSION: u32 = 1;
/// Longest title kept, in characters.
pub const MAX_TITLE: usize = 120;
/// Longest note kept, in characters.
pub const MAX_NOTE: usize = 2000;
/// Most saved decisions kept; saving more drops none, it is refused.
pub const MAX_ITEMS: usize = 200;

/// The stored document, as written to browser storage:
/// `{"version": 1, "items": [{"id", "flow", "flowVersion", "link",
/// "outcome", "title", "note", "savedAt"}]}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoredList {
    /// Format version; [`STORE_VERSION`] for what this build writes.
    pub version: u32,
    /// The saved decisions, newest first.
    pub items: Vec<SavedDecision>,
}

/// The id of a saved decision, unique within the list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SavedId(pub String);

impl SavedId {
    /// The id as stored.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// One saved decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct SavedDecision {
    /// Unique within the list; assigned by [`SavedList::add`] from the save time.
    pub id: SavedId,
    /// The flow's id.
    pub flow: FlowId,
    /// The flow's version when saved.
    pub flow_version: u32,
    /// The share-link fragment (without `#`) that reopens the decision.
    pub link: String,
    /// The outcome's id, if one was reached.
    pub outcome: Option<NodeId>,
    /// The reader's title.
    pub title: String,
    /// The reader's note.
    #[serde(default)]
    pub note: String,
    /// When it was saved, in milliseconds since the Unix epoch; written as
    /// a whole number.
    #[serde(serialize_with = "whole_ms")]
    pub saved_at: f64,
}

fn whole_ms<S: serde::Serializer>(ms: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_u64(ms.max(0.0) as u64)
}

/// Just the version of a stored list, read before the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub struct StoredVersion {
    /// The format version.
    pub version: u32,
}

impl StoredList {
    /// The stored text.
    pub fn to_json(&self) -> String {
        // Plain strings and numbers always serialise.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads stored text. Anything that is not a list of ours is
    /// `Unreadable`; a list of a newer version says so, so the caller
    /// leaves it alone either way. (The widget reads the same two steps
    /// with the browser's JSON parser.)
    pub fn from_json(text: &str) -> Result<StoredList, StoreProblem> {
        let StoredVersion { version } = serde_json::from_str(text).map_err(|_| StoreProblem::Unreadable)?;
        StoredList::readable(version)?;
        serde_json::from_str(text).map_err(|_| StoreProblem::Unreadable)
    }

    /// Whether a stored list of `version` may be read: a newer one may hold
    /// anything, so it is read no further.
    pub fn readable(version: u32) -> Result<(), StoreProblem> {
        match version > STORE_VERSION {
            true => Err(StoreProblem::Newer { version }),
            false => Ok(()),
        }
    }
}

/// Why a stored list cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreProblem {
    /// The data is not a saved-decision list (damaged, or another app's).
    Unreadable,
    /// Written by a newer version of the widget.
    Newer {
        /// The version found.
        version: u32,
    },
    /// The list is full.
    Full,
}

impl StoreProblem {
    /// The key of the widget's word that tells the reader (see
    /// `engine::words`).
    pub fn word(&self) -> &'static str {
        match self {
            StoreProblem::Unreadable => "storage-unreadable",
            StoreProblem::Newer { .. } => "storage-newer",
            StoreProblem::Full => "storage-full",
        }
    }
}

impl std::fmt::Display for StoreProblem {
    /// The problem in English.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(super::words::english(self.word()).unwrap_or_default())
    }
}

/// The reader's saved decisions.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SavedList {
    items: Vec<SavedDecision>,
}

fn clip(text: &str, max: usize) -> String {
    text.trim().chars().take(max).collect()
}

impl SavedList {
    /// Reads a stored document, refusing one of another version.
    pub fn from_stored(stored: StoredList) -> Result<SavedList, StoreProblem> {
        match stored.version {
            STORE_VERSION => Ok(SavedList { items: stored.items }),
            v if v > STORE_VERSION => Err(StoreProblem::Newer { version: v }),
            _ => Err(StoreProblem::Unreadable),
        }
    }

    /// The document to store.
    pub fn to_stored(&self) -> StoredList {
        StoredList {
            version: STORE_VERSION,
            items: self.items.clone(),
        }
    }

    /// Every saved decision, newest first.
    pub fn items(&self) -> &[SavedDecision] {
        &self.items
    }

    /// The saved decisions of one flow, newest first.
    pub fn for_flow<'a>(&'a self, flow: &'a FlowId) -> impl Iterator<Item = &'a SavedDecision> + 'a {
        self.items.iter().filter(move |i| i.flow == *flow)
    }

    /// The saved decision with this id.
    pub fn get(&self, id: &SavedId) -> Option<&SavedDecision> {
        self.items.iter().find(|i| i.id == *id)
    }

    /// Adds `item` at the top with a fresh id, title and note clipped.
    /// Returns the new id.
    pub fn add(&mut self, mut item: SavedDecision) -> Result<SavedId, StoreProblem> {
        if self.items.len() >= MAX_ITEMS {
            return Err(StoreProblem::Full);
        }
        // Ids come from the save time, so an id deleted and then undone is
        // not taken by a save in between; a clash gets a suffix.
        let base = (item.saved_at.max(0.0) as u64).to_string();
        let mut id = SavedId(base.clone());
        let mut n = 1u32;
        while self.get(&id).is_some() {
            n += 1;
            id = SavedId(format!("{base}-{n}"));
        }
        item.id = id;
        item.title = clip(&item.title, MAX_TITLE);
        item.note = clip(&item.note, MAX_NOTE);
        self.items.insert(0, item);
        Ok(self.items[0].id.clone())
    }

    /// Changes a saved decision's title and note. Returns whether it exists.
    pub fn rename(&mut self, id: &SavedId, title: &str, note: &str) -> bool {
        let Some(item) = self.items.iter_mut().find(|i| i.id == *id) else {
            return false;
        };
        let title = clip(title, MAX_TITLE);
        if !title.is_empty() {
            item.title = title;
        }
        item.note = clip(note, MAX_NOTE);
        true
    }

    /// Removes a saved decision, returning it and where it stood so that
    /// [`SavedList::undo_remove`] can put it back.
    pub fn remove(&mut self, id: &SavedId) -> Option<(usize, SavedDecision)> {
        let at = self.items.iter().position(|i| i.id == *id)?;
        Some((at, self.items.remove(at)))
    }

    /// Puts a removed decision back where it was (or at the end, if the
    /// list has since shrunk), unless its id is already taken again.
    pub fn undo_remove(&mut self, at: usize, item: SavedDecision) {
        if self.get(&item.id).is_some() {
            return;
        }
        let at = at.min(self.items.len());
        self.items.insert(at, item);
    }
}
