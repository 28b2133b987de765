//! A generic table view model rendered by one template macro: header cells that say whether they
//! hold numbers, and body cells with text, an optional link or badge, and a machine sort key
//! for the progressive-enhancement sorter (`static/site.js`).
//!
//! The body rows are also serialized as HTML (`rows_html`), which the default theme's macro
//! prints as it is: a template loop looks up every field of every cell by name, and the
//! registers of a big portfolio have tens of thousands of cells. The rows are serialized as
//! data too only for a theme that lays cells out its own way (one whose templates name `rows`,
//! [`CellsAsData`]); otherwise `rows` holds one empty list per row, so `rows | length` still
//! counts them.

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use crate::markup::escape_into;

use super::{Badge, Link};

#[derive(Debug, Clone, Serialize)]
pub struct Header {
    pub label: String,
    /// Right-aligned numeric column.
    pub num: bool,
    /// A page with the rows sorted by this column (sorting without JavaScript).
    pub href: Option<String>,
    /// `ascending` or `descending` when the rows are sorted by this column (`aria-sort`).
    pub sorted: Option<&'static str>,
}

/// A body cell. Serialized without its empty parts (no link, badge, note, sort key, anchor or
/// links; not numeric, not a row header): a template tests them with `if`, which is false for
/// a missing field, and the registers of a big portfolio have hundreds of thousands of cells.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Cell {
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub href: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub badge: Option<Badge>,
    /// A second badge shown after the first (e.g. "watermelon").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extra: Option<Badge>,
    /// Smaller secondary text under the main text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip_serializing_if = "is_false")]
    pub num: bool,
    /// Machine sort key (`data-sort`); empty when the text sorts well as is.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub sort: String,
    /// Header cell of its row (`<th scope="row">`).
    #[serde(skip_serializing_if = "is_false")]
    pub row_header: bool,
    /// `id` of the cell, so other pages can link to its row.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub anchor: Option<String>,
    /// A list of links (one per line) instead of, or after, the text.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<CellLink>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// One link of a list in a cell, with a short note after it.
#[derive(Debug, Clone, Serialize)]
pub struct CellLink {
    pub text: String,
    pub href: String,
    pub note: Option<String>,
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell {
            text: s.into(),
            ..Cell::default()
        }
    }

    pub fn num(s: impl Into<String>, sort: String) -> Cell {
        Cell {
            text: s.into(),
            num: true,
            sort,
            ..Cell::default()
        }
    }

    /// A ratio (CPI, SPI) to two decimals, sorting by its value.
    pub fn ratio(v: Option<f64>) -> Cell {
        Cell::num(crate::format::ratio(v), crate::format::sort_key(v))
    }

    pub fn link(l: Link) -> Cell {
        Cell {
            text: l.text,
            href: Some(l.href),
            ..Cell::default()
        }
    }

    pub fn badge(b: Badge, sort: String) -> Cell {
        Cell {
            text: String::new(),
            badge: Some(b),
            sort,
            ..Cell::default()
        }
    }

    pub fn opt_text(s: Option<&str>) -> Cell {
        Cell::text(s.unwrap_or(crate::format::NONE))
    }

    /// A list of links, one per line.
    pub fn links(links: Vec<CellLink>) -> Cell {
        Cell {
            links,
            ..Cell::default()
        }
    }

    pub fn row_header(mut self) -> Cell {
        self.row_header = true;
        self
    }

    pub fn with_note(mut self, note: Option<String>) -> Cell {
        self.note = note;
        self
    }
}

thread_local! {
    static CELLS_AS_DATA: std::cell::Cell<bool> = const { std::cell::Cell::new(true) };
}

/// Whether tables serialized on this thread carry their cells as data (`rows`) beside
/// `rows_html`: yes unless a page render says its theme never reads them. Set for the span of
/// one serialization and restored when dropped, so a page rendered on the same thread later
/// (another build, another theme) starts from the default again.
pub(crate) struct CellsAsData(bool);

impl CellsAsData {
    /// Serializes tables with (`true`) or without their cells as data until dropped.
    pub(crate) fn scope(on: bool) -> CellsAsData {
        CellsAsData(CELLS_AS_DATA.with(|c| c.replace(on)))
    }
}

impl Drop for CellsAsData {
    fn drop(&mut self) {
        CELLS_AS_DATA.with(|c| c.set(self.0));
    }
}

#[derive(Debug, Clone, Default)]
pub struct Table {
    /// Unique id on the page.
    pub id: String,
    /// Visible caption (also what screen readers announce).
    pub caption: String,
    pub headers: Vec<Header>,
    pub rows: Vec<Vec<Cell>>,
    /// Shown instead of the table when there are no rows.
    pub empty: String,
    /// Enable the column sorter.
    pub sortable: bool,
    /// Enable the filter box.
    pub filterable: bool,
    /// How the rows are ordered without JavaScript, e.g. "worst health first".
    pub order_note: Option<String>,
    /// Extra CSS class of the `<table>` (column widths of a particular table).
    pub class: String,
    /// The body already rendered: the number of rows and their HTML (see [`Table::row_html`]).
    /// Set, the rows are serialized as that many empty rows and `rows_html` is this HTML: the
    /// sorted copies of a long list reorder rows rendered once instead of rendering them again.
    pub prerendered: Option<(usize, String)>,
}

impl Table {
    pub fn new(id: &str, caption: &str, headers: &[(&str, bool)], empty: &str) -> Table {
        Table {
            id: id.to_string(),
            caption: caption.to_string(),
            headers: headers
                .iter()
                .map(|(label, num)| Header {
                    label: label.to_string(),
                    num: *num,
                    href: None,
                    sorted: None,
                })
                .collect(),
            rows: Vec::new(),
            empty: empty.to_string(),
            ..Table::default()
        }
    }

    pub fn sortable(mut self) -> Table {
        self.sortable = true;
        self
    }
}

impl Table {
    /// The table without its rows (caption, headers, notes), to hold [`Table::prerendered`] rows.
    pub fn shell(&self) -> Table {
        Table {
            id: self.id.clone(),
            caption: self.caption.clone(),
            headers: self.headers.clone(),
            rows: Vec::new(),
            empty: self.empty.clone(),
            sortable: self.sortable,
            filterable: self.filterable,
            order_note: self.order_note.clone(),
            class: self.class.clone(),
            prerendered: None,
        }
    }

    /// The order of the rows sorted by column `col` the way the JavaScript sorter sorts (by each
    /// cell's sort key, else its text; numbers as numbers; empty keys last), descending when
    /// `descending`; rows with equal keys keep their order.
    pub fn sorted_order(&self, col: usize, descending: bool) -> Vec<usize> {
        fn key(c: Option<&Cell>) -> &str {
            c.map_or("", |c| {
                if c.sort.is_empty() {
                    c.text.trim()
                } else {
                    c.sort.as_str()
                }
            })
        }
        let mut order: Vec<usize> = (0..self.rows.len()).collect();
        order.sort_by(|&a, &b| {
            let (x, y) = (key(self.rows[a].get(col)), key(self.rows[b].get(col)));
            match (x.is_empty(), y.is_empty()) {
                (true, false) => return std::cmp::Ordering::Greater,
                (false, true) => return std::cmp::Ordering::Less,
                _ => {}
            }
            let o = match (x.parse::<f64>(), y.parse::<f64>()) {
                (Ok(p), Ok(q)) => p.total_cmp(&q),
                _ => x.to_lowercase().cmp(&y.to_lowercase()),
            };
            if descending {
                o.reverse()
            } else {
                o
            }
        });
        order
    }

    /// One body row's HTML (`\n<tr>…</tr>`), as [`Table::rows_html`] lays it out.
    pub fn row_html(row: &[Cell]) -> String {
        let mut out = String::with_capacity(16 + 48 * row.len());
        out.push_str("\n<tr>");
        for c in row {
            cell_html(&mut out, c);
        }
        out.push_str("</tr>");
        out
    }

    /// The `<tr>` elements of the body, each on a line of its own (`\n<tr>…</tr>`), exactly as
    /// the default theme's `table` macro laid them out before: a cell is `<th scope="row">` or
    /// `<td>` with its `id`, `class="num"` and `data-sort`; then the badge, the text (a link when
    /// it has one), the links list, the second badge and the note. Empty strings count as absent,
    /// as they do in a template's `if`.
    pub fn rows_html(&self) -> String {
        let cells: usize = self.rows.iter().map(Vec::len).sum();
        let mut out = String::with_capacity(16 * self.rows.len() + 48 * cells);
        for row in &self.rows {
            out.push_str("\n<tr>");
            for c in row {
                cell_html(&mut out, c);
            }
            out.push_str("</tr>");
        }
        out
    }
}

fn present(s: &Option<String>) -> Option<&str> {
    s.as_deref().filter(|s| !s.is_empty())
}

fn badge_html(out: &mut String, b: &Badge) {
    out.push_str("<span class=\"badge badge-");
    escape_into(out, b.class);
    out.push_str("\"><span class=\"icon\" aria-hidden=\"true\">");
    escape_into(out, b.icon);
    out.push_str("</span> ");
    escape_into(out, &b.word);
    out.push_str("</span>");
}

fn cell_html(out: &mut String, c: &Cell) {
    out.push_str(if c.row_header { "<th scope=\"row\"" } else { "<td" });
    if let Some(anchor) = present(&c.anchor) {
        out.push_str(" id=\"");
        escape_into(out, anchor);
        out.push('"');
    }
    if c.num {
        out.push_str(" class=\"num\"");
    }
    if !c.sort.is_empty() {
        out.push_str(" data-sort=\"");
        escape_into(out, &c.sort);
        out.push('"');
    }
    out.push('>');
    if let Some(b) = &c.badge {
        badge_html(out, b);
    }
    match present(&c.href) {
        Some(href) => {
            out.push_str("<a href=\"");
            escape_into(out, href);
            out.push_str("\">");
            escape_into(out, &c.text);
            out.push_str("</a>");
        }
        None => escape_into(out, &c.text),
    }
    if !c.links.is_empty() {
        out.push_str("<ul class=\"cell-links\">");
        for l in &c.links {
            out.push_str("<li><a href=\"");
            escape_into(out, &l.href);
            out.push_str("\">");
            escape_into(out, &l.text);
            out.push_str("</a>");
            if let Some(note) = present(&l.note) {
                out.push_str(" <span class=\"note\">");
                escape_into(out, note);
                out.push_str("</span>");
            }
            out.push_str("</li>");
        }
        out.push_str("</ul>");
    }
    if let Some(b) = &c.extra {
        out.push(' ');
        badge_html(out, b);
    }
    if let Some(note) = present(&c.note) {
        out.push_str("<br><span class=\"note\">");
        escape_into(out, note);
        out.push_str("</span>");
    }
    out.push_str(if c.row_header { "</th>" } else { "</td>" });
}

impl Serialize for Table {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Table", 10)?;
        st.serialize_field("id", &self.id)?;
        st.serialize_field("caption", &self.caption)?;
        st.serialize_field("headers", &self.headers)?;
        match &self.prerendered {
            Some((n, html)) => {
                let empty: Vec<[u8; 0]> = vec![[]; *n];
                st.serialize_field("rows", &empty)?;
                st.serialize_field("rows_html", html)?;
            }
            None => {
                if CELLS_AS_DATA.with(|c| c.get()) {
                    st.serialize_field("rows", &self.rows)?;
                } else {
                    let empty: Vec<[u8; 0]> = vec![[]; self.rows.len()];
                    st.serialize_field("rows", &empty)?;
                }
                st.serialize_field("rows_html", &self.rows_html())?;
            }
        }
        st.serialize_field("empty", &self.empty)?;
        st.serialize_field("sortable", &self.sortable)?;
        st.serialize_field("filterable", &self.filterable)?;
        st.serialize_field("order_note", &self.order_note)?;
        st.serialize_field("class", &self.class)?;
        st.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::views::word_badge;

    /// The default theme's cell loop as it was before the rows were rendered in Rust: the
    /// reference `rows_html` must match byte for byte.
    const TEMPLATE_ROWS: &str = r#"
{%- for row in t.rows %}
<tr>{% for c in row %}{% if c.row_header %}<th scope="row"{% else %}<td{% endif %}{% if c.anchor %} id="{{ c.anchor }}"{% endif %}{% if c.num %} class="num"{% endif %}{% if c.sort %} data-sort="{{ c.sort }}"{% endif %}>
{%- if c.badge %}<span class="badge badge-{{ c.badge.class }}"><span class="icon" aria-hidden="true">{{ c.badge.icon }}</span> {{ c.badge.word }}</span>{% endif %}
{%- if c.href %}<a href="{{ c.href }}">{{ c.text }}</a>{% else %}{{ c.text }}{% endif %}
{%- if c.links %}<ul class="cell-links">{% for l in c.links %}<li><a href="{{ l.href }}">{{ l.text }}</a>{% if l.note %} <span class="note">{{ l.note }}</span>{% endif %}</li>{% endfor %}</ul>{% endif %}
{%- if c.extra %} <span class="badge badge-{{ c.extra.class }}"><span class="icon" aria-hidden="true">{{ c.extra.icon }}</span> {{ c.extra.word }}</span>{% endif %}
{%- if c.note %}<br><span class="note">{{ c.note }}</span>{% endif %}
{%- if c.row_header %}</th>{% else %}</td>{% endif %}{% endfor %}</tr>
{%- endfor %}"#;

    fn through_template(t: &Table) -> String {
        let mut tera = tera::Tera::default();
        tera.autoescape_on(vec![".html"]);
        tera.set_escape_fn(crate::markup::escape);
        tera.add_raw_template("rows.html", TEMPLATE_ROWS).unwrap();
        let mut ctx = tera::Context::new();
        ctx.insert("t", t);
        tera.render("rows.html", &ctx).unwrap()
    }

    /// Every part a cell can have, alone and together, with text that needs escaping and the
    /// empty strings a template treats as absent.
    fn cells() -> Vec<Cell> {
        let hostile = "<b>\"Tom\" & 'Jerry'</b>\u{1}";
        let badge = word_badge("Red & <bold>", "red", "■");
        let link = CellLink {
            text: hostile.to_string(),
            href: "../a b/?q=\"x\"&y".to_string(),
            note: Some("note <1>".to_string()),
        };
        let mut all = vec![
            Cell::text(""),
            Cell::text(hostile),
            Cell::num("1,234", "1234".to_string()),
            Cell::link(crate::render::views::Link {
                text: "P-1".to_string(),
                href: "p-1/index.html".to_string(),
            }),
            Cell::badge(badge.clone(), "3".to_string()),
            Cell::links(vec![
                link.clone(),
                CellLink {
                    note: None,
                    ..link.clone()
                },
            ]),
            Cell::text("x").row_header(),
            Cell::text("y").with_note(Some(hostile.to_string())),
            Cell {
                href: Some(String::new()),
                note: Some(String::new()),
                anchor: Some(String::new()),
                links: vec![CellLink {
                    note: Some(String::new()),
                    ..link.clone()
                }],
                ..Cell::text("empty parts")
            },
        ];
        all.push(Cell {
            text: hostile.to_string(),
            href: Some("h\"".to_string()),
            badge: Some(badge.clone()),
            extra: Some(word_badge("Watermelon", "info", "◆")),
            note: Some("n".to_string()),
            num: true,
            sort: "s\"<".to_string(),
            row_header: true,
            anchor: Some("r-1'".to_string()),
            links: vec![link],
        });
        all
    }

    #[test]
    fn rows_html_is_what_the_template_loop_made() {
        let cells = cells();
        let mut t = Table::new("t", "T", &[("A", false)], "none");
        // One row with every cell, then one row per cell, then no rows at all.
        t.rows.push(cells.clone());
        t.rows.extend(cells.iter().map(|c| vec![c.clone()]));
        assert_eq!(t.rows_html(), through_template(&t));
        assert!(t
            .rows_html()
            .contains("&lt;b&gt;&quot;Tom&quot; &amp; &#x27;Jerry&#x27;&lt;/b&gt;<"));
        t.rows.clear();
        assert_eq!(t.rows_html(), "");
        assert_eq!(through_template(&t), "");
    }

    #[test]
    fn cells_are_data_only_where_the_theme_reads_them() {
        let mut t = Table::new("t", "T", &[("A", false)], "none");
        t.rows = vec![vec![Cell::text("a")], vec![Cell::text("b")]];
        let with = serde_json::to_value(&t).unwrap();
        assert_eq!(
            with["rows"],
            serde_json::json!([[{"text": "a"}], [{"text": "b"}]])
        );
        let without = {
            let _scope = CellsAsData::scope(false);
            let inner = {
                let _nested = CellsAsData::scope(true);
                serde_json::to_value(&t).unwrap()
            };
            assert_eq!(inner["rows"], with["rows"], "a nested scope wins while it lasts");
            serde_json::to_value(&t).unwrap()
        };
        // One empty list per row (`rows | length` still counts them); the HTML is the same.
        assert_eq!(without["rows"], serde_json::json!([[], []]));
        assert_eq!(without["rows_html"], with["rows_html"]);
        // Dropped, the scope gives the thread its default back.
        assert_eq!(serde_json::to_value(&t).unwrap(), with);
    }

    #[test]
    fn a_cell_leaves_its_empty_parts_out_of_the_view() {
        let v = serde_json::to_value(Cell::text("a")).unwrap();
        assert_eq!(v, serde_json::json!({"text": "a"}));
        let v = serde_json::to_value(Cell::num("1", "1".to_string()).row_header()).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"text": "1", "num": true, "sort": "1", "row_header": true})
        );
    }
}
