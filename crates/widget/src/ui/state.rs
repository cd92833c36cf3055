//! The widget's state and its reducer: a thin `Reducible` adapter over
//! `engine::Decision::apply`.

use std::rc::Rc;

use yew::Reducible;

use dw_engine::link::{self, LinkIssue};
use dw_engine::{Action, Decision, Flow, Walk};

/// Everything the widget shows, derived from the flow and the decision.
#[derive(Debug, Clone, PartialEq)]
pub struct WidgetState {
    /// The flow being walked.
    pub flow: Rc<Flow>,
    /// The reader's answers.
    pub decision: Decision,
    /// The path those answers take, computed once per change.
    pub walk: Rc<Walk>,
    /// Whether the last change came from the reader (and so focus should
    /// follow it) rather than from a link or the host page.
    pub by_reader: bool,
    /// Increases with every change; effects key on it.
    pub revision: u32,
}

impl WidgetState {
    /// The state with `decision` on `flow`, before any change.
    pub fn new(flow: Rc<Flow>, decision: Decision) -> WidgetState {
        let walk = Rc::new(decision.walk(&flow));
        WidgetState {
            flow,
            decision,
            walk,
            by_reader: false,
            revision: 0,
        }
    }
}

impl Reducible for WidgetState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let by_reader = !matches!(action, Action::Replace(_));
        let decision = self.decision.apply(&self.flow, action);
        if decision == self.decision {
            return self;
        }
        let walk = Rc::new(decision.walk(&self.flow));
        Rc::new(WidgetState {
            flow: Rc::clone(&self.flow),
            decision,
            walk,
            by_reader,
            revision: self.revision.wrapping_add(1),
        })
    }
}

/// Opens a share-link fragment on `flow`: the decision it restores and
/// what could not be restored (said to the reader in their words when
/// shown). `None` when the fragment is not a widget link, or is for another
/// flow on the page (that widget opens it instead).
pub fn open_link(flow: &Flow, fragment: &str) -> Option<(Decision, Vec<LinkIssue>)> {
    let (decision, issues) = link::open(flow, fragment)?;
    if issues.iter().any(|i| matches!(i, LinkIssue::DifferentFlow { .. })) {
        return None;
    }
    Some((decision, issues))
}
