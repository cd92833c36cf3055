//! "Copy link" and "Share…": the link that reopens this decision, with a
//! selected field to copy by hand when the browser refuses the clipboard.

use yew::platform::spawn_local;
use yew::prelude::*;

use crate::web;

/// Properties of [`ShareBar`].
#[derive(Properties, PartialEq)]
pub struct ShareBarProps {
    /// The share URL.
    pub link: AttrValue,
    /// A title for the system share sheet.
    pub title: AttrValue,
    /// Prefix for element ids unique to this widget.
    pub prefix: AttrValue,
}

/// Share actions and their announced confirmation.
#[component]
pub fn ShareBar(props: &ShareBarProps) -> Html {
    let status = use_state(String::new);
    // How many copies were refused in a row; the field shows while > 0.
    let manual = use_state(|| 0u32);
    let field = use_node_ref();
    let can_share = use_memo((), |_| web::can_share());

    // When copying fails, select the link in its field for a manual copy.
    super::hooks::use_select_after_refusal(&field, *manual);

    let copy = {
        let (link, status, manual) = (props.link.clone(), status.clone(), manual.clone());
        Callback::from(move |_: MouseEvent| {
            let (link, status, manual) = (link.clone(), status.clone(), manual.clone());
            let refused = manual.wrapping_add(1);
            spawn_local(async move {
                if web::copy_text(&link).await {
                    manual.set(0);
                    status.set(String::from("Link copied. It reopens this decision."));
                } else {
                    manual.set(refused);
                    status.set(String::from(
                        "Your browser did not allow copying. The link is selected below: copy it with Ctrl+C or ⌘C.",
                    ));
                }
            });
        })
    };
    let share = {
        let (link, title, status) = (props.link.clone(), props.title.clone(), status.clone());
        Callback::from(move |_: MouseEvent| {
            let (link, title, status) = (link.clone(), title.clone(), status.clone());
            spawn_local(async move {
                if web::share(&title, &title, &link).await {
                    status.set(String::from("Shared."));
                }
            });
        })
    };
    let field_id = props.prefix.to_string() + "link-field";

    html! {
        <div class="dw-share">
            <div class="dw-actions">
                <button type="button" class="dw-btn" onclick={copy}>{ "Copy link" }</button>
                if *can_share {
                    <button type="button" class="dw-btn dw-btn-quiet" onclick={share}>{ "Share…" }</button>
                }
            </div>
            if *manual > 0 {
                <label class="dw-field" for={field_id.clone()}>{ "Link to this decision" }</label>
                <input id={field_id} class="dw-input" type="text" readonly=true value={props.link.clone()} ref={field} />
            }
            <p class="dw-status" role="status">{ (*status).clone() }</p>
        </div>
    }
}
