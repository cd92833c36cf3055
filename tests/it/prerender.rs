//! Prerendering pages: the widget and the outline for readers without
//! JavaScript, put into pages as the release build and `decision-widget
//! prerender` do.

use decision_widget::prerender::{builtin, prerender, PageFlow};
use dw_widget::ui::flow_fingerprint;

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

/// A flow file with no article sections, and a language of its own.
const COFFEE: &str = include_str!("../fixtures/good.json");

/// `html` prerendered, with the built-in flow for any `flow` attribute.
fn page(html: &str) -> String {
    prerender(html, &|_| Ok(builtin())).expect("prerendered")
}

/// `html` prerendered, with the coffee flow for the `flow` attribute
/// `url` and no other.
fn page_with_flow(html: &str, url: &str) -> String {
    prerender(html, &|attribute| match attribute {
        Some(given) if given == url => Ok(PageFlow {
            attribute: given.to_owned(),
            text: COFFEE.to_owned(),
        }),
        other => Err(format!("no flow for {other:?}")),
    })
    .expect("prerendered")
}

/// The shadow root right after the start tag `tag` in `out`: the widget's
/// markup is inside the element, before anything else in it.
fn shadow_root_after<'a>(out: &'a str, tag: &str) -> &'a str {
    let at = out.find(tag).unwrap_or_else(|| panic!("{tag} in {out}")) + tag.len();
    let inside = &out[at..];
    assert!(
        inside.starts_with("<template shadowrootmode=\"open\">"),
        "the shadow root comes first in {tag}: {}",
        &inside[..inside.len().min(200)]
    );
    &inside[..inside.find("</template>").expect("the shadow root ends")]
}

/// The text of the outline's link to the article section `id`.
fn section_link(out: &str, id: &str) -> Option<String> {
    let outline = &out[out.find("<noscript>")?..];
    let link = format!("<a href=\"#{id}\">");
    let start = outline.find(&link)? + link.len();
    let end = start + outline[start..].find("</a>")?;
    Some(outline[start..end].to_owned())
}

#[test]
fn a_hugo_page_with_unquoted_attributes() {
    // As `hugo --minify` writes a page (with `keepComments`, so that the
    // marks stay): no quotes where none are needed, the heading ids of
    // Goldmark.
    let html = "<!doctype html><html lang=de><head><meta charset=utf-8><meta name=viewport content=\"width=device-width,initial-scale=1\">\
        <title>RAG oder Fine-Tuning? | Mein Blog</title><link rel=stylesheet href=/css/main.min.css></head>\
        <body><main><article><h1>RAG oder Fine-Tuning?</h1><h2 id=build-rag-first>Zuerst RAG bauen, dann messen</h2><p>Text.</p>\
        <decision-widget flow=rag-vs-fine-tuning theme=auto><!-- decision-widget:prerender --></decision-widget>\
        <!-- decision-widget:text --></article></main><script type=module src=/decision-widget/embed.js></script></body></html>";
    let out = page(html);
    let root = shadow_root_after(&out, "<decision-widget flow=rag-vs-fine-tuning theme=auto>");
    assert!(root.contains("data-prerendered=\"rag-vs-fine-tuning\""));
    assert!(root.contains("data-lang=\"de\""), "the page's language, unquoted");
    assert!(root.contains("Frage 1 von höchstens 4"));
    assert_eq!(
        section_link(&out, "build-rag-first").as_deref(),
        Some("Mehr dazu: Zuerst RAG bauen, dann messen")
    );
    // Everything but the marks is the page as it was, byte for byte.
    let (before, _) = html.split_once("<!-- decision-widget:prerender -->").expect("a mark");
    let (_, after) = html.split_once("<!-- decision-widget:text -->").expect("a mark");
    assert!(out.starts_with(before) && out.ends_with(after));
}

#[test]
fn a_jekyll_page_in_the_minima_layout() {
    // As Jekyll writes a post in minima's layout: the SEO tag's comments
    // and JSON-LD script, kramdown's heading ids and its typographic
    // character references, an include's element on lines of its own.
    let html = r#"<!DOCTYPE html>
<html lang="en"><head>
  <meta charset="utf-8">
  <meta http-equiv="X-UA-Compatible" content="IE=edge">
  <meta name="viewport" content="width=device-width, initial-scale=1"><!-- Begin Jekyll SEO tag v2.8.0 -->
<title>RAG or fine-tuning? | My blog</title>
<meta name="generator" content="Jekyll v4.3.3" />
<script type="application/ld+json">
{"@context":"https://schema.org","@type":"BlogPosting","headline":"RAG or fine-tuning?"}</script>
<!-- End Jekyll SEO tag -->
<link rel="stylesheet" href="/assets/main.css"></head>
<body><header class="site-header" role="banner">
  <div class="wrapper"><a class="site-title" rel="author" href="/">My blog</a></div>
</header><main class="page-content" aria-label="Content">
      <div class="wrapper">
        <article class="post h-entry" itemscope itemtype="http://schema.org/BlogPosting">
  <header class="post-header">
    <h1 class="post-title p-name" itemprop="name headline">RAG or fine-tuning?</h1>
  </header>
  <div class="post-content e-content" itemprop="articleBody">
    <h2 id="rag-is-the-default">RAG is the default, and it&rsquo;s cheap</h2>
<p>Retrieval first&#8230;</p>

<h2 id="what-fine-tuning-costs">What fine-tuning costs&#8230;</h2>

<decision-widget flow="/assets/flows/rag-vs-fine-tuning.json">
  <!-- decision-widget:prerender -->
</decision-widget>
<!-- decision-widget:text -->
  </div>
</article>
      </div>
    </main></body>
</html>
"#;
    let out = prerender(html, &|attribute| {
        assert_eq!(attribute, Some("/assets/flows/rag-vs-fine-tuning.json"));
        Ok(PageFlow {
            attribute: "/assets/flows/rag-vs-fine-tuning.json".into(),
            ..builtin()
        })
    })
    .expect("prerendered");
    let root = shadow_root_after(
        &out,
        "<decision-widget flow=\"/assets/flows/rag-vs-fine-tuning.json\">\n  ",
    );
    assert!(root.contains("data-lang=\"en\""));
    assert!(
        out.contains("<!-- Begin Jekyll SEO tag v2.8.0 -->"),
        "other comments stay"
    );
    assert_eq!(
        section_link(&out, "rag-is-the-default").as_deref(),
        Some("Read: RAG is the default, and it’s cheap")
    );
    assert_eq!(
        section_link(&out, "what-fine-tuning-costs").as_deref(),
        Some("Read: What fine-tuning costs…")
    );
    assert_eq!(
        section_link(&out, "fine-tuning-for-style"),
        None,
        "no such section, no link"
    );
}

#[test]
fn a_wordpress_page_with_block_markup() {
    // A custom HTML block as WordPress keeps it: block comments around it,
    // the element's attributes on lines of their own, indented with tabs;
    // wptexturize's character references in the heading.
    let html = "<!DOCTYPE html>\n<html lang=\"fr-FR\">\n<head>\n<meta charset=\"UTF-8\" />\n<title>RAG ou fine-tuning ? &#8211; Mon blog</title>\n</head>\n\
        <body class=\"post-template-default single single-post postid-12 wp-embed-responsive\">\n<div class=\"wp-site-blocks\">\n\
        <main class=\"wp-block-group is-layout-constrained\">\n\
        <!-- wp:heading -->\n<h2 class=\"wp-block-heading\" id=\"build-rag-first\">Construire RAG d&#8217;abord, puis mesurer</h2>\n<!-- /wp:heading -->\n\n\
        <!-- wp:html -->\n<decision-widget\n\tflow=\"rag-vs-fine-tuning\"\n\ttheme=\"auto\"\n\tsync-url\n><!-- decision-widget:prerender --></decision-widget>\n\
        <!-- decision-widget:text -->\n<!-- /wp:html -->\n</main>\n</div>\n</body>\n</html>\n";
    let out = page(html);
    let root = shadow_root_after(&out, "\tsync-url\n>");
    assert!(root.contains("data-lang=\"fr\""), "the page's language, fr-FR");
    assert!(
        out.contains("<!-- wp:html -->\n<decision-widget\n"),
        "block comments stay"
    );
    let link = section_link(&out, "build-rag-first").expect("a link to the section");
    assert!(link.ends_with("Construire RAG d’abord, puis mesurer"), "{link}");
}

#[test]
fn elements_and_attributes_in_any_case_and_on_any_line() {
    let out = page(
        "<HTML LANG=\"DE\"><BODY><DECISION-WIDGET FLOW=\"rag-vs-fine-tuning\"><!-- decision-widget:prerender --></DECISION-WIDGET></BODY></HTML>",
    );
    let root = shadow_root_after(&out, "<DECISION-WIDGET FLOW=\"rag-vs-fine-tuning\">");
    assert!(root.contains("data-lang=\"de\""));
    assert!(out.ends_with("</template></DECISION-WIDGET></BODY></HTML>"));

    // An attribute after a newline or a tab is the element's all the same.
    let out = page_with_flow(
        "<html lang=\"en\"><decision-widget\n\tlang=\"ar\"\tflow=\"coffee.json\"\n><!-- decision-widget:prerender --></decision-widget></html>",
        "coffee.json",
    );
    let root = shadow_root_after(&out, "flow=\"coffee.json\"\n>");
    assert!(root.contains("data-prerendered=\"coffee.json\""));
    assert!(
        root.contains("data-lang=\"ar\""),
        "the element's language over the flow's"
    );
    assert!(root.contains("dir=\"rtl\""));
}

#[test]
fn a_heading_is_its_whole_text_with_markup_dropped() {
    let out = page(
        "<html><h2 id=\"build-rag-first\">Build <em>RAG</em>\n   <a href=\"#x\"><code>first</code></a></h2>\
         <decision-widget><!-- decision-widget:prerender --></decision-widget><!-- decision-widget:text --></html>",
    );
    assert_eq!(
        section_link(&out, "build-rag-first").as_deref(),
        Some("Read: Build RAG first")
    );
}

#[test]
fn character_references_are_decoded_in_headings_and_attributes() {
    let out = page(
        "<html><h2 id=\"rag-is-the-default\">Caf&eacute; RAG&#x2019;s default&hellip; &lt;fast&gt; &amp;&nbsp;cheap</h2>\
         <decision-widget><!-- decision-widget:prerender --></decision-widget><!-- decision-widget:text --></html>",
    );
    assert_eq!(
        section_link(&out, "rag-is-the-default").as_deref(),
        Some("Read: Café RAG’s default… &lt;fast&gt; &amp;\u{a0}cheap"),
        "decoded, then escaped again for the outline"
    );

    // The flow's URL as the page spells it, and as the browser reads it.
    let url = "flows/caf\u{e9}.json?v=2&lang=fr";
    let out = page_with_flow(
        "<html><decision-widget flow=\"flows/caf&eacute;.json?v=&#50;&amp;lang=fr\"><!-- decision-widget:prerender --></decision-widget></html>",
        url,
    );
    let root = shadow_root_after(&out, "lang=fr\">");
    assert!(
        root.contains("data-prerendered=\"flows/café.json?v=2&amp;lang=fr\""),
        "{root}"
    );
}

#[test]
fn an_inline_flow_is_the_elements_flow() {
    // The flow file in the element's JSON script, as written: a script's
    // text has no character references.
    let flow = COFFEE.replace("Which coffee?", "Coffee &amp; tea?");
    let html = format!(
        "<html><decision-widget theme=\"auto\">\n<script type=\"application/json\">{flow}</script>\n\
         <!-- decision-widget:prerender --></decision-widget>\n<!-- decision-widget:text --></html>"
    );
    let out = prerender(&html, &|attribute| Err(format!("no flow file is read ({attribute:?})"))).expect("prerendered");
    assert!(out.contains("<script type=\"application/json\">"), "the script stays");
    assert!(out.contains(r#"data-prerendered="inline""#));
    assert!(out.contains(&format!("data-flow=\"{}\"", flow_fingerprint(&flow))));
    assert!(out.contains("What time is it?"), "the inline flow's first question");
    assert!(out.contains("The flow as text: Coffee &amp;amp; tea?"));

    // The `flow` attribute, when also present, wins.
    let both = html.replace("theme=\"auto\"", "flow=\"coffee.json\"");
    let out = page_with_flow(&both.replace(&flow, "{}"), "coffee.json");
    assert!(out.contains(r#"data-prerendered="coffee.json""#));
    assert!(out.contains("The flow as text: Which coffee?"));
}

#[test]
fn marks_are_comments_in_their_places() {
    // A mark written out as text in a code sample is no mark.
    let sample = "<pre><code>&lt;decision-widget&gt;&lt;!-- decision-widget:prerender --&gt;&lt;/decision-widget&gt;</code></pre>";
    let why = prerender(sample, &|_| Ok(builtin())).expect_err("no marks");
    assert!(why.contains("neither"), "{why}");
    // A widget mark after a widget that its parent closed is outside it.
    let why = prerender(
        "<div><decision-widget></div><!-- decision-widget:prerender -->",
        &|_| Ok(builtin()),
    )
    .expect_err("outside");
    assert!(why.contains("not inside a <decision-widget>"), "{why}");
    // Spaces around a mark's words do not matter.
    let out = page("<decision-widget><!--decision-widget:prerender--></decision-widget>");
    shadow_root_after(&out, "<decision-widget>");
}
