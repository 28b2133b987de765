//! What a customer may read of an update's narrative: its customer part (docs/content.md,
//! "What the customer sees"). The one place the narrative's customer part is found; the metrics
//! carry it in the report ([`crate::report::CustomerPart`]), the customer report shows it and
//! the `internal-term` lint reads it from there.
//!
//! The part starts at a level-2 heading, not inside a block quote or a list, whose text is
//! `For the customer` or `Customer` (any case, spaces collapsed), and ends at the next level-1
//! or level-2 heading, or at any heading whose text starts with `Internal` (any case, at any
//! depth). Headings are the Markdown parser's (ATX and setext; not in code blocks). Several
//! such parts are joined in order. Everything else of the narrative stays internal.

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

/// Whether a heading's text opens the customer part.
fn is_customer_heading(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let joined = words.join(" ");
    joined.eq_ignore_ascii_case("for the customer") || joined.eq_ignore_ascii_case("customer")
}

/// Whether a heading's text ends the customer part whatever its level.
fn is_internal_heading(text: &str) -> bool {
    let t = text.trim_start();
    t.get(..8).is_some_and(|p| p.eq_ignore_ascii_case("internal"))
}

/// The start of the line holding byte `at` when only spaces precede it on that line, else `at`.
fn line_start(md: &str, at: usize) -> usize {
    let line = md[..at].rfind('\n').map_or(0, |i| i + 1);
    if md[line..at].trim().is_empty() {
        line
    } else {
        at
    }
}

/// The customer part of `body`: one piece per customer heading with text under it, each with
/// the 0-based line of `body` it starts on; empty when there is none.
pub fn customer_part(body: &str) -> Vec<(usize, String)> {
    // Byte ranges of the customer parts.
    let mut parts: Vec<std::ops::Range<usize>> = Vec::new();
    let mut open: Option<usize> = None;
    // Block quotes and lists the parser is inside.
    let mut containers = 0usize;
    // The heading being read: its start, level, whether it is at the top level, and its text.
    let mut heading: Option<(usize, HeadingLevel, bool, String)> = None;
    for (event, range) in Parser::new_ext(body, crate::markup::markdown_options()).into_offset_iter() {
        match event {
            Event::Start(Tag::BlockQuote(_) | Tag::List(_)) => containers += 1,
            Event::End(TagEnd::BlockQuote(_) | TagEnd::List(_)) => containers = containers.saturating_sub(1),
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((
                    line_start(body, range.start),
                    level,
                    containers == 0,
                    String::new(),
                ));
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, _, text)) = heading.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                let Some((start, level, top, text)) = heading.take() else {
                    continue;
                };
                let major = matches!(level, HeadingLevel::H1 | HeadingLevel::H2);
                if major || is_internal_heading(&text) {
                    if let Some(from) = open.take() {
                        parts.push(from..start);
                    }
                }
                if top && level == HeadingLevel::H2 && is_customer_heading(&text) {
                    // From the line after the heading.
                    let end = range.end;
                    open = Some(if end == 0 || body[..end].ends_with('\n') {
                        end
                    } else {
                        body[end..].find('\n').map_or(body.len(), |i| end + i + 1)
                    });
                }
            }
            _ => {}
        }
    }
    if let Some(from) = open {
        parts.push(from..body.len());
    }
    let pieces: Vec<(usize, String)> = parts
        .into_iter()
        .filter_map(|r| {
            let text = &body[r.start.min(r.end)..r.end];
            (!text.trim().is_empty()).then(|| (body[..r.start].matches('\n').count(), text.to_string()))
        })
        .collect();
    pieces
}

#[cfg(test)]
mod tests {
    use super::customer_part;

    fn part(body: &str) -> Option<String> {
        let pieces = customer_part(body);
        let part = crate::report::CustomerPart {
            path: Default::default(),
            body_line: 1,
            pieces,
        };
        (!part.pieces.is_empty()).then(|| part.markdown())
    }

    #[test]
    fn only_the_customer_part_and_only_from_a_top_level_h2() {
        let body = "Before\n\n## Highlights\nour notes\n\n## For the customer\nShared A\n\n### Detail\nShared B\n\n## Next steps\nours\n";
        assert_eq!(part(body).unwrap(), "Shared A\n\n### Detail\nShared B\n\n");
        assert_eq!(part("## CUSTOMER ##\nyes\n").unwrap(), "yes\n");
        assert_eq!(part("For  the Customer\n---\nsetext\n").unwrap(), "setext\n");
        // Not a customer heading: other words, other levels, inside a quote or a list.
        for not in [
            "## For the customers\nx\n",
            "## Customer:\nx\n",
            "### Customer\nx\n",
            "# Customer\nx\n",
            "> ## Customer\n> x\n",
            "- ## Customer\n  x\n",
            "```\n## Customer\n```\nx\n",
            "No heading at all\n",
            "## Customer\n\n   \n## Next\nx\n",
        ] {
            assert_eq!(part(not), None, "{not:?}");
        }
    }

    #[test]
    fn the_part_ends_at_h1_h2_and_any_internal_heading() {
        let b = "## Customer\nA\n### Internal notes\nB\n## Customer\nC\n# Title\nD\n";
        assert_eq!(part(b).unwrap(), "A\n\nC\n");
        let b = "## Customer\nA\n\nInternal\n--------\nB\n";
        assert_eq!(part(b).unwrap(), "A\n\n");
        let b = "## Customer\n- item\n\n> quote\n## Costs\nsecret\n";
        assert_eq!(part(b).unwrap(), "- item\n\n> quote\n");
        let b = "## Customer\nA\n> #### internal\n> B\n";
        assert_eq!(part(b).unwrap(), "A\n> ");
        let b = "## Customer\nA\n```\n## Internal\n```\nB\n";
        assert_eq!(part(b).unwrap(), "A\n```\n## Internal\n```\nB\n");
    }

    #[test]
    fn pieces_know_their_lines() {
        let b = "x\n## Customer\nA\nB\n## Other\ny\n## Customer\nC\n";
        assert_eq!(part(b).unwrap(), "A\nB\n\nC\n");
        assert_eq!(
            customer_part(b),
            vec![(2, "A\nB\n".to_string()), (7, "C\n".to_string())]
        );
    }
}
