//! A generic table view model rendered by one template macro: header cells that say whether they
//! hold numbers, and body cells with text, an optional link or badge, and a machine sort key
//! for the progressive-enhancement sorter (`static/site.js`).

use serde::Serialize;

use super::{Badge, Link};

#[derive(Debug, Clone, Serialize)]
pub struct Header {
    pub label: String,
    /// Right-aligned numeric column.
    pub num: bool,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Cell {
    pub text: String,
    pub href: Option<String>,
    pub badge: Option<Badge>,
    /// A second badge shown after the first (e.g. "watermelon").
    pub extra: Option<Badge>,
    /// Smaller secondary text under the main text.
    pub note: Option<String>,
    pub num: bool,
    /// Machine sort key (`data-sort`); empty when the text sorts well as is.
    pub sort: String,
    /// Header cell of its row (`<th scope="row">`).
    pub row_header: bool,
    /// `id` of the cell, so other pages can link to its row.
    pub anchor: Option<String>,
    /// A list of links (one per line) instead of, or after, the text.
    pub links: Vec<CellLink>,
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

#[derive(Debug, Clone, Default, Serialize)]
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
