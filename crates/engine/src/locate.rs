//! Where a value of a JSON document starts: the line and column of a
//! [`JsonPath`] such as `questions[2].choices[1].next`, so that every
//! problem in a flow file can point at its line.
//!
//! serde_json keeps positions for the errors it reports, so the lookup
//! lets serde_json do the reading: it walks the document with a
//! `DeserializeSeed` that skips every value off the path and, on reaching
//! the value sought, stops with an error. serde_json stamps that error with
//! where it stopped: at the start of an array item, or just after the `:`
//! of an object's field, from where only JSON whitespace leads to the value.

use std::fmt;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::error::{JsonPath, Location, Segment};

/// The message of the error that marks the value found.
const FOUND: &str = "decision-widget: value found";

/// Where the value at `path` starts in `text`, or `None` when the text has
/// no such value (or is not JSON up to it).
pub fn locate(text: &str, path: &JsonPath) -> Option<Location> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let error = match (Seek { path: &path.0 }).deserialize(&mut deserializer) {
        Ok(()) => return None,
        Err(error) => error,
    };
    if error.to_string().split(" at line ").next() != Some(FOUND) {
        return None;
    }
    let offset = offset_of(text, error.line(), error.column())?;
    // Skip the whitespace between a field's `:` and its value.
    let rest = &text[offset..];
    let skipped = rest.len() - rest.trim_start_matches([' ', '\t', '\n', '\r']).len();
    Some(position_of(text, offset + skipped))
}

/// The position serde_json gives for an error of its own, counted in
/// characters like [`locate`]'s.
pub fn serde_position(text: &str, error: &serde_json::Error) -> Option<Location> {
    if error.line() == 0 {
        return None;
    }
    // serde_json's column is that of the last byte it read, which is the
    // offending one for a syntax error; an error at the start of a line
    // has column 0. That byte may be the first of a character of several
    // bytes (a curly quote, a byte order mark), so the position is that
    // character's.
    let start = if error.line() <= 1 {
        0
    } else {
        text.match_indices('\n').nth(error.line() - 2)?.0 + 1
    };
    let mut last = (start + error.column()).saturating_sub(1).min(text.len());
    while !text.is_char_boundary(last) {
        last -= 1;
    }
    Some(position_of(text, last))
}

/// Where the object key serde_json has just read starts (its opening
/// quote): serde_json reports a key it cannot take (unknown, or given
/// twice) right after reading it.
pub fn serde_key_position(text: &str, error: &serde_json::Error) -> Option<Location> {
    let end = offset_of(text, error.line(), error.column())?;
    // serde_json may have read on over whitespace towards the `:`.
    let key = text[..end].trim_end_matches([' ', '\t', '\n', '\r']);
    let mut at = key.strip_suffix('"')?.len();
    // Back to the quote that opens the key, past any escaped quotes in it.
    loop {
        at = text[..at].rfind('"')?;
        let escapes = text[..at].bytes().rev().take_while(|&b| b == b'\\').count();
        if escapes % 2 == 0 {
            return Some(position_of(text, at));
        }
    }
}

/// The byte offset after the byte at serde_json's (`line` from 1, `column`
/// in bytes from 1).
fn offset_of(text: &str, line: usize, column: usize) -> Option<usize> {
    let start = if line <= 1 {
        0
    } else {
        text.match_indices('\n').nth(line - 2)?.0 + 1
    };
    let offset = start + column;
    (offset <= text.len() && text.is_char_boundary(offset)).then_some(offset)
}

/// The line and character column (both from 1) of byte `offset`.
fn position_of(text: &str, offset: usize) -> Location {
    let before = &text[..offset.min(text.len())];
    let line_start = before.rfind('\n').map_or(0, |at| at + 1);
    let line = before.matches('\n').count() + 1;
    let column = before[line_start..].chars().count() + 1;
    Location {
        line: u32::try_from(line).unwrap_or(u32::MAX),
        column: u32::try_from(column).unwrap_or(u32::MAX),
    }
}

/// Walks to the value at `path` and stops there with [`FOUND`].
struct Seek<'p> {
    path: &'p [Segment],
}

impl<'de> DeserializeSeed<'de> for Seek<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        match self.path.split_first() {
            None => Err(de::Error::custom(FOUND)),
            Some((Segment::Key(key), rest)) => deserializer.deserialize_map(InMap { key, rest }),
            Some((Segment::Index(index), rest)) => deserializer.deserialize_seq(InSeq { index: *index, rest }),
        }
    }
}

/// Looks for `key` in an object, then goes on along `rest`.
struct InMap<'p> {
    key: &'p str,
    rest: &'p [Segment],
}

impl<'de> Visitor<'de> for InMap<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            if key == self.key {
                return map.next_value_seed(Seek { path: self.rest });
            }
            map.next_value::<IgnoredAny>()?;
        }
        Ok(())
    }
}

/// Looks for item `index` of an array, then goes on along `rest`.
struct InSeq<'p> {
    index: usize,
    rest: &'p [Segment],
}

impl<'de> Visitor<'de> for InSeq<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        for _ in 0..self.index {
            if seq.next_element::<IgnoredAny>()?.is_none() {
                return Ok(());
            }
        }
        seq.next_element_seed(Seek { path: self.rest })?;
        Ok(())
    }
}
