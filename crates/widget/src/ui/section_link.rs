//! A link from a reason to the article section it comes from.

use yew::prelude::*;

use crate::web;
use dw_engine::words::Words;

/// "Read: <section heading>", when the section `section` (an anchor id)
/// is on this page; nothing otherwise, so a widget embedded away from its
/// article shows no dead links. (A view function: the heading is looked up
/// on the page each time the recommendation is drawn, which is seldom.)
///
/// Following the link scrolls the section into view and focuses it without
/// touching the URL's fragment, which belongs to the share link.
pub fn section_link(section: &str, words: &Words) -> Html {
    let Some(title) = web::section_title(section) else {
        return Html::default();
    };
    let onclick = {
        let id = AttrValue::from(section.to_owned());
        Callback::from(move |event: MouseEvent| {
            if web::reveal_section(&id) {
                event.prevent_default();
            }
        })
    };
    let href = String::from("#") + section;
    html! {
        <a class="dw-section-link" {href} {onclick}>{ words.fill("read-section", &[("section", &title)]) }</a>
    }
}
