//! A link from a reason to the article section it comes from.

use yew::prelude::*;

use std::rc::Rc;

use crate::engine::words::Words;
use crate::web;

/// Properties of [`SectionLink`].
#[derive(Properties, PartialEq)]
pub struct SectionLinkProps {
    /// Anchor id of the section on the host page.
    pub section: AttrValue,
    /// The widget's words.
    pub words: Rc<Words>,
}

/// "Read: <section heading>", when the section is on this page; nothing
/// otherwise, so a widget embedded away from its article shows no dead links.
///
/// Following the link scrolls the section into view and focuses it without
/// touching the URL's fragment, which belongs to the share link.
#[component]
pub fn SectionLink(props: &SectionLinkProps) -> Html {
    let title = use_memo(props.section.clone(), |id| web::section_title(id));
    let Some(title) = (*title).clone() else {
        return Html::default();
    };
    let onclick = {
        let id = props.section.clone();
        Callback::from(move |event: MouseEvent| {
            if web::reveal_section(&id) {
                event.prevent_default();
            }
        })
    };
    let href = String::from("#") + &props.section;
    html! {
        <a class="dw-section-link" {href} {onclick}>{ props.words.fill("read-section", &[("section", &title)]) }</a>
    }
}
