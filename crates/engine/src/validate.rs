//! Validation: from the file's `RawFlow` to a `Flow` whose ids all resolve.
//!
//! Validation collects every problem it can find in one pass, so an author
//! fixes a file in one round rather than one error at a time; each names
//! the node and the place in the file (`questions[2].choices[1].next`).
//! Structural checks on the graph (reachability, cycles, dead ends) run only
//! once every id resolves, since they need a graph to walk.

use super::error::{FlowError, FlowErrorKind, FlowErrors, JsonPath, Place, FORMATS};
use super::format::{RawFlow, RawNote, RawQuestion};
use super::model::{
    is_valid_id, Choice, ChoiceId, ChoiceLabel, Flow, FlowId, Node, NodeId, NodeIx, NodeKind, Note, Outcome, Question,
    MAX_CHOICES, MAX_NODES, MIN_CHOICES,
};
use super::words;

impl TryFrom<RawFlow> for Flow {
    type Error = FlowErrors;

    fn try_from(raw: RawFlow) -> Result<Flow, FlowErrors> {
        Validator::default().run(raw)
    }
}

#[derive(Default)]
struct Validator {
    errors: Vec<FlowError>,
}

/// A choice before its target is resolved.
struct PendingChoice {
    id: ChoiceId,
    label: ChoiceLabel,
    target: String,
    path: JsonPath,
}

/// A question's choices before their targets are resolved.
struct Pending {
    ix: NodeIx,
    place: Place,
    choices: Vec<PendingChoice>,
}

impl Validator {
    fn push(&mut self, place: &Place, path: JsonPath, kind: FlowErrorKind) {
        self.errors.push(FlowError::new(kind, place.clone(), path));
    }

    /// A text field `field` of the object at `path`, trimmed; empty is an error.
    fn text(&mut self, place: &Place, path: &JsonPath, field: &'static str, value: &str) -> String {
        self.text_named(place, path.key(field), field, value)
    }

    /// A text at `at`, called `field` in the message.
    fn text_named(&mut self, place: &Place, at: JsonPath, field: &'static str, value: &str) -> String {
        let value = value.trim();
        if value.is_empty() {
            self.push(place, at, FlowErrorKind::EmptyText { field });
        }
        value.to_owned()
    }

    fn optional_text(
        &mut self,
        place: &Place,
        path: &JsonPath,
        field: &'static str,
        value: Option<&str>,
    ) -> Option<String> {
        value.map(|v| self.text(place, path, field, v))
    }

    /// A note at `path`; an empty text is named after the list or field the
    /// note belongs to (`practice`, `reasons`), as authors know it.
    fn note(&mut self, place: &Place, path: JsonPath, field: &'static str, raw: &RawNote) -> Note {
        let text = self.text_named(place, path.key("text"), field, &raw.text);
        let section = raw.section.as_deref().map(str::trim).map(str::to_owned);
        if let Some(section) = &section {
            if section.is_empty() || section.contains(char::is_whitespace) || section.starts_with('#') {
                self.push(
                    place,
                    path.key("section"),
                    FlowErrorKind::BadSection {
                        section: section.clone(),
                    },
                );
            }
        }
        Note { text, section }
    }

    fn id(&mut self, place: &Place, path: JsonPath, id: &str) {
        if !is_valid_id(id) {
            self.push(place, path, FlowErrorKind::BadId { id: id.to_owned() });
        }
    }

    fn metadata(&mut self, raw: &RawFlow) {
        let root = JsonPath::root();
        if !FORMATS.contains(&raw.format) {
            self.push(
                &Place::Flow,
                root.key("format"),
                FlowErrorKind::UnsupportedFormat { found: raw.format },
            );
        }
        self.id(&Place::Flow, root.key("id"), &raw.id);
        if raw.version == 0 {
            self.push(&Place::Flow, root.key("version"), FlowErrorKind::BadVersion);
        }
        if raw.format == 1 {
            let format2 = [("lang", raw.lang.is_some()), ("labels", !raw.labels.is_empty())];
            for (field, present) in format2 {
                if present {
                    self.push(&Place::Flow, root.key(field), FlowErrorKind::NeedsFormat2 { field });
                }
            }
        }
        if let Some(lang) = &raw.lang {
            if !is_language_tag(lang) {
                self.push(
                    &Place::Flow,
                    root.key("lang"),
                    FlowErrorKind::BadLang { lang: lang.clone() },
                );
            }
        }
        let labels = root.key("labels");
        for (key, value) in &raw.labels.0 {
            if !words::is_key(key) {
                self.push(
                    &Place::Flow,
                    labels.key(key),
                    FlowErrorKind::UnknownLabel { key: key.clone() },
                );
            } else if value.trim().is_empty() {
                self.push(
                    &Place::Flow,
                    labels.key(key),
                    FlowErrorKind::EmptyLabel { key: key.clone() },
                );
            } else if let Some(placeholder) = words::unknown_placeholder(key, value) {
                self.push(
                    &Place::Flow,
                    labels.key(key),
                    FlowErrorKind::UnknownPlaceholder {
                        key: key.clone(),
                        placeholder: placeholder.to_owned(),
                    },
                );
            }
        }
    }

    fn run(mut self, raw: RawFlow) -> Result<Flow, FlowErrors> {
        let root = JsonPath::root();
        let flow_place = Place::Flow;
        self.metadata(&raw);
        let title = self.text(&flow_place, &root, "title", &raw.title);
        let intro = self.optional_text(&flow_place, &root, "intro", raw.intro.as_deref());
        let practice = raw
            .practice
            .as_ref()
            .map(|p| self.note(&flow_place, root.key("practice"), "practice", p));

        let count = raw.questions.len() + raw.outcomes.len();
        if count > MAX_NODES {
            self.push(
                &Place::Flow,
                root,
                FlowErrorKind::TooManyNodes { count, max: MAX_NODES },
            );
            return Err(self.finish());
        }
        if raw.outcomes.is_empty() {
            self.push(&Place::Flow, root.key("outcomes"), FlowErrorKind::NoOutcomes);
        }

        let mut nodes = Vec::with_capacity(count);
        // Ids by node index. A linear search is fast enough below MAX_NODES
        // and much smaller in the WebAssembly than a hash map keyed by string.
        let mut index: Vec<String> = Vec::with_capacity(count);
        let mut pending = Vec::with_capacity(raw.questions.len());
        let mut paths = Vec::with_capacity(count);

        for (i, q) in raw.questions.iter().enumerate() {
            let place = Place::Question(q.id.clone());
            let path = root.key("questions").index(i);
            let ix = self.register(&place, &path, &q.id, nodes.len(), &mut index);
            let text = self.text(&place, &path, "text", &q.text);
            let label = self.optional_text(&place, &path, "label", q.label.as_deref());
            let help = self.optional_text(&place, &path, "help", q.help.as_deref());
            let choices = self.choices(&place, &path, q, raw.format);
            pending.push(Pending { ix, place, choices });
            nodes.push(Node {
                id: NodeId(q.id.clone()),
                label: label.unwrap_or_else(|| text.clone()),
                // Choices are filled in below, once every id is known.
                kind: NodeKind::Question(Question {
                    text,
                    help,
                    choices: Vec::new(),
                }),
            });
            paths.push(path);
        }
        for (i, o) in raw.outcomes.iter().enumerate() {
            let place = Place::Outcome(o.id.clone());
            let path = root.key("outcomes").index(i);
            self.register(&place, &path, &o.id, nodes.len(), &mut index);
            let title = self.text(&place, &path, "title", &o.title);
            let label = self.optional_text(&place, &path, "label", o.label.as_deref());
            let summary = self.optional_text(&place, &path, "summary", o.summary.as_deref());
            let reasons = o
                .reasons
                .iter()
                .enumerate()
                .map(|(j, r)| self.note(&place, path.key("reasons").index(j), "reasons", r))
                .collect();
            nodes.push(Node {
                id: NodeId(o.id.clone()),
                label: label.unwrap_or_else(|| title.clone()),
                kind: NodeKind::Outcome(Outcome {
                    title,
                    summary,
                    reasons,
                }),
            });
            paths.push(path);
        }

        let mut resolved = true;
        for p in pending {
            let mut choices = Vec::with_capacity(p.choices.len());
            for c in p.choices {
                match lookup(&index, &c.target) {
                    Some(next) => choices.push(Choice {
                        id: c.id,
                        label: c.label,
                        next,
                    }),
                    None => {
                        resolved = false;
                        self.push(
                            &p.place,
                            c.path,
                            FlowErrorKind::UnknownTarget {
                                choice: c.id.0,
                                target: c.target,
                            },
                        );
                    }
                }
            }
            resolved &= (MIN_CHOICES..=MAX_CHOICES).contains(&choices.len());
            if let NodeKind::Question(q) = &mut nodes[p.ix.get()].kind {
                q.choices = choices;
            }
        }
        let start = lookup(&index, &raw.start);
        if start.is_none() {
            self.push(
                &Place::Flow,
                root.key("start"),
                FlowErrorKind::UnknownStart {
                    target: raw.start.clone(),
                },
            );
        }

        let (Some(start), true, true) = (start, resolved, self.errors.is_empty()) else {
            return Err(self.finish());
        };
        let mut flow = Flow {
            id: FlowId(raw.id),
            version: raw.version,
            title,
            intro,
            lang: raw.lang,
            labels: raw.labels.0,
            start,
            practice,
            nodes,
            order: Vec::new(),
        };
        self.check_graph(&flow, &paths);
        if !self.errors.is_empty() {
            return Err(self.finish());
        }
        flow.order = topological_order(&flow);
        Ok(flow)
    }

    /// A question's choices as written: `yes` and `no`, or `choices`.
    fn choices(&mut self, place: &Place, path: &JsonPath, q: &RawQuestion, format: u32) -> Vec<PendingChoice> {
        let yes_no = q.yes.is_some() || q.no.is_some();
        match (&q.choices, yes_no) {
            (Some(_), true) => {
                self.push(place, path.key("choices"), FlowErrorKind::MixedChoices);
                Vec::new()
            }
            (None, false) if format != 1 => {
                self.push(place, path.clone(), FlowErrorKind::NoChoices);
                Vec::new()
            }
            (None, _) => {
                let mut out = Vec::with_capacity(2);
                for (field, target, label) in [("yes", &q.yes, ChoiceLabel::Yes), ("no", &q.no, ChoiceLabel::No)] {
                    match target {
                        Some(target) => out.push(PendingChoice {
                            id: ChoiceId(field.to_owned()),
                            label,
                            target: target.clone(),
                            path: path.key(field),
                        }),
                        None => self.push(place, path.clone(), FlowErrorKind::MissingAnswer { answer: field }),
                    }
                }
                out
            }
            (Some(raw), false) => {
                let list = path.key("choices");
                if format == 1 {
                    self.push(place, list.clone(), FlowErrorKind::NeedsFormat2 { field: "choices" });
                }
                if !(MIN_CHOICES..=MAX_CHOICES).contains(&raw.len()) {
                    self.push(place, list.clone(), FlowErrorKind::ChoiceCount { count: raw.len() });
                }
                let mut out: Vec<PendingChoice> = Vec::with_capacity(raw.len());
                for (j, c) in raw.iter().enumerate() {
                    let at = list.index(j);
                    self.id(place, at.key("id"), &c.id);
                    if out.iter().any(|seen| seen.id.0 == c.id) {
                        self.push(
                            place,
                            at.key("id"),
                            FlowErrorKind::DuplicateChoice { choice: c.id.clone() },
                        );
                    }
                    let label = c.label.trim().to_owned();
                    if label.is_empty() {
                        self.push(
                            place,
                            at.key("label"),
                            FlowErrorKind::EmptyChoiceLabel { choice: c.id.clone() },
                        );
                    }
                    out.push(PendingChoice {
                        id: ChoiceId(c.id.clone()),
                        label: ChoiceLabel::Text(label),
                        target: c.next.clone(),
                        path: at.key("next"),
                    });
                }
                out
            }
        }
    }

    /// Records a node's id, reporting a bad or duplicate one.
    fn register(&mut self, place: &Place, path: &JsonPath, id: &str, at: usize, index: &mut Vec<String>) -> NodeIx {
        self.id(place, path.key("id"), id);
        // `at` is below MAX_NODES, checked before any node is registered.
        let ix = NodeIx(at as u16);
        if lookup(index, id).is_some() {
            self.push(place, path.key("id"), FlowErrorKind::DuplicateId);
        }
        index.push(id.to_owned());
        ix
    }

    /// Reports unreachable nodes, questions that never reach an outcome,
    /// and cycles, in that order of importance.
    fn check_graph(&mut self, flow: &Flow, paths: &[JsonPath]) {
        let reachable = flow.reachable_from(flow.start);
        for (ix, node) in flow.indexed() {
            if !reachable[ix.get()] {
                self.push(&place_of(node), paths[ix.get()].clone(), FlowErrorKind::Unreachable);
            }
        }

        let ends = can_reach_outcome(flow);
        for (ix, node) in flow.indexed() {
            if reachable[ix.get()] && !ends[ix.get()] {
                self.push(&place_of(node), paths[ix.get()].clone(), FlowErrorKind::NeverEnds);
            }
        }

        for cycle in find_cycles(flow, &reachable) {
            let first = flow.node(cycle[0]);
            let mut through: Vec<String> = cycle.iter().map(|ix| flow.node(*ix).id.0.clone()).collect();
            through.push(first.id.0.clone());
            self.push(
                &place_of(first),
                paths[cycle[0].get()].clone(),
                FlowErrorKind::Cycle { through },
            );
        }
    }

    fn finish(self) -> FlowErrors {
        FlowErrors(self.errors)
    }
}

/// Whether `tag` looks like a BCP 47 language tag: a 2 or 3 letter
/// language, then subtags of 1 to 8 letters or digits (`en`, `pt-BR`,
/// `zh-Hant-TW`). The widget only matches the language part against its
/// tables, so the subtags are not checked against the registry.
fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let language = parts.next().unwrap_or_default();
    (2..=3).contains(&language.len())
        && language.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// The node with id `id`; with duplicate ids (already an error), the last,
/// as a map would keep.
fn lookup(index: &[String], id: &str) -> Option<NodeIx> {
    index.iter().rposition(|known| known == id).map(|at| NodeIx(at as u16))
}

fn place_of(node: &Node) -> Place {
    match node.kind {
        NodeKind::Question(_) => Place::Question(node.id.0.clone()),
        NodeKind::Outcome(_) => Place::Outcome(node.id.0.clone()),
    }
}

/// For every node, whether some outcome can be reached from it.
fn can_reach_outcome(flow: &Flow) -> Vec<bool> {
    // Reverse edges, then one search back from every outcome: linear in
    // the size of the flow, whatever its shape.
    let mut preds: Vec<Vec<NodeIx>> = vec![Vec::new(); flow.nodes.len()];
    for (ix, node) in flow.indexed() {
        for (_, to) in node.edges() {
            preds[to.get()].push(ix);
        }
    }
    let mut ends = vec![false; flow.nodes.len()];
    let mut stack: Vec<NodeIx> = flow
        .indexed()
        .filter(|(_, n)| n.outcome().is_some())
        .map(|(ix, _)| ix)
        .collect();
    while let Some(ix) = stack.pop() {
        if std::mem::replace(&mut ends[ix.get()], true) {
            continue;
        }
        stack.extend(preds[ix.get()].iter().copied());
    }
    ends
}

/// Every distinct cycle among the reachable nodes, each as the list of
/// nodes along it, starting at the node the search entered it by.
fn find_cycles(flow: &Flow, reachable: &[bool]) -> Vec<Vec<NodeIx>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    let mut marks = vec![Mark::New; flow.nodes.len()];
    let mut cycles: Vec<Vec<NodeIx>> = Vec::new();
    // Iterative depth-first search: (node, next edge to try) plus the path.
    let mut stack: Vec<(NodeIx, usize)> = vec![(flow.start, 0)];
    let mut path: Vec<NodeIx> = vec![flow.start];
    marks[flow.start.get()] = Mark::Open;
    while let Some((ix, edge)) = stack.last_mut() {
        let node = flow.node(*ix);
        let next = node.edges().nth(*edge).map(|(_, to)| to);
        *edge += 1;
        match next {
            None => {
                marks[ix.get()] = Mark::Done;
                stack.pop();
                path.pop();
            }
            Some(to) if !reachable[to.get()] => {}
            Some(to) => match marks[to.get()] {
                Mark::New => {
                    marks[to.get()] = Mark::Open;
                    stack.push((to, 0));
                    path.push(to);
                }
                Mark::Open => {
                    let from = path.iter().position(|p| *p == to).unwrap_or(0);
                    let cycle = path[from..].to_vec();
                    // The nodes of a cycle on one path are distinct, so two
                    // cycles are the same when one holds all of the other's
                    // nodes and no more.
                    if !cycles
                        .iter()
                        .any(|c| c.len() == cycle.len() && c.iter().all(|n| cycle.contains(n)))
                    {
                        cycles.push(cycle);
                    }
                }
                Mark::Done => {}
            },
        }
    }
    cycles
}

/// Reverse post-order of a depth-first search from the start: in an acyclic
/// flow every edge points forward in it.
fn topological_order(flow: &Flow) -> Vec<NodeIx> {
    let mut seen = vec![false; flow.nodes.len()];
    let mut post = Vec::with_capacity(flow.nodes.len());
    let mut stack: Vec<(NodeIx, usize)> = vec![(flow.start, 0)];
    seen[flow.start.get()] = true;
    while let Some((ix, edge)) = stack.last_mut() {
        let next = flow.node(*ix).edges().nth(*edge).map(|(_, to)| to);
        *edge += 1;
        match next {
            Some(to) if !seen[to.get()] => {
                seen[to.get()] = true;
                stack.push((to, 0));
            }
            Some(_) => {}
            None => {
                post.push(*ix);
                stack.pop();
            }
        }
    }
    post.reverse();
    post
}
