//! Saved decisions in `localStorage`: read, and read-modify-write that never
//! overwrites what it cannot read.
//!
//! `gloo_storage::LocalStorage` throws where storage is refused (a
//! sandboxed frame, cookies blocked), so this reaches `localStorage`
//! through web-sys, where a refusal is an error to report.

use dw_engine::saved::{SavedList, StoreProblem, StoredList, StoredVersion};

use super::window;

/// The storage key of the saved-decision list, shared by every widget.
pub const SAVED_KEY: &str = "decision-widget/saved";

/// What the browser's storage holds for us.
#[derive(Debug, Clone, PartialEq)]
pub enum SavedLoad {
    /// A list we can read (empty when nothing was saved yet).
    Ready(SavedList),
    /// Data we must not touch.
    Problem(StoreProblem),
    /// No storage: blocked, sandboxed, or switched off.
    Unavailable,
}

fn local_storage() -> Option<web_sys::Storage> {
    // `localStorage` throws in sandboxed frames and when cookies are blocked.
    window()?.local_storage().ok().flatten()
}

fn read_saved(storage: &web_sys::Storage) -> Result<SavedList, StoreProblem> {
    let Some(text) = storage.get_item(SAVED_KEY).map_err(|_| StoreProblem::Unreadable)? else {
        return Ok(SavedList::default());
    };
    let stored: StoredVersion = super::from_json(&text).map_err(|_| StoreProblem::Unreadable)?;
    StoredList::readable(stored.version)?;
    let list: StoredList = super::from_json(&text).map_err(|_| StoreProblem::Unreadable)?;
    SavedList::from_stored(list)
}

/// Reads the saved-decision list.
pub fn load_saved() -> SavedLoad {
    match local_storage() {
        None => SavedLoad::Unavailable,
        Some(storage) => match read_saved(&storage) {
            Ok(list) => SavedLoad::Ready(list),
            Err(problem) => SavedLoad::Problem(problem),
        },
    }
}

/// Why a list could not be written.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveFailure {
    /// No storage at all.
    Unavailable,
    /// The browser refused: storage full or writes blocked.
    Refused,
    /// What is stored now cannot be read, so it is not overwritten.
    Problem(StoreProblem),
}

impl SaveFailure {
    /// The key of the widget's word that tells the reader.
    pub fn word(&self) -> &'static str {
        match self {
            SaveFailure::Unavailable => "storage-blocked",
            SaveFailure::Refused => "storage-refused",
            SaveFailure::Problem(p) => p.word(),
        }
    }
}

/// Applies `change` to the list as stored now (another tab or widget may
/// have changed it) and writes the result. Returns the list written.
pub fn update_saved<T>(
    change: impl FnOnce(&mut SavedList) -> Result<T, StoreProblem>,
) -> Result<(SavedList, T), SaveFailure> {
    let storage = local_storage().ok_or(SaveFailure::Unavailable)?;
    let mut list = read_saved(&storage).map_err(SaveFailure::Problem)?;
    let result = change(&mut list).map_err(SaveFailure::Problem)?;
    let text = super::to_json(&list.to_stored(), false).ok_or(SaveFailure::Refused)?;
    storage.set_item(SAVED_KEY, &text).map_err(|_| SaveFailure::Refused)?;
    Ok((list, result))
}
