//! A small JSON reader and writer for flow files, stored decisions, event
//! details and exports.
//!
//! The engine reads and writes JSON itself rather than through a JSON
//! library or serde: the formats are small and fixed, and the WebAssembly
//! stays a good deal smaller without them. Numbers are read as whole
//! numbers (every number in our formats is one), which keeps float parsing
//! and printing code out as well.

use std::fmt;

/// Deepest nesting accepted; real flow files nest four levels.
pub const MAX_DEPTH: u32 = 32;

/// A parsed JSON value. Objects keep their keys in file order.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number; fractions and exponents are accepted but rounded.
    Number(f64),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// An object, keys in file order.
    Object(Vec<(String, Value)>),
}

impl Value {
    /// The value under `key`, if this is an object that has it.
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(fields) => fields.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The number as a whole `u32`, if it is one.
    pub fn as_u32(&self) -> Option<u32> {
        match self {
            Value::Number(n) if *n >= 0.0 && *n <= f64::from(u32::MAX) && n.fract() == 0.0 => Some(*n as u32),
            _ => None,
        }
    }

    /// The number, if this is one.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            _ => None,
        }
    }

    /// The items, if this is an array.
    pub fn as_array(&self) -> Option<&[Value]> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    /// What kind of value this is, for error messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "true or false",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "a list",
            Value::Object(_) => "an object",
        }
    }
}

/// Where and why a text is not JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    /// Line of the problem, from 1.
    pub line: u32,
    /// Column of the problem, from 1, in characters.
    pub column: u32,
    /// What was wrong.
    pub message: &'static str,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}: {}", self.line, self.column, self.message)
    }
}

/// Parses `text` as one JSON value.
pub fn parse(text: &str) -> Result<Value, JsonError> {
    let mut p = Parser {
        bytes: text.as_bytes(),
        at: 0,
        text,
    };
    p.space();
    let value = p.value(0)?;
    p.space();
    if p.at < p.bytes.len() {
        return Err(p.error("unexpected text after the end of the JSON value"));
    }
    Ok(value)
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
}

impl Parser<'_> {
    fn error(&self, message: &'static str) -> JsonError {
        let before = &self.text[..self.text.floor_char_boundary(self.at.min(self.text.len()))];
        let line = before.matches('\n').count() as u32 + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u32 + 1;
        JsonError { line, column, message }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.at += 1;
        }
    }

    fn expect(&mut self, byte: u8, message: &'static str) -> Result<(), JsonError> {
        if self.peek() == Some(byte) {
            self.at += 1;
            Ok(())
        } else {
            Err(self.error(message))
        }
    }

    fn literal(&mut self, word: &str, value: Value) -> Result<Value, JsonError> {
        if self.bytes[self.at..].starts_with(word.as_bytes()) {
            self.at += word.len();
            Ok(value)
        } else {
            Err(self.error("expected a JSON value"))
        }
    }

    fn value(&mut self, depth: u32) -> Result<Value, JsonError> {
        if depth > MAX_DEPTH {
            return Err(self.error("nested too deeply"));
        }
        match self.peek() {
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => self.string().map(Value::String),
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'n') => self.literal("null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.error("expected a JSON value")),
            None => Err(self.error("the text ends where a value should be")),
        }
    }

    fn object(&mut self, depth: u32) -> Result<Value, JsonError> {
        self.at += 1;
        let mut fields = Vec::new();
        self.space();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(Value::Object(fields));
        }
        loop {
            self.space();
            if self.peek() != Some(b'"') {
                return Err(self.error("expected a key in double quotes"));
            }
            let key = self.string()?;
            self.space();
            self.expect(b':', "expected ':' after a key")?;
            self.space();
            let value = self.value(depth + 1)?;
            fields.push((key, value));
            self.space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    return Ok(Value::Object(fields));
                }
                _ => return Err(self.error("expected ',' or '}' in an object")),
            }
        }
    }

    fn array(&mut self, depth: u32) -> Result<Value, JsonError> {
        self.at += 1;
        let mut items = Vec::new();
        self.space();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(Value::Array(items));
        }
        loop {
            self.space();
            items.push(self.value(depth + 1)?);
            self.space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    return Ok(Value::Array(items));
                }
                _ => return Err(self.error("expected ',' or ']' in a list")),
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let digits = self
            .bytes
            .get(self.at..self.at + 4)
            .ok_or_else(|| self.error("a \\u escape needs four hex digits"))?;
        let mut n = 0;
        for &d in digits {
            let v = char::from(d)
                .to_digit(16)
                .ok_or_else(|| self.error("a \\u escape needs four hex digits"))?;
            n = n * 16 + v;
        }
        self.at += 4;
        Ok(n)
    }

    fn string(&mut self) -> Result<String, JsonError> {
        self.at += 1;
        let mut out = String::new();
        loop {
            // Copy the plain run up to the next quote, backslash or control.
            let start = self.at;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.at += 1;
            }
            // The run ends at an ASCII byte, so it is whole UTF-8.
            out.push_str(&self.text[start..self.at]);
            match self.peek() {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.at += 1;
                    let escaped = self.peek().ok_or_else(|| self.error("the text ends inside a string"))?;
                    self.at += 1;
                    match escaped {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let mut code = self.hex4()?;
                            if (0xD800..0xDC00).contains(&code) && self.bytes[self.at..].starts_with(b"\\u") {
                                self.at += 2;
                                let low = self.hex4()?;
                                if (0xDC00..0xE000).contains(&low) {
                                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                                } else {
                                    return Err(self.error("a broken surrogate pair in a \\u escape"));
                                }
                            }
                            out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
                        }
                        _ => return Err(self.error("an unknown escape in a string")),
                    }
                }
                Some(_) => return Err(self.error("a control character inside a string")),
                None => return Err(self.error("the text ends inside a string")),
            }
        }
    }

    fn number(&mut self) -> Result<Value, JsonError> {
        let negative = self.peek() == Some(b'-');
        if negative {
            self.at += 1;
        }
        let mut whole = 0f64;
        let mut digits = 0;
        while let Some(d @ b'0'..=b'9') = self.peek() {
            whole = whole * 10.0 + f64::from(d - b'0');
            digits += 1;
            self.at += 1;
        }
        if digits == 0 {
            return Err(self.error("a number needs digits"));
        }
        // Fractions and exponents are valid JSON; none of our fields needs
        // them, so they are read approximately.
        if self.peek() == Some(b'.') {
            self.at += 1;
            let mut scale = 0.1;
            let start = self.at;
            while let Some(d @ b'0'..=b'9') = self.peek() {
                whole += f64::from(d - b'0') * scale;
                scale /= 10.0;
                self.at += 1;
            }
            if self.at == start {
                return Err(self.error("a number needs digits after '.'"));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.at += 1;
            let minus = match self.peek() {
                Some(b'-') => {
                    self.at += 1;
                    true
                }
                Some(b'+') => {
                    self.at += 1;
                    false
                }
                _ => false,
            };
            let mut exp: i32 = 0;
            let start = self.at;
            while let Some(d @ b'0'..=b'9') = self.peek() {
                exp = exp.saturating_mul(10).saturating_add(i32::from(d - b'0'));
                self.at += 1;
            }
            if self.at == start {
                return Err(self.error("a number needs digits after 'e'"));
            }
            whole *= 10f64.powi(if minus { -exp } else { exp });
        }
        Ok(Value::Number(if negative { -whole } else { whole }))
    }
}

// ---------------------------------------------------------------------------
// Writing

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// Appends `text` as a JSON string literal. Besides what JSON requires,
/// `<`, `>`, `&`, U+2028 and U+2029 are escaped, so the output is safe to
/// paste into HTML or a script.
pub fn push_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{0}'..='\u{1f}' | '<' | '>' | '&' => {
                out.push_str("\\u00");
                let b = c as u8;
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 15)]));
            }
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A tiny JSON writer: the caller says where values go, it keeps track of
/// commas and indentation. `Writer::default()` pretty-prints with two-space
/// indents; `Writer::compact()` writes no white space.
#[derive(Default)]
pub struct Writer {
    out: String,
    depth: usize,
    /// Whether the innermost open container has no items yet.
    first: bool,
    compact: bool,
}

impl Writer {
    /// A writer with no white space, for machine-read text.
    pub fn compact() -> Writer {
        Writer {
            compact: true,
            ..Writer::default()
        }
    }

    /// Opens an object (`{`) or array (`[`).
    pub fn open(&mut self, bracket: char) {
        self.out.push(bracket);
        self.depth += 1;
        self.first = true;
    }

    /// Closes the innermost object (`}`) or array (`]`).
    pub fn close(&mut self, bracket: char) {
        self.depth = self.depth.saturating_sub(1);
        if !self.first {
            self.newline();
        }
        self.out.push(bracket);
        self.first = false;
    }

    fn newline(&mut self) {
        if self.compact {
            return;
        }
        self.out.push('\n');
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
    }

    /// Starts the next item of an array.
    pub fn item(&mut self) {
        if !self.first {
            self.out.push(',');
        }
        self.newline();
        self.first = false;
    }

    /// Starts the next key of an object.
    pub fn key(&mut self, key: &str) {
        self.item();
        push_string(&mut self.out, key);
        self.out.push_str(if self.compact { ":" } else { ": " });
    }

    /// A string value.
    pub fn string(&mut self, text: &str) {
        push_string(&mut self.out, text);
    }

    /// A string or `null`.
    pub fn opt_string(&mut self, text: Option<&str>) {
        match text {
            Some(text) => self.string(text),
            None => self.null(),
        }
    }

    /// A whole number.
    pub fn number(&mut self, n: u64) {
        super::layout::push_u64(&mut self.out, n);
    }

    /// `null`.
    pub fn null(&mut self) {
        self.out.push_str("null");
    }

    /// The text written so far.
    pub fn finish(self) -> String {
        self.out
    }
}
