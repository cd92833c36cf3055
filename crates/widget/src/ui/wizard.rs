//! One question at a time: progress, the question, one button per choice,
//! Back and Start over. (The answers given so far follow the flowchart, so
//! that on a phone the chart's button stays close to the question.)

use yew::prelude::*;

use crate::web;

use dw_engine::words::Words;
use dw_engine::{Action, Answer, Flow, Walk};

/// What the wizard shows, computed before markup.
struct View<'a> {
    /// "Question 2 of at most 5".
    progress: String,
    step: u32,
    at_most: u32,
    text: &'a str,
    help: Option<&'a str>,
    /// Each choice's answer and label, in the author's order, and whether
    /// it reaches a recommendation.
    choices: Vec<(Answer, &'a str, bool)>,
    /// Whether the question has several choices (rather than yes/no),
    /// which stack as a list rather than sit side by side.
    several: bool,
    started: bool,
}

impl<'a> View<'a> {
    fn new(flow: &'a Flow, walk: &Walk, words: &'a Words) -> Option<View<'a>> {
        let question = flow.question(walk.current()?)?;
        let progress = walk.progress(flow);
        let key = match progress.step == progress.at_most {
            true => "progress-last",
            false => "progress",
        };
        Some(View {
            progress: words.fill(
                key,
                &[
                    ("step", &words.number(progress.step)),
                    ("total", &words.number(progress.at_most)),
                ],
            ),
            step: progress.step,
            at_most: progress.at_most,
            text: &question.text,
            help: question.help.as_deref(),
            choices: question
                .answers()
                .map(|(a, c)| (a, words.choice(c), flow.node(c.next).outcome().is_some()))
                .collect(),
            several: !question.is_yes_no(),
            started: !walk.steps.is_empty(),
        })
    }
}

/// The current question of `walk` with its answers and navigation; `heading`
/// is the question, which receives focus when it changes. (A view function
/// rather than a component: it holds no state, and the widget redraws it
/// with every answer anyway.)
pub fn wizard(flow: &Flow, walk: &Walk, words: &Words, heading: &NodeRef, on_action: &Callback<Action>) -> Html {
    let Some(view) = View::new(flow, walk, words) else {
        return Html::default();
    };
    let send = |action: Action| on_action.reform(move |_: MouseEvent| action.clone());
    // An answer that reaches a recommendation replaces the question's card,
    // its button with it: the button lets go of focus first, while the page
    // is as the browser last drew it, because removing the element that has
    // focus makes the browser lay the page out there and then.
    let answer = |answer: Answer, ends: bool| {
        on_action.reform(move |event: MouseEvent| {
            if ends {
                web::blur_target(&event);
            }
            Action::Answer(answer)
        })
    };
    let buttons = classes!("dw-answer-buttons", view.several.then_some("dw-answer-choices"));

    let flow_lang = flow.lang().map(|l| AttrValue::from(l.to_owned()));

    html! {
        <div class="dw-card dw-question">
            <p class="dw-progress">{ view.progress }</p>
            <progress class="dw-progress-bar" aria-hidden="true" max={view.at_most.to_string()} value={(view.step - 1).to_string()} />
            <h3 class="dw-question-text" tabindex="-1" ref={heading.clone()} lang={flow_lang.clone()} dir="auto">{ view.text }</h3>
            if let Some(help) = view.help {
                <p class="dw-help" lang={flow_lang.clone()} dir="auto">{ help }</p>
            }
            <div class={buttons} lang={view.several.then_some(flow_lang).flatten()}>
                { for view.choices.iter().map(|&(choice, label, ends)| html! {
                    <button type="button" class="dw-btn dw-btn-answer" dir="auto" onclick={answer(choice, ends)}>{ label }</button>
                }) }
            </div>
            if view.started {
                <div class="dw-nav">
                    <button type="button" class="dw-btn dw-btn-quiet" onclick={send(Action::Back)}>{ words.get("back") }</button>
                    <button type="button" class="dw-btn dw-btn-quiet" onclick={send(Action::Restart)}>{ words.get("start-over") }</button>
                </div>
            }
        </div>
    }
}
