//! Markdown to HTML for display, always sanitised.
//!
//! Paper bodies, campaign descriptions and engagement notes are user text.
//! Whatever Markdown or raw HTML they hold, [`markdown_to_html`] returns HTML
//! that carries no script, no event handler, no style and no remote content:
//! only a fixed list of formatting tags survives, and links keep only safe
//! schemes and open nothing by themselves.

use std::collections::HashSet;

use pulldown_cmark::{html, Options, Parser};

/// Renders Markdown (CommonMark with tables, strikethrough and footnotes) as
/// sanitised HTML.
pub fn markdown_to_html(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES;
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut raw, Parser::new_ext(markdown, options));
    sanitise(&raw)
}

/// Keeps formatting tags only; drops scripts, styles, images and handlers.
pub fn sanitise(html: &str) -> String {
    let tags: HashSet<&str> = [
        "a", "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "u", "del", "s",
        "code", "pre", "blockquote", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "sup",
        "sub", "span", "mark", "section",
    ]
    .into_iter()
    .collect();
    ammonia::Builder::default()
        .tags(tags)
        .url_schemes(crate::links::SCHEMES.into_iter().collect())
        .link_rel(Some("noopener noreferrer"))
        .clean(html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formatting_survives() {
        let html = markdown_to_html("## Ask\n\n**Label** *all* goods:\n\n1. one\n2. two\n\n> quoted");
        for tag in ["<h2>", "<strong>Label</strong>", "<em>all</em>", "<ol>", "<li>one</li>", "<blockquote>"] {
            assert!(html.contains(tag), "{tag} is kept: {html}");
        }
    }

    #[test]
    fn scripts_handlers_and_remote_content_are_removed() {
        let html = markdown_to_html(
            "Hi <script>alert(1)</script><img src=https://x.example/t.png onerror=alert(2)>\n\n\
             [bad](javascript:alert(3)) <a href=\"https://ok.example\" onclick=\"x()\">ok</a>\n\n\
             <iframe src=\"https://evil.example\"></iframe><style>body{}</style>",
        );
        for banned in ["<script", "alert(1)", "<img", "onerror", "javascript:", "onclick", "<iframe", "<style"] {
            assert!(!html.contains(banned), "`{banned}` must not survive: {html}");
        }
        assert!(html.contains("href=\"https://ok.example\""), "a safe link stays: {html}");
    }

    #[test]
    fn arabic_and_hebrew_text_passes_through() {
        let html = markdown_to_html("الشيخ جراح — ירושלים");
        assert!(html.contains("الشيخ جراح") && html.contains("ירושלים"), "both scripts are kept: {html}");
    }
}
