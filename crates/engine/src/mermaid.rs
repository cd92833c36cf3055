//! Mermaid import: a flow from the `flowchart` an author already drew.
//!
//! Questions are rhombus nodes `id{…}`; outcomes are `id[…]`, `id(…)` and
//! `id([…])` nodes; answers are labelled edges, `a -->|label| b` or
//! `a -- label --> b` (also `==>` and `-.->`). A question whose two edges
//! say Yes and No becomes a yes/no question; any other labels become
//! choices, with ids made from the labels. Comments (`%%`), styling lines
//! (`classDef`, `class`, `style`, `linkStyle`, `click`) and subgraph
//! boundaries are skipped; anything else that cannot be part of a flow is
//! refused with its line. The result is validated like any flow file, so
//! an import either gives a flow that passes `check` or says why not.

use std::fmt;

use super::format::{RawChoice, RawFlow, RawOutcome, RawQuestion, FORMAT_VERSION};
use super::model::{is_valid_id, Flow, MAX_CHOICES, MAX_ID_LEN, MIN_CHOICES};

/// What an import needs besides the Mermaid text.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The flow's id.
    pub id: String,
    /// The flow's title; empty for the chart's own `title`, else
    /// `fallback_title`.
    pub title: String,
    /// The title when neither the caller nor the chart gives one.
    pub fallback_title: String,
}

/// A problem with the Mermaid text, on a line from 1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The line, from 1.
    pub line: u32,
    /// What is wrong, for a person.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// How a node is drawn, which says what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// `{…}`: a question.
    Rhombus,
    /// `[…]`, `(…)`, `([…])`: an outcome.
    Box,
}

#[derive(Debug)]
struct Node {
    mermaid_id: String,
    label: Option<String>,
    shape: Option<Shape>,
    line: u32,
}

#[derive(Debug)]
struct Edge {
    from: usize,
    to: usize,
    label: Option<String>,
    line: u32,
}

#[derive(Default)]
struct Chart {
    nodes: Vec<Node>,
    edges: Vec<Edge>,
    title: Option<String>,
    problems: Vec<Problem>,
}

impl Chart {
    fn problem(&mut self, line: u32, message: impl Into<String>) {
        self.problems.push(Problem {
            line,
            message: message.into(),
        });
    }

    /// The node `id`, added at its first mention; a label or shape given
    /// again must agree with the first.
    fn node(&mut self, id: &str, shape: Option<(Shape, String)>, line: u32) -> usize {
        let at = match self.nodes.iter().position(|n| n.mermaid_id == id) {
            Some(at) => at,
            None => {
                self.nodes.push(Node {
                    mermaid_id: id.to_owned(),
                    label: None,
                    shape: None,
                    line,
                });
                self.nodes.len() - 1
            }
        };
        if let Some((shape, label)) = shape {
            let node = &mut self.nodes[at];
            match node.shape {
                Some(before) if before != shape => {
                    let first = node.line;
                    self.problem(
                        line,
                        format!("node `{id}` is drawn as a question and as an outcome (first on line {first})"),
                    );
                }
                _ => {
                    node.shape = Some(shape);
                    node.label = Some(label);
                }
            }
        }
        at
    }
}

/// Imports a Mermaid flowchart as a flow file (format 2).
pub fn import(text: &str, options: &Options) -> Result<RawFlow, Vec<Problem>> {
    let mut chart = Chart::default();
    let mut header = false;
    let mut lines = text.lines().enumerate().peekable();
    // Front matter: `---`, `title: …`, `---`.
    if lines.peek().is_some_and(|(_, l)| l.trim() == "---") {
        lines.next();
        for (_, line) in lines.by_ref() {
            let line = line.trim();
            if line == "---" {
                break;
            }
            if let Some(title) = line.strip_prefix("title:") {
                chart.title = Some(yaml_text(title.trim()));
            }
        }
    }
    for (i, raw) in lines {
        let line = i as u32 + 1;
        let code = without_comment(raw).trim();
        if code.is_empty() {
            continue;
        }
        if !header {
            let mut words = code.split_whitespace();
            match words.next() {
                Some("flowchart" | "graph") => {
                    header = true;
                    if let Some(direction) = words.next() {
                        let direction = direction.trim_end_matches(';');
                        if !matches!(direction, "TD" | "TB" | "BT" | "LR" | "RL") {
                            chart.problem(
                                line,
                                format!("`{direction}` is not a flowchart direction (TD, TB, BT, LR or RL)"),
                            );
                        }
                    }
                    continue;
                }
                _ => {
                    chart.problem(
                        line,
                        "a Mermaid flowchart starts with `flowchart TD` (or `graph TD`, with any direction)",
                    );
                    return Err(chart.problems);
                }
            }
        }
        for statement in statements(code) {
            statement_into(&mut chart, statement, line);
        }
    }
    if !header {
        chart.problem(1, "the file is empty: a Mermaid flowchart starts with `flowchart TD`");
    }
    if !chart.problems.is_empty() {
        return Err(chart.problems);
    }
    build(chart, options)
}

/// The statements of a line: split at `;` outside labels (`[…]`, `"…"`,
/// `|…|`) and not ending an entity such as `#amp;`.
fn statements(code: &str) -> impl Iterator<Item = &str> {
    let mut parts = Vec::new();
    let (mut start, mut depth, mut quoted, mut piped) = (0, 0i32, false, false);
    let bytes = code.as_bytes();
    for (at, &b) in bytes.iter().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b'|' if !quoted => piped = !piped,
            b'[' | b'(' | b'{' if !quoted => depth += 1,
            b']' | b')' | b'}' if !quoted => depth -= 1,
            b';' if !quoted && !piped && depth <= 0 => {
                let word = code[..at]
                    .rsplit(|c: char| !c.is_alphanumeric())
                    .next()
                    .unwrap_or_default();
                let entity = !word.is_empty() && code[..at - word.len()].ends_with('#');
                if !entity {
                    parts.push(&code[start..at]);
                    start = at + 1;
                }
            }
            _ => {}
        }
    }
    parts.push(&code[start..]);
    parts.into_iter().map(str::trim).filter(|s| !s.is_empty())
}

/// A line without its `%%` comment, if any: a `%%` inside a quoted label
/// (`a{"100%% sure?"}`) is part of the label, as Mermaid reads it.
fn without_comment(line: &str) -> &str {
    let mut quoted = false;
    for (at, b) in line.bytes().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b'%' if !quoted && line[at..].starts_with("%%") => return &line[..at],
            _ => {}
        }
    }
    line
}

/// Whether a statement is one the import skips: styling, interaction,
/// subgraph boundaries, accessibility text and directions.
fn skipped(statement: &str) -> bool {
    let first = statement.split_whitespace().next().unwrap_or_default();
    matches!(
        first,
        "classDef" | "class" | "style" | "linkStyle" | "click" | "subgraph" | "end" | "direction" | "accDescr"
    ) || statement.starts_with("accDescr{")
}

fn statement_into(chart: &mut Chart, statement: &str, line: u32) {
    if let Some(title) = statement.strip_prefix("accTitle:") {
        chart.title.get_or_insert_with(|| title.trim().to_owned());
        return;
    }
    if skipped(statement) {
        return;
    }
    let mut cursor = Cursor { rest: statement };
    let Some(mut from) = parse_node(chart, &mut cursor, line) else {
        return;
    };
    loop {
        cursor.skip_space();
        if cursor.rest.is_empty() {
            return;
        }
        let label = match parse_link(&mut cursor) {
            Ok(label) => label,
            Err(message) => {
                chart.problem(line, message);
                return;
            }
        };
        cursor.skip_space();
        let Some(to) = parse_node(chart, &mut cursor, line) else {
            return;
        };
        chart.edges.push(Edge { from, to, label, line });
        from = to;
    }
}

/// What is left of a statement to read.
struct Cursor<'a> {
    rest: &'a str,
}

impl<'a> Cursor<'a> {
    fn skip_space(&mut self) {
        self.rest = self.rest.trim_start();
    }

    fn eat(&mut self, prefix: &str) -> bool {
        match self.rest.strip_prefix(prefix) {
            Some(rest) => {
                self.rest = rest;
                true
            }
            None => false,
        }
    }

    /// Text up to `end`, which is consumed; `None` when `end` never comes.
    fn until(&mut self, end: &str) -> Option<&'a str> {
        let at = self.rest.find(end)?;
        let text = &self.rest[..at];
        self.rest = &self.rest[at + end.len()..];
        Some(text)
    }
}

/// Reads `id`, its shape and label if any, and a `:::class`; adds the node.
fn parse_node(chart: &mut Chart, cursor: &mut Cursor, line: u32) -> Option<usize> {
    cursor.skip_space();
    let id_len = cursor
        .rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-' || c == '.'))
        .unwrap_or(cursor.rest.len());
    // A trailing `-` belongs to a link (`a-->b`).
    let id = cursor.rest[..id_len].trim_end_matches(['-', '.']);
    if id.is_empty() {
        let near: String = cursor.rest.chars().take(20).collect();
        chart.problem(line, format!("expected a node id at `{near}`"));
        return None;
    }
    cursor.rest = &cursor.rest[id.len()..];
    if cursor.rest.starts_with('&') || cursor.rest.trim_start().starts_with('&') {
        chart.problem(
            line,
            "`&` (several nodes at once) is not supported: write one edge a line",
        );
        return None;
    }
    // Shapes, longest opening first.
    const REFUSED: [(&str, &str); 8] = [
        ("{{", "a hexagon `{{…}}`"),
        ("[[", "a subroutine `[[…]]`"),
        ("[(", "a cylinder `[(…)]`"),
        ("((", "a circle `((…))`"),
        ("[/", "a parallelogram `[/…/]`"),
        ("[\\", "a parallelogram `[\\…\\]`"),
        (">", "an asymmetric node `>…]`"),
        ("@{", "a shape written `@{…}`"),
    ];
    let opened = cursor.rest.chars().next();
    let shape = if cursor.eat("([") {
        Some((Shape::Box, read_label(cursor, "])")))
    } else if let Some((_, name)) = REFUSED.iter().find(|(open, _)| cursor.rest.starts_with(open)) {
        chart.problem(
            line,
            format!("node `{id}` is {name}; use `{{…}}` for a question and `[…]` for an outcome"),
        );
        return None;
    } else if cursor.eat("{") {
        Some((Shape::Rhombus, read_label(cursor, "}")))
    } else if cursor.eat("[") {
        Some((Shape::Box, read_label(cursor, "]")))
    } else if cursor.eat("(") {
        Some((Shape::Box, read_label(cursor, ")")))
    } else {
        None
    };
    let shape = match shape {
        None => None,
        Some((shape, Some(label))) => Some((shape, label)),
        Some((_, None)) => {
            chart.problem(
                line,
                format!(
                    "the label of node `{id}` is not closed (it opens with `{}`)",
                    opened.unwrap_or(' ')
                ),
            );
            return None;
        }
    };
    if cursor.eat(":::") {
        let class_len = cursor
            .rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(cursor.rest.len());
        cursor.rest = &cursor.rest[class_len..];
    }
    if cursor.rest.trim_start().starts_with('&') {
        chart.problem(
            line,
            "`&` (several nodes at once) is not supported: write one edge a line",
        );
        return None;
    }
    Some(chart.node(id, shape, line))
}

/// A label up to `end`: quoted (`"…"`, where `end` may appear) or not.
fn read_label(cursor: &mut Cursor, end: &str) -> Option<String> {
    cursor.skip_space();
    let text = if cursor.eat("\"") {
        let text = cursor.until("\"")?;
        cursor.skip_space();
        if !cursor.eat(end) {
            return None;
        }
        text
    } else {
        cursor.until(end)?
    };
    Some(clean_label(text))
}

/// A label as a reader sees it: Mermaid's `#…;` entities decoded, Markdown
/// string backticks and `<br>` line breaks removed, spaces collapsed.
fn clean_label(text: &str) -> String {
    let text = text.trim().trim_matches('`');
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('#') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let entity = rest[1..].find(';').map(|end| &rest[1..1 + end]);
        let decoded = entity.and_then(|e| match e {
            "quot" => Some('"'),
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "nbsp" => Some(' '),
            n if n.len() <= 7 && n.bytes().all(|b| b.is_ascii_digit()) => n.parse().ok().and_then(char::from_u32),
            _ => None,
        });
        match (entity, decoded) {
            (Some(entity), Some(c)) => {
                out.push(c);
                rest = &rest[entity.len() + 2..];
            }
            _ => {
                out.push('#');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    let out = out.replace("<br/>", " ").replace("<br>", " ").replace("<br />", " ");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Reads a link and its label: `-->`, `-->|label|`, `-- label -->`, and the
/// same with `==>` or `-.->`. A link without an arrow is refused.
fn parse_link(cursor: &mut Cursor) -> Result<Option<String>, String> {
    let near: String = cursor.rest.chars().take(20).collect();
    // Arrow forms, longest first; each may be followed by `|label|`.
    for arrow in ["-.->", "==>", "-->"] {
        if cursor.eat(arrow) {
            cursor.rest = cursor.rest.trim_start_matches(['-', '=', '>']);
            cursor.skip_space();
            if cursor.eat("|") {
                let label = cursor
                    .until("|")
                    .ok_or_else(|| format!("an edge label `|…` is not closed at `{near}`"))?;
                return Ok(Some(clean_label(unquote(label.trim()))));
            }
            return Ok(None);
        }
    }
    // Text between the link's two halves: `-- label -->`, `== label ==>`,
    // `-. label .->`.
    for (open, close) in [("-.", ".->"), ("==", "==>"), ("--", "-->")] {
        if cursor.eat(open) {
            let label = cursor
                .until(close)
                .ok_or_else(|| format!("an edge must end in an arrow (`-->`) at `{near}`"))?;
            cursor.rest = cursor.rest.trim_start_matches(['-', '=', '>']);
            return Ok(Some(clean_label(unquote(label.trim()))));
        }
    }
    Err(format!(
        "expected an edge (`-->`, `-->|label|` or `-- label -->`) at `{near}`"
    ))
}

/// A front matter value as YAML reads it: a double-quoted string with its
/// escapes decoded (`\\` and `\"`; others as written), or the text itself.
fn yaml_text(text: &str) -> String {
    let Some(inner) = text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) else {
        return text.to_owned();
    };
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match (c, chars.clone().next()) {
            ('\\', Some(next @ ('\\' | '"'))) => {
                out.push(next);
                chars.next();
            }
            (c, _) => out.push(c),
        }
    }
    out
}

fn unquote(text: &str) -> &str {
    text.strip_prefix('"').and_then(|t| t.strip_suffix('"')).unwrap_or(text)
}

/// An id from a text: lowercase letters and digits, other runs as one
/// hyphen, cut to the id length; `fallback` when nothing is left.
pub fn slug(text: &str, fallback: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let mut out: String = out.trim_end_matches('-').chars().take(MAX_ID_LEN).collect();
    while out.ends_with('-') {
        out.pop();
    }
    if is_valid_id(&out) {
        out
    } else {
        fallback.to_owned()
    }
}

/// `base`, or `base-2`, `base-3`… whichever `taken` does not hold yet.
fn unique(base: String, taken: &[String]) -> String {
    if !taken.contains(&base) {
        return base;
    }
    (2..)
        .map(|n| {
            let suffix = format!("-{n}");
            let cut: String = base.chars().take(MAX_ID_LEN - suffix.len()).collect();
            format!("{}{suffix}", cut.trim_end_matches('-'))
        })
        .find(|id| !taken.contains(id))
        .unwrap_or(base)
}

fn build(mut chart: Chart, options: &Options) -> Result<RawFlow, Vec<Problem>> {
    if chart.nodes.is_empty() {
        chart.problem(1, "the flowchart has no nodes");
        return Err(chart.problems);
    }
    let mut outgoing: Vec<Vec<&Edge>> = vec![Vec::new(); chart.nodes.len()];
    let mut incoming = vec![0usize; chart.nodes.len()];
    for edge in &chart.edges {
        outgoing[edge.from].push(edge);
        incoming[edge.to] += 1;
    }
    let mut problems = Vec::new();
    let mut problem = |line: u32, message: String| problems.push(Problem { line, message });

    // Node ids from the Mermaid ids, unique.
    let mut ids: Vec<String> = Vec::with_capacity(chart.nodes.len());
    for node in &chart.nodes {
        let id = unique(slug(&node.mermaid_id.replace('_', "-"), "node"), &ids);
        ids.push(id);
    }

    let mut questions = Vec::new();
    let mut outcomes = Vec::new();
    for (at, node) in chart.nodes.iter().enumerate() {
        let label = node.label.clone().unwrap_or_else(|| node.mermaid_id.clone());
        let edges = &outgoing[at];
        match node.shape {
            Some(Shape::Rhombus) => {
                if !(MIN_CHOICES..=MAX_CHOICES).contains(&edges.len()) {
                    problem(
                        node.line,
                        format!(
                            "question `{}` has {} edges out; a question needs {MIN_CHOICES} to {MAX_CHOICES}, one per answer",
                            node.mermaid_id,
                            edges.len()
                        ),
                    );
                    continue;
                }
                let labels: Vec<Option<&str>> = edges.iter().map(|e| e.label.as_deref()).collect();
                if let Some(edge) = edges.iter().find(|e| e.label.as_deref().is_none_or(str::is_empty)) {
                    problem(
                        edge.line,
                        format!(
                            "the edge from question `{}` to `{}` has no label; label each answer, as in `-->|Yes|`",
                            node.mermaid_id, chart.nodes[edge.to].mermaid_id
                        ),
                    );
                    continue;
                }
                let is = |edge: &Edge, word: &str| edge.label.as_deref().is_some_and(|l| l.eq_ignore_ascii_case(word));
                let yes = edges.iter().find(|e| is(e, "yes"));
                let no = edges.iter().find(|e| is(e, "no"));
                let mut question = RawQuestion {
                    id: ids[at].clone(),
                    text: label,
                    ..RawQuestion::default()
                };
                match (edges.len(), yes, no) {
                    (2, Some(yes), Some(no)) => {
                        question.yes = Some(ids[yes.to].clone());
                        question.no = Some(ids[no.to].clone());
                    }
                    _ => {
                        let mut taken: Vec<String> = Vec::new();
                        let mut choices = Vec::new();
                        for (edge, label) in edges.iter().zip(labels) {
                            let label = label.unwrap_or_default().to_owned();
                            let id = unique(slug(&label, "choice"), &taken);
                            taken.push(id.clone());
                            choices.push(RawChoice {
                                id,
                                label,
                                next: ids[edge.to].clone(),
                            });
                        }
                        question.choices = Some(choices);
                    }
                }
                questions.push((at, question));
            }
            _ => {
                if let Some(edge) = edges.first() {
                    problem(
                        edge.line,
                        format!(
                            "`{}` has an edge out but is not a question; draw it as a rhombus, `{}{{…}}`",
                            node.mermaid_id, node.mermaid_id
                        ),
                    );
                    continue;
                }
                outcomes.push((
                    at,
                    RawOutcome {
                        id: ids[at].clone(),
                        label: None,
                        title: label,
                        summary: None,
                        reasons: Vec::new(),
                    },
                ));
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    // The start: the first node, in the file's order, that no edge enters.
    let Some(start) = (0..chart.nodes.len()).find(|&at| incoming[at] == 0) else {
        return Err(vec![Problem {
            line: chart.nodes[0].line,
            message: "every node has an edge into it, so the flowchart has no start (and a loop)".to_owned(),
        }]);
    };
    let title = [
        options.title.as_str(),
        chart.title.as_deref().unwrap_or_default(),
        options.fallback_title.as_str(),
    ]
    .into_iter()
    .map(str::trim)
    .find(|t| !t.is_empty())
    .unwrap_or("Imported flowchart")
    .to_owned();
    let flow = RawFlow {
        schema: None,
        format: FORMAT_VERSION,
        id: if is_valid_id(&options.id) {
            options.id.clone()
        } else {
            slug(&options.id, "flow")
        },
        version: 1,
        lang: None,
        title,
        intro: None,
        start: ids[start].clone(),
        labels: Default::default(),
        practice: None,
        questions: questions.into_iter().map(|(_, q)| q).collect(),
        outcomes: outcomes.into_iter().map(|(_, o)| o).collect(),
    };
    // Never a flow that does not pass `check`: what validation refuses is
    // said on the line of the node it is about.
    match Flow::try_from(flow.clone()) {
        Ok(_) => Ok(flow),
        Err(errors) => Err(errors
            .0
            .iter()
            .map(|e| {
                let line = ids
                    .iter()
                    .position(|id| e.node().is_some_and(|n| n.ends_with(&format!("`{id}`"))))
                    .map_or(1, |at| chart.nodes[at].line);
                Problem {
                    line,
                    message: e.to_string(),
                }
            })
            .collect()),
    }
}
