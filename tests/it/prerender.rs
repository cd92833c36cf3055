//! Prerendering pages: the widget and the outline for readers without
//! JavaScript, put into pages as the release build and `decision-widget
//! prerender` do.

use decision_widget::prerender::{builtin, prerender};

#[test]
fn prerendered_pages_speak_the_language_the_widget_will() {
    let page = |html: &str| prerender(html, &|_| Ok(builtin())).expect("prerendered");
    let german = page(
        "<html lang=\"de\"><body><decision-widget><!-- decision-widget:prerender --></decision-widget>\
         <!-- decision-widget:text --></body></html>",
    );
    assert!(german.contains("data-lang=\"de\""), "the markup records its language");
    assert!(german.contains("Frage 1 von höchstens 4"));
    assert!(german.contains("lang=\"de\" dir=\"ltr\""));
    assert!(
        german.contains("Der Ablauf als Text: RAG or fine-tuning?"),
        "the outline too"
    );
    // The element's own language wins over the page's.
    let arabic = page(
        "<html lang=\"de\"><body><decision-widget lang=\"ar\"><!-- decision-widget:prerender --></decision-widget></body></html>",
    );
    assert!(arabic.contains("data-lang=\"ar\""));
    assert!(arabic.contains("dir=\"rtl\""));
    // A page in a language the widget does not speak is English.
    let italian =
        page("<html lang=\"it\"><decision-widget><!-- decision-widget:prerender --></decision-widget></html>");
    assert!(italian.contains("data-lang=\"en\""));
    assert!(italian.contains("Question 1 of at most 4"));
}
