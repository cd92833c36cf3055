//! Validation: from the file's `RawFlow` to a `Flow` whose ids all resolve.
//!
//! Validation collects every problem it can find in one pass, so an author
//! fixes a file in one round rather than one error at a time. Structural
//! checks on the graph (reachability, cycles, dead ends) run only once every
//! id resolves, since they need a graph to walk.

use super::error::{FlowError, FlowErrorKind, FlowErrors, Place};
use super::format::{RawFlow, RawNote, FORMAT_VERSION};
use super::model::{is_valid_id, Flow, FlowId, Node, NodeId, NodeIx, NodeKind, Note, Outcome, Question, MAX_NODES};

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

/// A question's answers before their targets are resolved.
struct Pending {
    ix: NodeIx,
    id: String,
    yes: Option<String>,
    no: Option<String>,
}

impl Validator {
    fn push(&mut self, place: Place, kind: FlowErrorKind) {
        self.errors.push(FlowError { kind, place });
    }

    fn text(&mut self, place: &Place, field: &'static str, value: &str) -> String {
        let value = value.trim();
        if value.is_empty() {
            self.push(place.clone(), FlowErrorKind::EmptyText { field });
        }
        value.to_owned()
    }

    fn optional_text(&mut self, place: &Place, field: &'static str, value: Option<&str>) -> Option<String> {
        value.map(|v| self.text(place, field, v))
    }

    fn note(&mut self, place: &Place, field: &'static str, raw: &RawNote) -> Note {
        let text = self.text(place, field, &raw.text);
        let section = raw.section.as_deref().map(str::trim).map(str::to_owned);
        if let Some(section) = &section {
            if section.is_empty() || section.contains(char::is_whitespace) || section.starts_with('#') {
                self.push(
                    place.clone(),
                    FlowErrorKind::BadSection {
                        section: section.clone(),
                    },
                );
            }
        }
        Note { text, section }
    }

    fn id(&mut self, place: &Place, id: &str) {
        if !is_valid_id(id) {
            self.push(place.clone(), FlowErrorKind::BadId { id: id.to_owned() });
        }
    }

    fn run(mut self, raw: RawFlow) -> Result<Flow, FlowErrors> {
        let flow_place = Place::Flow;
        if raw.format != FORMAT_VERSION {
            self.push(Place::Flow, FlowErrorKind::UnsupportedFormat { found: raw.format });
        }
        self.id(&flow_place, &raw.id);
        if raw.version == 0 {
            self.push(Place::Flow, FlowErrorKind::BadVersion);
        }
        let title = self.text(&flow_place, "title", &raw.title);
        let intro = self.optional_text(&flow_place, "intro", raw.intro.as_deref());
        let practice = raw.practice.as_ref().map(|p| self.note(&flow_place, "practice", p));

        let count = raw.questions.len() + raw.outcomes.len();
        if count > MAX_NODES {
            self.push(Place::Flow, FlowErrorKind::TooManyNodes { count, max: MAX_NODES });
            return Err(FlowErrors(self.errors));
        }
        if raw.outcomes.is_empty() {
            self.push(Place::Flow, FlowErrorKind::NoOutcomes);
        }

        let mut nodes = Vec::with_capacity(count);
        // Ids by node index. A linear search is fast enough below MAX_NODES
        // and much smaller in the WebAssembly than a hash map keyed by string.
        let mut index: Vec<String> = Vec::with_capacity(count);
        let mut pending = Vec::with_capacity(raw.questions.len());

        for q in &raw.questions {
            let place = Place::Question(q.id.clone());
            let ix = self.register(&place, &q.id, nodes.len(), &mut index);
            let text = self.text(&place, "text", &q.text);
            let label = self.optional_text(&place, "label", q.label.as_deref());
            let help = self.optional_text(&place, "help", q.help.as_deref());
            pending.push(Pending {
                ix,
                id: q.id.clone(),
                yes: q.yes.clone(),
                no: q.no.clone(),
            });
            nodes.push(Node {
                id: NodeId(q.id.clone()),
                label: label.unwrap_or_else(|| text.clone()),
                // Targets are filled in below, once every id is known.
                kind: NodeKind::Question(Question {
                    text,
                    help,
                    yes: ix,
                    no: ix,
                }),
            });
        }
        for o in &raw.outcomes {
            let place = Place::Outcome(o.id.clone());
            self.register(&place, &o.id, nodes.len(), &mut index);
            let title = self.text(&place, "title", &o.title);
            let label = self.optional_text(&place, "label", o.label.as_deref());
            let summary = self.optional_text(&place, "summary", o.summary.as_deref());
            let reasons = o.reasons.iter().map(|r| self.note(&place, "reasons", r)).collect();
            nodes.push(Node {
                id: NodeId(o.id.clone()),
                label: label.unwrap_or_else(|| title.clone()),
                kind: NodeKind::Outcome(Outcome {
                    title,
                    summary,
                    reasons,
                }),
            });
        }

        for p in pending {
            let place = Place::Question(p.id.clone());
            let yes = self.target(&place, "yes", p.yes.as_deref(), &index);
            let no = self.target(&place, "no", p.no.as_deref(), &index);
            if let NodeKind::Question(q) = &mut nodes[p.ix.get()].kind {
                q.yes = yes.unwrap_or(p.ix);
                q.no = no.unwrap_or(p.ix);
            }
        }
        let start = lookup(&index, &raw.start);
        if start.is_none() {
            self.push(
                Place::Flow,
                FlowErrorKind::UnknownStart {
                    target: raw.start.clone(),
                },
            );
        }

        let (Some(start), true) = (start, self.errors.is_empty()) else {
            return Err(FlowErrors(self.errors));
        };
        let mut flow = Flow {
            id: FlowId(raw.id),
            version: raw.version,
            title,
            intro,
            start,
            practice,
            nodes,
            order: Vec::new(),
        };
        self.check_graph(&flow);
        if !self.errors.is_empty() {
            return Err(FlowErrors(self.errors));
        }
        flow.order = topological_order(&flow);
        Ok(flow)
    }

    /// Records a node's id, reporting a bad or duplicate one.
    fn register(&mut self, place: &Place, id: &str, at: usize, index: &mut Vec<String>) -> NodeIx {
        self.id(place, id);
        // `at` is below MAX_NODES, checked before any node is registered.
        let ix = NodeIx(at as u16);
        if lookup(index, id).is_some() {
            self.push(place.clone(), FlowErrorKind::DuplicateId);
        }
        index.push(id.to_owned());
        ix
    }

    fn target(
        &mut self,
        place: &Place,
        answer: &'static str,
        target: Option<&str>,
        index: &[String],
    ) -> Option<NodeIx> {
        let Some(target) = target else {
            self.push(place.clone(), FlowErrorKind::MissingAnswer { answer });
            return None;
        };
        let found = lookup(index, target);
        if found.is_none() {
            self.push(
                place.clone(),
                FlowErrorKind::UnknownTarget {
                    answer,
                    target: target.to_owned(),
                },
            );
        }
        found
    }

    /// Reports unreachable nodes, questions that never reach an outcome,
    /// and cycles, in that order of importance.
    fn check_graph(&mut self, flow: &Flow) {
        let reachable = flow.reachable_from(flow.start);
        for (ix, node) in flow.indexed() {
            if !reachable[ix.get()] {
                self.push(place_of(node), FlowErrorKind::Unreachable);
            }
        }

        let ends = can_reach_outcome(flow);
        for (ix, node) in flow.indexed() {
            if reachable[ix.get()] && !ends[ix.get()] {
                self.push(place_of(node), FlowErrorKind::NeverEnds);
            }
        }

        for cycle in find_cycles(flow, &reachable) {
            let first = flow.node(cycle[0]);
            let mut through: Vec<String> = cycle.iter().map(|ix| flow.node(*ix).id.0.clone()).collect();
            through.push(first.id.0.clone());
            self.push(place_of(first), FlowErrorKind::Cycle { through });
        }
    }
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
    let mut ends: Vec<bool> = flow.nodes.iter().map(|n| n.outcome().is_some()).collect();
    // Propagate backwards until nothing changes; flows are small.
    let mut changed = true;
    while changed {
        changed = false;
        for (ix, node) in flow.indexed() {
            if !ends[ix.get()] && node.edges().any(|(_, to)| ends[to.get()]) {
                ends[ix.get()] = true;
                changed = true;
            }
        }
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
                    // nodes and no more; comparing so needs no sort.
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
