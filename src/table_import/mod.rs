//! Turning a published control list (a spreadsheet: CSV or XLSX) into a carecheck checklist.
//!
//! NHS England publishes each DSPT version's full evidence-item list as a spreadsheet, with the
//! items mandatory for each kind of organisation. carecheck cannot download it (it never uses
//! the network), so the user does and imports it here. Each row becomes an item: the official
//! id and text, and the levels its columns put it in. With a checklist to merge with, every
//! item carecheck already knows keeps carecheck's plain-English title, guidance, evidence
//! notes, links and answer kind beside the official question.
//!
//! Reading is bounded ([`grid`]); columns are found by header ([`columns`]); the TOML is
//! written through the same writer as OSCAL imports ([`write`]) and then checked by the
//! checklist validator by the caller, which has the library to resolve links against.

pub mod columns;
pub mod grid;
mod write;

use std::collections::HashMap;

use columns::{Columns, Wanted};
use grid::Grid;

use crate::domain::checklist::{Checklist, is_item_id};

pub use write::Stats;

/// What the checklist is, beyond what the sheet says.
pub struct Options<'o> {
    pub id: String,
    pub title: String,
    pub edition: String,
    pub source_url: String,
    pub publisher: String,
    /// The file's name, to cite in the checklist.
    pub file_name: String,
    pub wanted: Wanted,
    /// The checklist whose help is kept for items with the same id.
    pub merge_with: Option<&'o Checklist>,
}

/// One data row, read.
#[derive(Debug, Clone)]
struct Row {
    id: String,
    question: String,
    title: Option<String>,
    guidance: Option<String>,
    section: Option<String>,
    levels: Vec<String>,
}

/// Reads the sheet's rows and writes checklist TOML. Errors name the row and column.
pub fn import(grid: &Grid, options: &Options<'_>) -> Result<(String, Stats), String> {
    let columns = Columns::find(grid, &options.wanted)?;
    let rows = read_rows(grid, &columns)?;
    if rows.is_empty() {
        return Err(format!(
            "no items: the sheet has no rows under its headers ({})",
            grid.row_name(columns.header_row)
        ));
    }
    Ok(write::checklist(&rows, &columns, options))
}

fn read_rows(grid: &Grid, columns: &Columns) -> Result<Vec<Row>, String> {
    let mut rows = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (index, cells) in grid.rows.iter().enumerate().skip(columns.header_row + 1) {
        if cells.iter().all(String::is_empty) {
            continue;
        }
        let cell = |column: usize| cells.get(column).map_or("", String::as_str);
        let place = |column: usize| {
            format!(
                "{}, {} ({})",
                grid.row_name(index),
                grid.column_name(column),
                columns.headers[column]
            )
        };
        let id = cell(columns.id);
        if id.is_empty() {
            return Err(format!("{}: the id is empty", place(columns.id)));
        }
        if !is_item_id(id) {
            return Err(format!(
                "{}: `{id}` is not an item id: use letters, digits, `.`, `-` and `_`, at most 64 characters",
                place(columns.id)
            ));
        }
        if let Some(first) = seen.insert(id.to_owned(), index) {
            return Err(format!(
                "{}: the id `{id}` is already used on {}",
                place(columns.id),
                grid.row_name(first)
            ));
        }
        let question = cell(columns.question);
        if question.is_empty() {
            return Err(format!(
                "{}: the question is empty",
                place(columns.question)
            ));
        }
        let optional = |column: Option<usize>| {
            column
                .map(cell)
                .filter(|text| !text.is_empty())
                .map(str::to_owned)
        };
        rows.push(Row {
            id: id.to_owned(),
            question: question.to_owned(),
            title: optional(columns.title),
            guidance: optional(columns.guidance),
            section: optional(columns.section),
            levels: columns
                .levels
                .iter()
                .filter(|level| level.rule.holds(cell(level.index)))
                .map(|level| level.rule.id.clone())
                .collect(),
        });
    }
    Ok(rows)
}
